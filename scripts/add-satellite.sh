#!/bin/bash
# Adds a satellite to this base (docs/deploy.md, "Satellites"):
#
#   scripts/add-satellite.sh SITE [HOST] > satellite-SITE.sh
#
# gives the principal satellite-SITE a password (kept if it has one) and prints, on stdout, a
# shell script for the satellite: its password, the base's CA certificate and its settings
# (the broker at ssl://HOST:PORT; HOST defaults to the first of CHORUS_TLS_NAMES, PORT is
# CHORUS_MQTT_TLS_PORT, 8883). Run that script in the satellite's Chorus checkout, then
# `docker compose -f docker-compose.satellite.yml up -d` there. The base must run with
# docker-compose.tls.yml. No broker restart: it reads a new principal's password at its first login.
# Compose's own variables (COMPOSE_PROJECT_NAME, CHORUS_VERSION, ...) apply as usual.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 SITE [HOST] > satellite-SITE.sh" >&2
  exit 2
fi
site=$1
host=${2:-}
if ! [[ $site =~ ^[A-Za-z0-9_]{1,64}$ ]]; then
  echo "add-satellite: a satellite's site is 1-64 of A-Z a-z 0-9 _ (no '-'): $site" >&2
  exit 2
fi
port=${CHORUS_MQTT_TLS_PORT:-$(sed -n 's/^CHORUS_MQTT_TLS_PORT=//p' .env 2>/dev/null)}
args=(-e "CHORUS_SATELLITE_PORT=${port:-8883}")
if [ -n "$host" ]; then args+=(-e "CHORUS_SATELLITE_HOST=$host"); fi
exec docker compose -f docker-compose.yml -f docker-compose.tls.yml \
  run --rm -T --no-deps "${args[@]}" mqtt-init satellite "$site"
