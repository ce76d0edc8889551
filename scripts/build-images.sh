#!/usr/bin/env bash
# Build the Chorus images with BuildKit through `docker compose build`, so the images are
# exactly what `docker compose up` runs (build args, named contexts, extra_ca secret, tags).
#
# Usage: scripts/build-images.sh [--stand-ins] [--platform P] [--dev] [--no-cache] [--if-docker] [SERVICE...]
#   SERVICE       compose services to build (default: all that have a build section,
#                 the cli profile included)
#   --dev         also build the dev overlay's images (<module>-dev, the `dev` stage)
#   --print-env   print the variables it builds with (KEY=VALUE lines: base images with
#                 --stand-ins, CHORUS_REVISION, CHORUS_SOURCE, CHORUS_EXTRA_CA) and exit, so that
#                 `export $(scripts/build-images.sh --stand-ins --print-env)` makes a plain
#                 `docker compose build tts` build exactly what this script builds
#   --if-docker   when no Docker engine answers: exit 1 if CI=true, else say so and exit 0
#                 (what `./mvnw verify` runs in system-tests, before the integration tests)
#   --stand-ins   use the offline stand-in base images of scripts/base-images.sh (builds
#                 them first when missing); default: BUILDER_IMAGE/RUNTIME_IMAGE from the
#                 environment, else the official images
#   --no-cache    rebuild every step
#   --platform P  build for another platform, linux/arm64 or linux/amd64 (Raspberry Pi
#                 satellites: docs/building-images.md "arm64 / Raspberry Pi"): Maven runs
#                 natively, jlink, the class-data sharing dumps and training starts run
#                 under qemu (needs qemu-user-static in binfmt_misc: scripts/base-images.sh
#                 --arch sets it up). The tags get the suffix -<arch>
#                 (chorus/broker:0.1.0-SNAPSHOT-arm64), so the native images stay; with
#                 --stand-ins the target platform's stand-ins (base-images.sh --arch).
#                 Not with --dev. scripts/arm64-images.sh builds and checks them.
# Env:  CHORUS_REGISTRY (chorus), CHORUS_VERSION (.env), CHORUS_EXTRA_CA (default: the
#       output of scripts/extra-ca.sh, empty when the host has no extra CA)
# Labels: org.opencontainers.image.version/revision/source from CHORUS_VERSION, the git
#       commit (with "-dirty" when the work tree has changes) and the origin remote.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[build-images] %s\n' "$*" >&2; }

stand_ins=false
dev=false
if_docker=false
print_env=false
platform=""
opts=()
services=()
while [ $# -gt 0 ]; do
  arg=$1
  shift
  case $arg in
    --stand-ins) stand_ins=true ;;
    --platform)
      [ $# -gt 0 ] || { log "--platform needs a value (linux/arm64)"; exit 2; }
      platform=$1
      shift ;;
    --platform=*) platform=${arg#--platform=} ;;
    --dev) dev=true ;;
    --no-cache) opts+=(--no-cache) ;;
    --if-docker) if_docker=true ;;
    --print-env) print_env=true ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    -*) log "unknown option $arg"; exit 2 ;;
    *) services+=("$arg") ;;
  esac
done

if [ "$if_docker" = true ] && ! docker info >/dev/null 2>&1; then
  if [ "${CI:-}" = true ]; then
    log "no Docker engine answers (docker info fails) and CI=true: the system tests need one (.ci/docker-engine.sh)"
    exit 1
  fi
  log "no Docker engine answers (docker info fails): no images built; the system tests will be skipped (CI=true fails instead)"
  exit 0
fi

# Another platform: its architecture, and the tag suffix that keeps the native images.
arch_opts=()
if [ -n "$platform" ]; then
  case $platform in
    linux/amd64 | linux/arm64) ;;
    *) log "--platform $platform: linux/arm64 or linux/amd64"; exit 2 ;;
  esac
  target_arch=${platform#linux/}
  if [ "$target_arch" = "$(dpkg --print-architecture 2>/dev/null || echo amd64)" ]; then
    platform="" # this machine's: the normal build
  else
    [ "$dev" = false ] || { log "--dev builds this machine's dev images only; not with --platform"; exit 2; }
    arch_opts=(--arch "$target_arch")
    CHORUS_VERSION=${CHORUS_VERSION:-$(sed -n 's/^CHORUS_VERSION=//p' .env)}
    CHORUS_VERSION=${CHORUS_VERSION:-dev}
    # (once: the environment may come from --print-env)
    [ "${CHORUS_VERSION%"-$target_arch"}" != "$CHORUS_VERSION" ] || CHORUS_VERSION=$CHORUS_VERSION-$target_arch
    export CHORUS_VERSION
    # Compose builds (and later runs) for this platform
    export DOCKER_DEFAULT_PLATFORM=$platform
    # the class-data sharing training starts run under qemu, all at once
    export CHORUS_CDS_TRAINING_SECONDS=${CHORUS_CDS_TRAINING_SECONDS:-1800}
  fi
fi

if [ "$stand_ins" = true ]; then
  # shellcheck disable=SC2046 # KEY=VALUE lines
  export $(scripts/base-images.sh "${arch_opts[@]}" --print-env)
  if [ "$print_env" = false ]; then
    docker image inspect "$BUILDER_IMAGE" >/dev/null 2>&1 || scripts/base-images.sh >/dev/null
    docker image inspect "${JRE_IMAGE:-$BUILDER_IMAGE}" "$RUNTIME_IMAGE" >/dev/null 2>&1 ||
      scripts/base-images.sh "${arch_opts[@]}" >/dev/null
  fi
fi

CHORUS_EXTRA_CA=${CHORUS_EXTRA_CA:-$(scripts/extra-ca.sh 2>/dev/null)}
export CHORUS_EXTRA_CA
if git rev-parse --git-dir >/dev/null 2>&1; then
  CHORUS_REVISION=$(git rev-parse HEAD)
  git diff --quiet HEAD -- 2>/dev/null || CHORUS_REVISION="$CHORUS_REVISION-dirty"
  CHORUS_SOURCE=${CHORUS_SOURCE:-$(git config --get remote.origin.url || true)}
fi
export CHORUS_REVISION=${CHORUS_REVISION:-unknown} CHORUS_SOURCE=${CHORUS_SOURCE:-}
if [ "$print_env" = true ]; then
  [ "$stand_ins" = false ] || printf 'BUILDER_IMAGE=%s\nRUNTIME_IMAGE=%s\n' "$BUILDER_IMAGE" "$RUNTIME_IMAGE"
  [ -z "${JRE_IMAGE:-}" ] || printf 'JRE_IMAGE=%s\n' "$JRE_IMAGE"
  [ -z "$platform" ] || printf 'DOCKER_DEFAULT_PLATFORM=%s\nCHORUS_VERSION=%s\nCHORUS_CDS_TRAINING_SECONDS=%s\n' \
    "$platform" "$CHORUS_VERSION" "$CHORUS_CDS_TRAINING_SECONDS"
  printf 'CHORUS_REVISION=%s\nCHORUS_SOURCE=%s\nCHORUS_EXTRA_CA=%s\n' "$CHORUS_REVISION" "$CHORUS_SOURCE" "$CHORUS_EXTRA_CA"
  exit 0
fi

# The wake word models (non-commercial, never in git) into build/wake-models, the wake
# image's named context; without npm or the npm registry the image is built without them.
scripts/wake-models.sh || log "no wake word models (scripts/wake-models.sh failed): the wake image will listen to no site"

log "bases: ${BUILDER_IMAGE:-maven:3.9-eclipse-temurin-17}${JRE_IMAGE:+ (jlink: $JRE_IMAGE)} / ${RUNTIME_IMAGE:-debian:bookworm-slim}; revision $CHORUS_REVISION${platform:+; platform $platform, tags :$CHORUS_VERSION}"
start=$SECONDS
# --profile '*' includes services behind a profile (cli); builds run in parallel, the
# Maven steps queue on the shared (locked) Maven cache mount.
docker compose --profile '*' build "${opts[@]}" "${services[@]}"
log "built in $((SECONDS - start)) s"
if [ "$dev" = true ]; then
  # the overlay's services only: the others are the images just built
  mapfile -t dev_services < <(docker compose -f docker-compose.yml -f docker-compose.dev.yml config --format json |
    tr -d '\n' | grep -o '"image": *"[^"]*-dev:[^"]*"' | sed 's/.*\/\([^/:]*\)-dev:.*/\1/')
  docker compose -f docker-compose.yml -f docker-compose.dev.yml build "${opts[@]}" "${dev_services[@]}"
  log "dev images built in $((SECONDS - start)) s in all"
fi
docker image ls --filter "reference=${CHORUS_REGISTRY:-chorus}/*${platform:+:*-${platform#linux/}}" \
  --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' >&2
