#!/bin/bash
# Image build step of modules/Dockerfile (stage `service`) and broker/Dockerfile: writes the
# image's application class-data sharing archive, /app/app.jsa, which its entrypoint maps at
# every start.
#
#   cds-train.sh module | broker
#
# Why: a start is mostly class loading (Micronaut, Netty, Jackson, Paho, HiveMQ, the engine);
# from the archive the JVM maps those classes already parsed and verified instead.
# docs/performance.md "Start-up" has the figures.
#
# How: one training start through the image's own entrypoint (the same JVM flags and class
# path as every later start, which the archive requires) with -XX:ArchiveClassesAtExit and
# a throw-away data folder and password; once it is up, SIGTERM makes the JVM write what it
# loaded on its way out. A module starts with no broker to reach and is up when its HTTP
# server answers /health (503 then: MQTT is down); the broker is up when it has written
# its ready file (it accepts connections).
set -euo pipefail

kind=${1:?usage: cds-train.sh module|broker}
archive=/app/app.jsa
limit=${CHORUS_CDS_TRAINING_SECONDS:-300}
name=${CHORUS_MODULE:-$kind}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/data"
export CHORUS_DATA_DIR="$work/data" CHORUS_JAVA_OPTS="-XX:ArchiveClassesAtExit=$archive"

case $kind in
  module)
    printf 'training-only, not a secret\n' >"$work/password"
    # Nothing listens on 127.0.0.1:1: connecting fails at once and is retried in the
    # background. (The gateway wants the operator's password as well.)
    export CHORUS_MQTT_PASSWORD_FILE="$work/password" \
      CHORUS_GATEWAY_OPERATOR_PASSWORD_FILE="$work/password" \
      CHORUS_MQTT_URI=tcp://127.0.0.1:1
    up() { /usr/local/bin/healthcheck.sh --any-status >/dev/null; } # the HTTP server answers
    ;;
  broker)
    mkdir "$work/credentials"
    printf 'training-only, not a secret\n' >"$work/credentials/operator"
    export CHORUS_BROKER_CREDENTIALS_DIR="$work/credentials" \
      CHORUS_BROKER_READY_FILE="$work/ready"
    up() { [ -f "$work/ready" ]; }
    ;;
  *)
    echo "cds-train: unknown kind $kind (module or broker)" >&2
    exit 2
    ;;
esac

/usr/local/bin/chorus-entrypoint >"$work/log" 2>&1 &
pid=$!

fail() {
  echo "cds-train: $name $*:" >&2
  cat "$work/log" >&2
  kill -KILL "$pid" 2>/dev/null || true
  exit 1
}

waited=0
until up; do
  kill -0 "$pid" 2>/dev/null || fail "exited during its training start"
  ((waited < limit)) || fail "was not up within $limit s"
  sleep 1
  waited=$((waited + 1))
done

kill -TERM "$pid"
wait "$pid" || true # 143 after SIGTERM: the archive decides success
[ -s "$archive" ] || fail "wrote no $archive"
chmod 0444 "$archive"
echo "cds-train: $name: $archive, $(du -k "$archive" | cut -f1) KiB, up after ${waited} s"
