#!/bin/bash
# Start time and idle memory of the embedded stack (docs/performance.md, "Embedded mode").
#
#   modules/embedded/measure.sh MODULES [JAVA_FLAG...]
#   e.g. modules/embedded/measure.sh tts,audio,gateway -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx160m
#
# Run from the repository folder after `./mvnw -q -pl modules/embedded -am package -Dmaven.test.skip=true`.
# Starts the jar with a fresh data folder, waits for "embedded stack ready", leaves it idle for
# IDLE_SECONDS (default 60), prints one line (start time as logged, RSS from ps, load average),
# then stops it with SIGTERM. wake needs CHORUS_WAKE_MODELS_DIR (or build/wake-models). Ports:
# CHORUS_BROKER_MQTT_PORT and CHORUS_GATEWAY_PORT (defaults 31883, 38080, not the stack's).
set -euo pipefail

modules=${1:?usage: measure.sh MODULES [JAVA_FLAG...]}
shift
idle=${IDLE_SECONDS:-60}
data=$(mktemp -d)
log="$data.log"
trap 'rm -rf "$data" "$log"' EXIT

CHORUS_DATA_DIR=$data CHORUS_EMBEDDED_MODULES=$modules \
  CHORUS_BROKER_MQTT_PORT=${CHORUS_BROKER_MQTT_PORT:-31883} CHORUS_GATEWAY_PORT=${CHORUS_GATEWAY_PORT:-38080} \
  java "$@" -jar modules/embedded/target/chorus-embedded.jar >"$log" 2>&1 &
pid=$!
until grep -q "embedded stack ready" "$log"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the stack stopped before it was ready:" >&2
    tail -20 "$log" >&2
    exit 1
  fi
  sleep 1
done
ready=$(grep -o "embedded stack ready in [0-9]* ms" "$log" | grep -o "[0-9]*")
sleep "$idle"
rss_kib=$(ps -o rss= -p "$pid" | tr -d ' ')
echo "modules=$modules flags=[$*] ready_ms=$ready rss_after_${idle}s_idle=$((rss_kib / 1024))MiB load=$(cut -d' ' -f1-3 /proc/loadavg) errors=$(grep -c ' ERROR ' "$log" || true)"
kill "$pid"
wait "$pid" || true
