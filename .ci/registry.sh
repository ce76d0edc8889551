#!/usr/bin/env bash
# A throw-away container registry on 127.0.0.1 for the Swarm test (SwarmIT): Debian's
# docker-registry package (the Distribution registry 2.8), installed from apt when missing,
# run as a plain process with its own config and storage in DIR. Docker pushes to and pulls
# from 127.0.0.0/8 over plain HTTP without any daemon setting.
#
# Usage: .ci/registry.sh start PORT DIR    (as root; waits until /v2/ answers)
#        .ci/registry.sh stop DIR          (ends the process started with that DIR)
#
# The package's own service (all addresses, port 5000) is stopped after installing: only the
# instance on 127.0.0.1:PORT runs.
set -euo pipefail

log() { printf '[registry] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

cmd=${1:-}
case $cmd in
  start)
    [ $# -eq 3 ] || die "usage: $0 start PORT DIR"
    port=$2 dir=$3
    if [ "$(dpkg-query -W -f='${db:Status-Status}' docker-registry 2>/dev/null || true)" != installed ]; then
      log "installing docker-registry"
      export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
      apt-get install -y -q docker-registry </dev/null >/dev/null 2>&1 ||
        { apt-get update -q </dev/null >/dev/null && apt-get install -y -q docker-registry </dev/null >/dev/null; }
      /etc/init.d/docker-registry stop >/dev/null 2>&1 || true
    fi
    mkdir -p "$dir/storage"
    cat >"$dir/config.yml" <<EOF
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $dir/storage}
  delete: {enabled: true}
http:
  addr: 127.0.0.1:$port
EOF
    # setsid: its own session, so it outlives the command that started it (stop ends it)
    setsid docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 </dev/null &
    echo $! >"$dir/registry.pid"
    for _ in $(seq 60); do
      if curl -fsS -o /dev/null "http://127.0.0.1:$port/v2/"; then
        log "serving on 127.0.0.1:$port (pid $(cat "$dir/registry.pid"), storage $dir/storage)"
        exit 0
      fi
      kill -0 "$(cat "$dir/registry.pid")" 2>/dev/null || { cat "$dir/registry.log" >&2; die "docker-registry exited"; }
      sleep 0.5
    done
    die "no answer on 127.0.0.1:$port/v2/ after 30 s"
    ;;
  stop)
    [ $# -eq 2 ] || die "usage: $0 stop DIR"
    pidfile=$2/registry.pid
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      kill "$(cat "$pidfile")"
      log "stopped pid $(cat "$pidfile")"
    fi
    rm -f "$pidfile"
    ;;
  *) die "usage: $0 start PORT DIR | stop DIR" ;;
esac
