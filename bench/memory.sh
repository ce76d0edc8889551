#!/usr/bin/env bash
# Memory benchmark for docs/performance.md ("Memory after load"): the whole stack up, 30 s idle,
# then a load (SAYS says of new text on two sites and as many nlu queries, one of each every
# 0.5 s, until every say's sayFinished came), 30 s idle again. Memory per container at idle and
# after the load: `docker stats` (used) and the container's anonymous memory (cgroup rss/anon:
# what the processes themselves hold, no file cache). Twice in the same run: with the images'
# memory settings, then with them undone by an override file (CHORUS_JAVA_OPTS
# -XX:ArchiveRelocationMode=1 -XX:TrimNativeHeapInterval=0, MALLOC_ARENA_MAX=16: this JDK's and
# glibc's defaults on 2 cores) for the same-run ratio. Rewrites the text between the
# memory-bench markers. Target (issue 12): broker + tts + audio + gateway ≤ 500 MiB after load.
#
# Usage: bench/memory.sh [SAYS] [--no-doc]
# Needs the engine, the images (scripts/build-images.sh --stand-ins) and mosquitto-clients.
# Uses project chorus-bench-mem, ports 127.0.0.1:18852-18853, and removes what it creates.
set -euo pipefail
cd "$(dirname "$0")/.."

says=100 doc=true
for arg in "$@"; do
  case $arg in
    --no-doc) doc=false ;;
    [0-9]*) says=$arg ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[bench-memory] %s\n' "$*" >&2; }
export CHORUS_MQTT_PORT=18852 CHORUS_HTTP_PORT=18853
project=chorus-bench-mem
work=$(mktemp -d)
trap 'docker compose -p "$project" down -v >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# "name used_MiB anon_MiB" per container of the project, sorted by name
sample() {
  local id name used stat anon
  for id in $(docker compose -p "$project" ps -q); do
    name=$(docker inspect --format '{{.Name}}' "$id" | sed "s#^/$project-##; s#-[0-9]*\$##")
    used=$(docker stats --no-stream --format '{{.MemUsage}}' "$id" | cut -d/ -f1 |
      awk '/GiB/ {printf "%.0f", $1 * 1024; next} /MiB/ {printf "%.0f", $1 + 0; next} {printf "%.0f", ($1 + 0) / 1024}')
    stat=/sys/fs/cgroup/memory/docker/$id/memory.stat # cgroup v1
    [ -r "$stat" ] || stat=/sys/fs/cgroup/system.slice/docker-$id.scope/memory.stat # v2
    anon=$(awk '$1 == "total_rss" || $1 == "anon" {printf "%.0f", $2 / 1048576}' "$stat")
    echo "$name $used $anon"
  done | sort
}

# the load; prints how many says were answered
load() {
  local pw mq i
  pw=$(docker compose -p "$project" exec -T broker cat /run/secrets/mqtt-credentials/operator)
  mq=(-V mqttv5 -h 127.0.0.1 -p "$CHORUS_MQTT_PORT" -u operator -P "$pw")
  mosquitto_sub "${mq[@]}" -q 1 -t hermes/tts/sayFinished -C "$says" -W 900 >"$work/finished" 2>/dev/null &
  local sub=$!
  sleep 1 # the subscription is in place
  for i in $(seq 1 "$says"); do
    mosquitto_pub "${mq[@]}" -q 1 -t hermes/tts/say \
      -m "{\"text\": \"Memory load sentence $i of $RANDOM.\", \"siteId\": \"mem$((i % 2))\", \"id\": \"mem-$i\"}"
    mosquitto_pub "${mq[@]}" -q 1 -t hermes/nlu/query \
      -m "{\"input\": \"what time is it\", \"siteId\": \"mem$((i % 2))\", \"id\": \"q-$i\"}"
    sleep 0.5
  done
  wait "$sub" || true
  wc -l <"$work/finished"
}

# one pass: up, idle sample, load, sample after; $1 = label, the rest = extra compose files
pass() {
  local label=$1
  shift
  docker compose -p "$project" "$@" up -d --wait --no-build --pull never >/dev/null 2>&1
  sleep 30 # idle
  sample >"$work/$label-idle"
  log "$label: idle sampled; load of $says says"
  load >"$work/$label-answered"
  sleep 30 # idle again
  sample >"$work/$label-after"
  log "$label: $(cat "$work/$label-answered") of $says says answered"
  docker compose -p "$project" down -v >/dev/null 2>&1
}

pass tuned -f docker-compose.yml
{
  echo "services:"
  for s in $(docker compose config --services | grep -vx -e mqtt-init -e cli); do
    printf '  %s: {environment: {CHORUS_JAVA_OPTS: "-XX:ArchiveRelocationMode=1 -XX:TrimNativeHeapInterval=0", MALLOC_ARENA_MAX: "16"}}\n' "$s"
  done
} >"$work/defaults.yml"
pass defaults -f docker-compose.yml -f "$work/defaults.yml"

rows=$(join "$work/tuned-idle" "$work/tuned-after" | join - "$work/defaults-idle" | join - "$work/defaults-after" |
  awk '{printf "| %s | %s / %s | %s / %s | %s / %s | %s / %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}')
four() { # sum of used and anon over broker, tts, audio, gateway
  awk '$1 ~ /^(broker|tts|audio|gateway)$/ {u += $2; a += $3} END {printf "%d / %d", u, a}' "$1"
}
all() { awk '{u += $2; a += $3} END {printf "%d / %d", u, a}' "$1"; }

section=$(cat <<EOF
Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $(nproc) CPUs; load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg).
Command: \`bench/memory.sh $says\`. Load: $says says of new text on two sites and $says nlu queries, one of
each every 0.5 s, until every sayFinished came ($(cat "$work/tuned-answered") and $(cat "$work/defaults-answered") of $says answered);
memory sampled after 30 s idle, before and after it. MiB, \`docker stats\` used / anonymous memory of the container's cgroup.

| container | idle | after load | idle, JVM and glibc defaults | after load, defaults |
|---|---|---|---|---|
$rows
| **broker + tts + audio + gateway** | $(four "$work/tuned-idle") | **$(four "$work/tuned-after")** | $(four "$work/defaults-idle") | $(four "$work/defaults-after") |
| all | $(all "$work/tuned-idle") | $(all "$work/tuned-after") | $(all "$work/defaults-idle") | $(all "$work/defaults-after") |
EOF
)
echo "$section"
if [ "$doc" = true ]; then
  bench/doc-section.sh memory-bench "$section"
  log "docs/performance.md updated"
fi
