#!/usr/bin/env bash
# Voice-loop benchmark for docs/performance.md ("Voice loop", issue 10): spoken intent accuracy
# wake → asr → nlu, and the latency from the last speech sample to the first playBytes of the
# answer, per step, with the overhead over engine compute. Brings up its own Compose project
# (chorus-bench-voice, MQTT on 127.0.0.1:18860, HTTP 18861) from the images that exist
# (scripts/build-images.sh --stand-ins, tag CHORUS_VERSION, default from .env), runs
# dev.chorus.systemtests.VoiceBench (system-tests test sources; never part of `verify`), removes
# the project (`down -v`) and rewrites the text between the voice-bench markers.
#
# Usage: bench/voice.sh [--sentences N] [--no-doc]
#   --sentences N  how many spoken commands (default 38: every sentence of the bench's list once,
#                  one intent after the other, so a small N still covers many intents)
#   --no-doc       print the section, do not write docs/performance.md
# Needs the engine, the images, espeak-ng and sox (apt-get install espeak-ng sox).
set -euo pipefail
cd "$(dirname "$0")/.."

sentences=38 doc=true
while [ $# -gt 0 ]; do
  case $1 in
    --sentences) sentences=${2:?--sentences needs a number}; shift 2 ;;
    --no-doc) doc=false; shift ;;
    *) echo "unknown argument $1 (usage: bench/voice.sh [--sentences N] [--no-doc])" >&2; exit 2 ;;
  esac
done
command_line="bench/voice.sh"
[ "$sentences" = 38 ] || command_line+=" --sentences $sentences"

log() { printf '[bench-voice] %s\n' "$*" >&2; }

CHORUS_VERSION=${CHORUS_VERSION:-$(sed -n 's/^CHORUS_VERSION=//p' .env)}
export CHORUS_VERSION CHORUS_MQTT_PORT=18860 CHORUS_HTTP_PORT=18861 COMPOSE_PROFILES=
project=chorus-bench-voice
compose() { docker compose -p "$project" "$@"; }
override=""
trap 'compose --profile "*" down -v --remove-orphans --timeout 5 >/dev/null 2>&1 || true; rm -f "$override"' EXIT

log "up: project $project, images chorus/*:$CHORUS_VERSION"
compose up -d --no-build --pull never broker >/dev/null 2>&1
# The modules find the broker by its service name through the engine's embedded DNS. On this
# machine that DNS failed intermittently (SERVFAIL for container names; dockerd.log: "[resolver]
# connect failed"), and a module that cannot resolve "broker" just retries. So every other
# service gets the broker's address in /etc/hosts (extra_hosts, an override file): the same
# address the DNS would give, without the DNS.
ip=$(docker inspect -f "{{(index .NetworkSettings.Networks \"${project}_internal\").IPAddress}}" "$(compose ps -q broker)")
override=$(mktemp --suffix=.yml)
{
  echo "services:"
  for s in $(compose config --services | grep -vx 'broker\|mqtt-init'); do
    printf '  %s:\n    extra_hosts: ["broker:%s"]\n' "$s" "$ip"
  done
} >"$override"
compose() { docker compose -p "$project" -f docker-compose.yml -f "$override" "$@"; }
compose up -d --no-build --pull never >/dev/null 2>&1
# Meanwhile compile the bench (and what it needs), so the run below only packages.
mvn_common=(-o -B -q -pl system-tests -am -Dcheckstyle.skip -Dspotless.check.skip=true)
./mvnw "${mvn_common[@]}" test-compile >&2 &
compiling=$!
# Not `up --wait`: under heavy load a health check may fail a few times before the module is up,
# and --wait gives up on the first "unhealthy". Health checks go on, so wait for all healthy.
deadline=$((SECONDS + 900))
until [ -z "$(compose ps --format '{{.Service}} {{.Health}}' | grep -v ' healthy$' || true)" ]; do
  if [ $SECONDS -gt $deadline ]; then
    compose ps >&2
    log "not every service healthy after 15 min"
    exit 1
  fi
  sleep 5
done
log "every service healthy after ${SECONDS} s"
wait "$compiling" || { log "the bench does not compile"; exit 1; }

out=$PWD/system-tests/target/voice-bench.md
rm -f "$out"
log "$sentences commands"
CHORUS_BENCH_PROJECT=$project CHORUS_BENCH_SENTENCES=$sentences CHORUS_BENCH_OUT=$out \
  ./mvnw "${mvn_common[@]}" verify -Dchorus.images.skip=true \
  -Dit.test=VoiceBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false >&2 ||
  { log "VoiceBench failed"; exit 1; }
[ -s "$out" ] || { log "VoiceBench wrote no $out"; exit 1; }
section=$(cat <<EOF
Measured $(date -u '+%Y-%m-%d') on $(nproc) CPUs, images \`chorus/*:$CHORUS_VERSION\` (other sessions share the machine).

Command: \`$command_line\`.

$(cat "$out")
EOF
)
echo "$section"
if [ "$doc" = true ]; then
  bench/doc-section.sh voice-bench "$section"
  log "docs/performance.md updated"
fi
