#!/usr/bin/env bash
# Dev-loop benchmark for docs/performance.md ("Dev loop"): on the dev overlay, save a one-line
# change to a module's .java file and time until the module's new behaviour is seen over MQTT,
# for audio and for tts, EDITS times each (median reported), no docker command in between.
# The change is an error message: audio's answer to a setVolume out of range
# (SetVolumeListener.java), tts's answer to a say with an unknown voice (TtsException.java).
# From the save on, the request that provokes the error is sent every 250 ms until an error
# carries the new text. Works on a copy of the files the overlay mounts (the checkout is never
# edited) and on the Maven repository volume DevOverlayIT keeps (chorus-systemtest-dev-m2:
# warm after one `./mvnw verify`; the first start on a cold one downloads for minutes).
# Also reports the overlay's first start (broker, audio, tts to healthy). Rewrites the text
# between the dev-loop-bench markers.
#
# Usage: bench/dev-loop.sh [EDITS] [--no-doc]      (EDITS: 5 by default)
# Needs the engine, the images and the dev images (scripts/build-images.sh --stand-ins --dev)
# and mosquitto-clients. Uses project chorus-bench-dev, port 127.0.0.1:18872 and debug ports
# 18873-18874, and removes what it creates (not the Maven volume).
set -euo pipefail
cd "$(dirname "$0")/.."

edits=5 doc=true
for arg in "$@"; do
  case $arg in
    --no-doc) doc=false ;;
    [0-9]*) edits=$arg ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[bench-dev] %s\n' "$*" >&2; }
project=chorus-bench-dev m2=chorus-systemtest-dev-m2
export CHORUS_MQTT_PORT=18872 CHORUS_AUDIO_DEBUG_PORT=18873 CHORUS_TTS_DEBUG_PORT=18874
CHORUS_EXTRA_CA=$(scripts/extra-ca.sh 2>/dev/null || true)
export CHORUS_EXTRA_CA
work=$(mktemp -d)
compose() { docker compose -p "$project" --project-directory "$work" -f "$work/docker-compose.yml" \
  -f "$work/docker-compose.dev.yml" -f "$work/m2.yml" "$@"; }
cleanup() {
  [ -n "${sub:-}" ] && kill "$sub" 2>/dev/null
  compose down -v >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

cp docker-compose.yml docker-compose.dev.yml .env "$work/"
mkdir -p "$work/modules/audio/src" "$work/modules/tts/src"
cp -r shared tts "$work/"
find "$work/shared" -name target -type d -prune -exec rm -rf {} +
cp -r modules/audio/src/main "$work/modules/audio/src/"
cp -r modules/tts/src/main "$work/modules/tts/src/"
printf 'volumes:\n  dev-m2:\n    name: %s\n    external: true\n' "$m2" >"$work/m2.yml"
docker volume create "$m2" >/dev/null

# one edit: $1 module, $2 source file (in the copy), $3 text, $4 text with the marker,
# $5 topic and $6 payload of the request that provokes the error; prints milliseconds
edit() {
  local module=$1 file=$2 from=$3 to=$4 topic=$5 payload=$6 saved now
  saved=$(date +%s%N)
  sed -i "s|$from|$to|" "$file"
  until grep -qF "$to" "$work/errors"; do
    now=$(date +%s%N)
    if [ $(( (now - saved) / 1000000000 )) -gt 180 ]; then
      log "$module: no error with \"$to\" within 180 s"
      compose logs --no-color --tail 40 "$module" >&2
      exit 1
    fi
    mosquitto_pub "${mq[@]}" -q 1 -t "$topic" -m "$payload"
    sleep 0.25
  done
  echo $(( ($(date +%s%N) - saved) / 1000000 ))
}

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
each() { paste -sd' ' "$1"; }

# one pass: $1 = label (in the markers and file names); writes $work/<label>-{start,audio-ms,tts-ms,...}
pass() {
  local label=$1 start i module ms audio_text tts_text
  cp "$work/pristine-audio" "$audio_file"
  cp "$work/pristine-tts" "$tts_file"
  start=$(date +%s%N)
  compose up -d --wait --no-build --pull never audio tts >/dev/null 2>&1 || {
    compose logs --no-color --tail 60 >&2
    exit 1
  }
  echo $(( ($(date +%s%N) - start) / 1000000 )) >"$work/$label-start"
  log "$label: broker, audio, tts healthy on the dev overlay after $(cat "$work/$label-start") ms"
  pw=$(compose exec -T broker cat /run/secrets/mqtt-credentials/operator)
  mq=(-V mqttv5 -h 127.0.0.1 -p "$CHORUS_MQTT_PORT" -u operator -P "$pw")
  mosquitto_sub "${mq[@]}" -q 1 -t hermes/error/# -t chorus/error/# >"$work/errors" &
  sub=$!
  sleep 1 # the subscription is in place
  audio_text="volume must be between 0 and 1" tts_text="Installed voices: "
  : >"$work/$label-audio-ms"
  : >"$work/$label-tts-ms"
  for i in $(seq 1 "$edits"); do
    for module in audio tts; do
      # a new marker each time, replacing the last one (one line changed per save)
      if [ "$module" = audio ]; then
        ms=$(edit audio "$audio_file" "$audio_text" "volume ($label edit $i) must be between 0 and 1" \
          rhasspy/audioServer/setVolume '{"siteId": "devloop", "volume": 5}')
        audio_text="volume ($label edit $i) must be between 0 and 1"
      else
        ms=$(edit tts "$tts_file" "$tts_text" "Installed voices ($label edit $i): " \
          hermes/tts/say '{"text": "hello", "siteId": "devloop", "voice": "nope"}')
        tts_text="Installed voices ($label edit $i): "
      fi
      echo "$ms" >>"$work/$label-$module-ms"
      log "$label: $module edit $i: $ms ms"
      # the container's memory after the first and after the last restart: what restarts leave behind
      if [ "$i" = 1 ] || [ "$i" = "$edits" ]; then
        sleep 5
        docker stats --no-stream --format '{{.MemUsage}}' "$(compose ps -q "$module")" |
          cut -d/ -f1 | tr -d ' ' >>"$work/$label-$module-mem"
      fi
      sleep 5 # the module settles (its restart's JIT work) before the next save
    done
  done
  kill "$sub"
  sub=
  compose down -v >/dev/null 2>&1
}

audio_file=$work/modules/audio/src/main/java/dev/chorus/audio/hermes/SetVolumeListener.java
tts_file=$work/modules/tts/src/main/java/dev/chorus/tts/TtsException.java
cp "$audio_file" "$work/pristine-audio"
cp "$tts_file" "$work/pristine-tts"
pass dev
section=$(cat <<EOF
Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $(nproc) CPUs; load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg).
Command: \`bench/dev-loop.sh $edits\`: the dev overlay (broker, audio, tts) on the warm Maven volume; each
save changes one line of a .java file (an error message), then the request that provokes that
error is sent every 250 ms until the new text comes back over MQTT.

| what | median | each, ms | target |
|---|---:|---|---|
| overlay first start, \`up -d --wait\` broker + audio + tts | $(cat "$work/dev-start") ms | | ≤ 60 s |
| audio: save \`SetVolumeListener.java\` → new error text | **$(median <"$work/dev-audio-ms") ms** | $(each "$work/dev-audio-ms") | ≤ 5 s |
| tts: save \`TtsException.java\` → new error text | **$(median <"$work/dev-tts-ms") ms** | $(each "$work/dev-tts-ms") | ≤ 5 s |
| container memory after the first and the last edit (audio; tts) | | $(each "$work/dev-audio-mem"); $(each "$work/dev-tts-mem") | |
EOF
)
echo "$section"
if [ "$doc" = true ]; then
  bench/doc-section.sh dev-loop-bench "$section"
  log "docs/performance.md updated"
fi
