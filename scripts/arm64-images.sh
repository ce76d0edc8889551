#!/usr/bin/env bash
# Build the Chorus images for linux/arm64 (Raspberry Pi satellites) on an amd64 machine, and
# check that they start, under qemu (docs/building-images.md "arm64 / Raspberry Pi").
#
# Usage: scripts/arm64-images.sh [--stand-ins] [--no-build] [--stack S,...|all] [--no-stack] [SERVICE...]
#   SERVICE      compose services (default: every service with a build section, cli included)
#   --stand-ins  build on the offline stand-ins (scripts/base-images.sh --arch arm64 builds
#                the arm64 ones when missing: qemu-user-static, debootstrap, Debian's JDK)
#   --no-build   only check images built before
#   --stack S,.. the services of the stack check (3. below); default broker,audio,mic,wake
#                (a satellite's modules and a broker), `all`: the whole stack
#   --no-stack   skip the stack check
# What it does:
#   build   scripts/build-images.sh --platform linux/arm64 [--stand-ins] [SERVICE...]:
#           tags ${CHORUS_REGISTRY:-chorus}/<name>:${CHORUS_VERSION}-arm64, the amd64 images
#           stay; Maven runs natively, jlink and the class-data sharing training under qemu
#   check   1. each image is linux/arm64 (docker image inspect)
#           2. each image runs its Java runtime under qemu: uname -m is aarch64, java -version
#           3. a stack with these tags (Compose project chorus-arm64, ports 127.0.0.1:21883
#              and :28080; the --stack services) reaches healthy:
#              docker compose up -d --wait, then down -v
# Needs: a running engine, root (binfmt_misc, apt), qemu-aarch64 registered with the F flag
# (scripts/base-images.sh --arch arm64 sets it up).
# Env:   CHORUS_ARM64_WAIT_TIMEOUT (900): seconds for `up --wait` (everything is slow emulated)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[arm64-images] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

build=true stack=true
stack_services=(broker audio mic wake)
build_opts=()
services=()
while [ $# -gt 0 ]; do
  arg=$1
  shift
  case $arg in
    --stand-ins) build_opts+=(--stand-ins) ;;
    --no-build) build=false ;;
    --no-stack) stack=false ;;
    --stack)
      [ $# -gt 0 ] || die "--stack needs a value (broker,audio or all)"
      if [ "$1" = all ]; then stack_services=(); else IFS=, read -r -a stack_services <<<"$1"; fi
      shift ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    -*) die "unknown option $arg (try --help)" ;;
    *) services+=("$arg") ;;
  esac
done

docker info >/dev/null 2>&1 || die "the Docker engine does not answer; run .ci/docker-engine.sh first"
grep -qs '^flags:.*F' /proc/sys/fs/binfmt_misc/qemu-aarch64 ||
  die "qemu-aarch64 is not registered in binfmt_misc (with the F flag): scripts/base-images.sh --arch arm64 sets it up"

# The variables build-images.sh builds with: the tags, the platform, the bases.
# shellcheck disable=SC2046 # KEY=VALUE lines
export $(scripts/build-images.sh --platform linux/arm64 "${build_opts[@]}" --print-env)
[ "$DOCKER_DEFAULT_PLATFORM" = linux/arm64 ] || die "this machine builds arm64 natively; use scripts/build-images.sh"

if [ "$build" = true ]; then
  start=$SECONDS
  scripts/build-images.sh --platform linux/arm64 "${build_opts[@]}" "${services[@]}"
  log "built for linux/arm64 in $((SECONDS - start)) s"
fi

# The images of the services (mqtt-init runs the broker's image).
mapfile -t images < <(docker compose --profile '*' config --images "${services[@]}" | sort -u)
[ "${#images[@]}" -gt 0 ] || die "no images for: ${services[*]:-all services}"

failed=0
for image in "${images[@]}"; do
  platform=$(docker image inspect --format '{{.Os}}/{{.Architecture}}' "$image" 2>/dev/null) ||
    { log "FAIL $image: no such image"; failed=1; continue; }
  if [ "$platform" != linux/arm64 ]; then
    log "FAIL $image: $platform, not linux/arm64"
    failed=1
    continue
  fi
  t0=$SECONDS
  if out=$(docker run --rm --platform linux/arm64 --entrypoint /bin/sh "$image" \
    -c 'uname -m && /opt/java/bin/java -version' 2>&1) && [ "${out%%$'\n'*}" = aarch64 ]; then
    log "ok   $image: $platform, $(docker image inspect --format '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}'), java -version under qemu in $((SECONDS - t0)) s: $(printf '%s\n' "$out" | sed -n 2p)"
  else
    log "FAIL $image: java under qemu:"
    printf '%s\n' "$out" >&2
    failed=1
  fi
done
[ "$failed" = 0 ] || die "some arm64 images do not start (above)"

if [ "$stack" = true ]; then
  project=chorus-arm64
  export CHORUS_MQTT_PORT=${CHORUS_ARM64_MQTT_PORT:-21883} CHORUS_HTTP_PORT=${CHORUS_ARM64_HTTP_PORT:-28080}
  compose=(docker compose -p "$project")
  # shellcheck disable=SC2317 # called by the trap
  down() { "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true; }
  trap down EXIT
  down
  log "docker compose -p $project up -d --wait ${stack_services[*]:-(all services)} with the :$CHORUS_VERSION images"
  t0=$SECONDS
  if "${compose[@]}" up -d --wait --wait-timeout "${CHORUS_ARM64_WAIT_TIMEOUT:-900}" --pull never --no-build \
    "${stack_services[@]}"; then
    log "stack healthy under qemu in $((SECONDS - t0)) s"
    "${compose[@]}" ps --format '{{.Service}}\t{{.Status}}' >&2
    mapfile -t ids < <("${compose[@]}" ps -q)
    docker stats --no-stream --format '{{.Name}}\t{{.MemUsage}}\t{{.CPUPerc}}' "${ids[@]}" >&2 || true
  else
    log "FAIL: the stack did not reach healthy under qemu in $((SECONDS - t0)) s"
    "${compose[@]}" ps -a --format '{{.Service}}\t{{.Status}}' >&2
    "${compose[@]}" logs --tail 20 >&2 || true
    exit 1
  fi
fi
log "arm64 images OK"
