#!/bin/bash
# Docker HEALTHCHECK of every Chorus module image; starts no JVM (no curl either): an
# HTTP GET of /health on the module's own port through bash's /dev/tcp. Healthy on
# HTTP 200; Micronaut answers 503 while an indicator (the MQTT connection) is DOWN.
# --any-status: healthy on any HTTP answer (the server is up; scripts/cds-train.sh).
set -u
any_status=false
[ "${1:-}" = --any-status ] && any_status=true
# The module's HTTP port: 8080 unless moved (the gateway reads CHORUS_GATEWAY_PORT).
port=${CHORUS_GATEWAY_PORT:-${MICRONAUT_SERVER_PORT:-8080}}
if ! { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
  echo "port $port refuses connections"
  exit 1
fi
printf 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 4 status <&3 || status="no answer"
exec 3<&-
status=${status%$'\r'}
case $status in
  "HTTP/1.1 200"* | "HTTP/1.0 200"*) echo "$status"; exit 0 ;;
  HTTP/1.?" "*) [ "$any_status" = true ] && { echo "$status"; exit 0; } ;;
esac
echo "GET /health: $status"
exit 1
