#!/usr/bin/env bash
# Install and start the Docker engine, Compose v2 and buildx on a Debian 12 (bookworm)
# machine without systemd, then wait until `docker info` answers.
#
# Follows the Docker notes of this workplace (docker-here.md in the reference folder beside
# the repository, sections 1, 2 and 7):
#   - docker.io from bookworm,
#   - docker-compose (Compose v2) and docker-buildx from trixie, with trixie pinned low
#     (priority 100) so that nothing else is upgraded by accident; this also lifts
#     docker.io to trixie's 26.1 while containerd and runc stay bookworm's,
#   - dockerd started in the background (no systemd), log in $DOCKERD_LOG,
#   - test tools: mosquitto, mosquitto-clients, debootstrap.
#
# Usage:  .ci/docker-engine.sh            (as root; needs no stdin; safe to re-run)
# Env:    DOCKERD_LOG=/var/log/dockerd.log  DOCKER_WAIT_SECONDS=60
#         DEBIAN_MIRROR=<url>  (default: the mirror apt already uses)
#
# Idempotent: every step checks first, so with everything installed and dockerd
# answering the script only runs a few checks and exits within a second.
set -euo pipefail

DOCKERD_LOG=${DOCKERD_LOG:-/var/log/dockerd.log}
DOCKER_WAIT_SECONDS=${DOCKER_WAIT_SECONDS:-60}
TRIXIE_SOURCES=/etc/apt/sources.list.d/trixie.sources
TRIXIE_PIN=/etc/apt/preferences.d/trixie-low
BOOKWORM_PKGS=(docker.io mosquitto mosquitto-clients debootstrap)

export DEBIAN_FRONTEND=noninteractive
# needrestart (pulled in by docker.io's recommends) must not restart host services.
export NEEDRESTART_SUSPEND=1

log() { printf '[docker-engine] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root"

# True when the package is installed (not just known to dpkg).
installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]
}

docker_answers() { docker info >/dev/null 2>&1; }
compose_ok() { docker compose version >/dev/null 2>&1; }
buildx_ok() { docker buildx version >/dev/null 2>&1; }

apt_updated=false
apt_update() {
  if [ "$apt_updated" = false ]; then
    log "apt-get update"
    apt-get update -q </dev/null >/dev/null
    apt_updated=true
  fi
}

apt_install() {
  apt-get install -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "$@" </dev/null
}

debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then
    printf '%s\n' "$DEBIAN_MIRROR"
    return
  fi
  local m=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  elif [ -f /etc/apt/sources.list ]; then
    m=$(awk '$1=="deb" && $3=="bookworm" {print $2; exit}' /etc/apt/sources.list)
  fi
  printf '%s\n' "${m:-http://deb.debian.org/debian}"
}

# Write a file only when its content differs, so re-runs do not touch apt's state.
write_if_changed() {
  local path=$1 content=$2
  if [ ! -f "$path" ] || [ "$(cat "$path")" != "$content" ]; then
    printf '%s\n' "$content" >"$path"
    return 0
  fi
  return 1
}

# 1. bookworm packages: docker.io and the test tools
missing=()
for p in "${BOOKWORM_PKGS[@]}"; do
  installed "$p" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt_update
  log "installing from bookworm: ${missing[*]}"
  apt_install "${missing[@]}"
fi

# 2. Compose v2 and buildx from trixie, pinned low
if ! installed docker-compose || ! installed docker-buildx || ! compose_ok || ! buildx_ok; then
  mirror=$(debian_mirror)
  changed=false
  write_if_changed "$TRIXIE_SOURCES" "Types: deb
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" && changed=true
  write_if_changed "$TRIXIE_PIN" "Package: *
Pin: release n=trixie
Pin-Priority: 100" && changed=true
  if [ "$changed" = true ]; then
    apt_updated=false
  fi
  apt_update
  # `-t trixie` makes trixie the default release for the whole transaction. With
  # docker.io already installed from bookworm (step 1) it only lifts docker.io and
  # adds docker-cli; anything else (libc6, ...) would mean the host changes
  # underneath everyone, so check with a dry run first and refuse.
  others=$(apt-get -s install -t trixie docker-compose docker-buildx </dev/null |
    awk '$1=="Remv" || ($1=="Inst" && $3 ~ /^\[/) {print $2}' |
    grep -vxE 'docker\.io|docker-cli|docker-compose|docker-buildx' || true)
  [ -z "$others" ] || die "installing from trixie would also change: $(echo "$others" | tr '\n' ' ')"
  log "installing from trixie: docker-compose docker-buildx"
  apt_install -t trixie docker-compose docker-buildx
fi

# 3. start dockerd if it does not answer
# A dockerd whose working directory was deleted (started from a CI clone that is gone) fails every
# build from a git URL ("git: unable to get current working directory"): restart it from /.
if docker_answers && [ -f /var/run/docker.pid ] &&
  [[ "$(readlink "/proc/$(cat /var/run/docker.pid)/cwd" 2>/dev/null)" == *"(deleted)" ]]; then
  log "dockerd (pid $(cat /var/run/docker.pid)) runs in a deleted folder; restarting it from /"
  kill "$(cat /var/run/docker.pid)"
  for _ in $(seq "$DOCKER_WAIT_SECONDS"); do
    kill -0 "$(cat /var/run/docker.pid 2>/dev/null)" 2>/dev/null || break
    sleep 1
  done
fi
if ! docker_answers; then
  if [ -f /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    log "dockerd is running (pid $(cat /var/run/docker.pid)) but not answering yet; waiting"
  else
    log "starting dockerd (log: $DOCKERD_LOG)"
    # setsid: own session, so dockerd outlives the shell or CI step that started it.
    # From /: its working directory must outlive the clone this script runs in.
    # The subshell's own descriptors are redirected too and exec makes it dockerd: nothing keeps the caller's
    # stdout open (a CI runner waiting for its end would hang).
    (cd / && exec setsid nohup dockerd) >>"$DOCKERD_LOG" 2>&1 </dev/null &
  fi
  for _ in $(seq "$DOCKER_WAIT_SECONDS"); do
    docker_answers && break
    sleep 1
  done
  if ! docker_answers; then
    tail -n 30 "$DOCKERD_LOG" >&2 || true
    die "dockerd did not answer within ${DOCKER_WAIT_SECONDS}s"
  fi
fi

compose_ok || die "docker compose does not answer"
buildx_ok || die "docker buildx does not answer"
log "ready: engine $(docker version -f '{{.Server.Version}}'), $(docker compose version --short | sed 's/^/compose /'), $(docker buildx version | awk '{print "buildx " $2}')"
