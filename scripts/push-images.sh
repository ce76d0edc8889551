#!/usr/bin/env bash
# Push the Chorus images to a registry, tagged by version and by commit, for
# `docker stack deploy` (docker-stack.yml, docs/deploy.md) or any other host that pulls.
#
# Usage: scripts/push-images.sh [--build] [--stand-ins] [IMAGE...]
#   IMAGE        image names (broker, tts, ...; default: every image of docker-compose.yml)
#   --build      build them first with scripts/build-images.sh (--stand-ins passed on)
# Env:  CHORUS_REGISTRY  where to push, required, e.g. registry.example.com:5000/chorus
#       CHORUS_VERSION   the version tag (default: .env)
#       CHORUS_PUSH_JOBS pushes at a time (4)
#
# Each image goes up twice: <registry>/<name>:<version> and <registry>/<name>:<version>-<commit>
# (the first 12 characters of its org.opencontainers.image.revision label, which
# scripts/build-images.sh sets; "-dirty" kept). The image pushed is <registry>/<name>:<version>
# when it exists locally, else chorus/<name>:<version> (what a plain build-images.sh makes).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[push-images] %s\n' "$*" >&2; }
die() { log "$*"; exit 2; }

build=false
build_args=()
names=()
for arg in "$@"; do
  case $arg in
    --build) build=true ;;
    --stand-ins) build_args+=(--stand-ins) ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    -*) die "unknown option $arg" ;;
    *) names+=("$arg") ;;
  esac
done

[ -n "${CHORUS_REGISTRY:-}" ] || die "set CHORUS_REGISTRY to the registry (and path) to push to, e.g. registry.example.com:5000/chorus"
[ "$CHORUS_REGISTRY" != chorus ] || die "CHORUS_REGISTRY=chorus is the local name of the images, not a registry"
export CHORUS_REGISTRY

# <registry>/<name>:<version> of every image, as Compose names them (.env gives the version)
mapfile -t refs < <(docker compose --profile '*' config --images | sort -u)
[ "${#refs[@]}" -gt 0 ] || die "docker compose config lists no images"
version=${refs[0]##*:}
if [ "${#names[@]}" -gt 0 ]; then
  selected=()
  for n in "${names[@]}"; do
    ref="$CHORUS_REGISTRY/$n:$version"
    printf '%s\n' "${refs[@]}" | grep -qxF "$ref" || die "no image $n in docker-compose.yml"
    selected+=("$ref")
  done
  refs=("${selected[@]}")
fi

if [ "$build" = true ]; then
  services=()
  for ref in "${refs[@]}"; do
    n=${ref%:*}
    services+=("${n##*/}")
  done
  scripts/build-images.sh "${build_args[@]}" "${services[@]}"
fi

start=$SECONDS
pushes=()
for ref in "${refs[@]}"; do
  repo=${ref%:*}
  name=${repo##*/}
  if ! docker image inspect "$ref" >/dev/null 2>&1; then
    docker image inspect "chorus/$name:$version" >/dev/null 2>&1 ||
      die "no image $ref nor chorus/$name:$version: build them (scripts/build-images.sh, or --build)"
    docker tag "chorus/$name:$version" "$ref"
  fi
  revision=$(docker image inspect --format '{{index .Config.Labels "org.opencontainers.image.revision"}}' "$ref")
  case $revision in
    "" | unknown | "<no value>") die "$ref has no revision label: build it with scripts/build-images.sh" ;;
  esac
  commit_tag="$repo:$version-${revision:0:12}"
  [[ $revision != *-dirty ]] || commit_tag="$commit_tag-dirty"
  docker tag "$ref" "$commit_tag"
  pushes+=("$ref" "$commit_tag")
done
# A few pushes at a time: compressing layers is what takes the time, and the images share
# most of theirs (the registry stores each layer once). Version tags first, then the commit
# tags (by then only a manifest each); a push the registry refuses (two uploads of the same
# layer at once can end in a 500) is tried again.
push() {
  printf '%s\n' "$@" | xargs -P "${CHORUS_PUSH_JOBS:-4}" -I{} sh -c '
    for try in 1 2 3; do
      docker push --quiet "$1" >/dev/null && { echo "[push-images] pushed $1" >&2; exit 0; }
      echo "[push-images] push of $1 failed (try $try of 3)" >&2
    done
    exit 1' _ {} || die "a push failed (see above)"
}
version_tags=()
commit_tags=()
for ((i = 0; i < ${#pushes[@]}; i += 2)); do
  version_tags+=("${pushes[i]}")
  commit_tags+=("${pushes[i + 1]}")
done
push "${version_tags[@]}"
push "${commit_tags[@]}"
log "pushed ${#refs[@]} images (${#pushes[@]} tags) in $((SECONDS - start)) s"
