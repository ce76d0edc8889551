#!/usr/bin/env bash
# Container benchmarks for docs/performance.md ("Containers"): image sizes, warm rebuild of one
# module after a one-line change, `docker compose up --wait` to all healthy (first up with new
# volumes, and again), idle memory per container, and the dev overlay's save-to-new-behaviour
# time (from DevOverlayTest), and up --wait once more without the images' class-data sharing
# archives (-Xshare:off) for the same-run ratio. Rewrites the text between the containers-bench markers.
#
# Usage: bench/containers.sh [--cold] [--no-doc]
#   --cold    first measure a cold build of every image: `docker builder prune -af` (drops the
#             whole BuildKit cache, the Maven cache mount included) and scripts/build-images.sh
#   --no-doc  print the section, do not write docs/performance.md
# Needs the engine, the stand-in base images (scripts/base-images.sh) and the images
# (scripts/build-images.sh --stand-ins --dev), except with --cold. Uses project names
# chorus-bench-*, ports 127.0.0.1:18850-18851, and removes what it creates.
set -euo pipefail
cd "$(dirname "$0")/.."

cold=false doc=true
for arg in "$@"; do
  case $arg in
    --cold) cold=true ;;
    --no-doc) doc=false ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[bench-containers] %s\n' "$*" >&2; }
now() { date +%s.%N; }
secs() { printf '%.1f' "$(echo "$2 - $1" | bc)"; }

# shellcheck disable=SC2046 # KEY=VALUE lines
export $(scripts/base-images.sh --print-env)
CHORUS_EXTRA_CA=$(scripts/extra-ca.sh 2>/dev/null)
export CHORUS_EXTRA_CA
version=$(sed -n 's/^CHORUS_VERSION=//p' .env)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()

if [ "$cold" = true ]; then
  log "cold build: pruning the build cache"
  docker builder prune -af >/dev/null
  t0=$(now)
  scripts/build-images.sh --stand-ins >/dev/null 2>&1
  rows+=("| cold build of every image (empty BuildKit and Maven caches; Maven downloads included) | \`docker builder prune -af && scripts/build-images.sh --stand-ins\` | $(secs "$t0" "$(now)") s | |")
fi

# Warm rebuild after a one-line change, in a copy of HEAD (the checkout is never edited).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git archive HEAD | tar -x -C "$work"
(
  cd "$work"
  export CHORUS_VERSION=bench
  docker compose build audio >/dev/null 2>&1 # the copy's own warm-up: same layers as the checkout
  # a new text every run: the same edit as last time would be a BuildKit cache hit
  sed -i "0,/LOG.info(\"/s//LOG.info(\"[bench $(date +%s%N)] /" modules/audio/src/main/java/dev/chorus/audio/hermes/SetVolumeListener.java
  t0=$(now)
  docker compose build audio >/dev/null 2>&1
  secs "$t0" "$(now)" >"$work/rebuild.s"
  docker image rm "chorus/audio:bench" >/dev/null 2>&1 || true
)
rows+=("| warm rebuild of one module after a one-line change (audio, a log message) | \`docker compose build audio\` | $(cat "$work/rebuild.s") s | ≤ 30 s |")

# up --wait: a new project (volumes created, passwords generated), then again after `down`.
export CHORUS_MQTT_PORT=18850 CHORUS_HTTP_PORT=18851
project=chorus-bench-$$
t0=$(now)
docker compose -p "$project" up -d --wait --no-build --pull never >/dev/null 2>&1
first=$(secs "$t0" "$(now)")
sleep 30 # idle
stats=$(docker stats --no-stream --format '{{.Name}} {{.MemUsage}}' | grep "^$project-" | sed "s/^$project-//; s/-1 / /" | sort)
# tts back and speaking after a crash: SIGKILL, then a say published at once (QoS 1: the broker
# keeps it for the tts's persistent session) until its sayFinished arrives.
pw=$(docker compose -p "$project" exec -T broker cat /run/secrets/mqtt-credentials/operator)
mq=(-V mqttv5 -h 127.0.0.1 -p "$CHORUS_MQTT_PORT" -u operator -P "$pw")
mosquitto_sub "${mq[@]}" -q 1 -t hermes/tts/sayFinished -C 1 -W 120 >/dev/null &
sub=$!
sleep 1 # the subscription is in place
t0=$(now)
# The JVM killed from the host, as the kernel's OOM killer or a crash would: the restart policy
# brings the container back (`docker kill` would count as stopped by hand, and it would stay down).
kill -KILL "$(docker inspect --format '{{.State.Pid}}' "$project-tts-1")"
mosquitto_pub "${mq[@]}" -q 1 -t hermes/tts/say -m '{"text": "I am back.", "siteId": "bench", "id": "bench-crash"}'
if wait "$sub"; then crash=$(secs "$t0" "$(now)"); else crash="no sayFinished in 120"; fi
rows+=("| tts's JVM SIGKILLed → a say sent at once is spoken (sayFinished; the restart policy restarts the container) | \`kill -KILL\` + \`mosquitto_pub\` | $crash s | ≤ 8 s |")
docker compose -p "$project" down >/dev/null 2>&1
t0=$(now)
docker compose -p "$project" up -d --wait --no-build --pull never >/dev/null 2>&1
again=$(secs "$t0" "$(now)")
sleep 30 # idle
stats_again=$(docker stats --no-stream --format '{{.Name}} {{.MemUsage}}' | grep "^$project-" | sed "s/^$project-//; s/-1 / /" | sort)
# The same without the images' class-data sharing archives (scripts/cds-train.sh), for the ratio:
# -Xshare:off in every JVM, through an override file.
{
  echo "services:"
  for s in $(docker compose config --services | grep -vx -e mqtt-init -e cli); do
    printf '  %s: {environment: {CHORUS_JAVA_OPTS: "-Xshare:off"}}\n' "$s"
  done
} >"$work/no-cds.yml"
docker compose -p "$project" down >/dev/null 2>&1
t0=$(now)
docker compose -p "$project" -f docker-compose.yml -f "$work/no-cds.yml" up -d --wait --no-build --pull never >/dev/null 2>&1
no_cds=$(secs "$t0" "$(now)")
sleep 30 # idle
stats_no_cds=$(docker stats --no-stream --format '{{.Name}} {{.MemUsage}}' | grep "^$project-" | sed "s/^$project-//; s/-1 / /" | sort)
docker compose -p "$project" down -v >/dev/null 2>&1
rows+=("| \`up --wait\` to every service healthy, first time (volumes, passwords) | \`docker compose up -d --wait\` | $first s | ≤ 20 s |")
rows+=("| \`up --wait\` to every service healthy, volumes exist | \`docker compose down && docker compose up -d --wait\` | $again s | ≤ 20 s |")
rows+=("| the same without the class-data sharing archives (\`CHORUS_JAVA_OPTS=-Xshare:off\` in every container) | override file | $no_cds s ($(echo "scale=2; $again / $no_cds" | bc | sed 's/^\./0./')× with them) | |")

# Dev overlay: DevOverlayIT prints its save-to-new-behaviour times (system-tests; the build
# rebuilds the images first, a cache hit when nothing changed).
./mvnw -B -q -pl system-tests -am verify -Dit.test=DevOverlayIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  >/dev/null 2>&1 || log "DevOverlayIT failed"
dev=$(grep -ho 'edit [0-9]: .* after [0-9]* ms' system-tests/target/failsafe-reports/TEST-dev.chorus.systemtests.DevOverlayIT.xml 2>/dev/null |
  sed 's/.* after \([0-9]*\) ms/\1/' | awk '{printf "%s%.1f s", (NR>1?", ":""), $1/1000}')
rows+=("| dev overlay: save a one-line change → the module reports it over MQTT (audio, two edits) | \`DevOverlayIT\` | ${dev:-n/a} | ≤ 5 s |")

sizes=$(for n in broker $(grep -o 'MODULE: [a-z0-9-]*' docker-compose.yml | cut -d' ' -f2 | sort -u); do
  printf '| %s | %s |\n' "$n" "$(docker image inspect --format '{{.Size}}' "chorus/$n:$version" | awk '{printf "%.0f MB", $1/1000/1000}')"
done)
memory=$(join <(echo "$stats") <(echo "$stats_again") | join - <(echo "$stats_no_cds") |
  awk '{printf "| %s | %s | %s | %s |\n", $1, $2, $5, $8}')

section=$(cat <<EOF2
Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $(nproc) CPUs, Docker $(docker version --format '{{.Server.Version}}'), Compose $(docker compose version --short); load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg) (other sessions share the machine).

Command: \`bench/containers.sh$([ "$cold" = true ] && echo " --cold")\`.

| what | command | time | target |
|---|---|---:|---|
$(printf '%s\n' "${rows[@]}")

Image sizes (\`docker image inspect\`, uncompressed; the Debian slim base, 74 MB, is shared by all; target ≤ 120 MB per module):

| image | size |
|---|---:|
$sizes

Idle memory 30 s after each \`up --wait\` (\`docker stats\`, used; the 30 s begin when all are healthy;
targets ≤ 150 MB per module, ≤ 1 GB for the stack):

| container | first up | again | again, no archives |
|---|---|---|---|
$memory
EOF2
)
echo "$section"
if [ "$doc" = true ]; then
  bench/doc-section.sh containers-bench "$section"
  log "docs/performance.md updated"
fi
