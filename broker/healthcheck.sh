#!/bin/bash
# Docker HEALTHCHECK of the broker image; starts no JVM. Healthy when the broker has
# written its ready file (it does once it accepts connections, and removes it at stop)
# and its MQTT port takes a TCP connection.
set -u
ready=${CHORUS_BROKER_READY_FILE:-/tmp/chorus-broker.ready}
port=${CHORUS_BROKER_MQTT_PORT:-1883}
if [ ! -f "$ready" ]; then
  echo "not ready: no $ready"
  exit 1
fi
if ! { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
  echo "MQTT port $port refuses connections"
  exit 1
fi
exec 3>&-
echo "ready, MQTT port $port open"
