#!/bin/bash
# One-shot credentials service of docker-compose.yml (service `mqtt-init`, broker image).
#
#   init-credentials.sh [generate]   (default) a random password for every principal in
#                                    CHORUS_PRINCIPALS and every module secret folder
#                                    (below) that has none yet; keeps existing
#   init-credentials.sh set NAME     the password of principal NAME from stdin (first line)
#   init-credentials.sh rotate NAME  a new random password for NAME
#
# Then, every time: each module secret folder mounted under $CHORUS_MODULE_SECRETS_ROOT
# (/secrets/<principal>, one small named volume per module) gets a copy of its own
# principal's password as `mqtt-password`, so a module container sees only its own.
# CHORUS_MODULE_EXTRA_SECRETS adds other principals' passwords where a module needs them:
# "gateway:operator" writes the operator password as /secrets/gateway/operator-password
# (the gateway's console login is the operator credential).
# The broker mounts $CHORUS_BROKER_CREDENTIALS_DIR (all principals) read-only.
#
# Files: mode 0400, owned by the images' user 10001. Runs as root with only CHOWN and
# DAC_OVERRIDE, no network (see docker-compose.yml). Never prints a password.
set -euo pipefail
umask 077

creds=${CHORUS_BROKER_CREDENTIALS_DIR:-/run/secrets/mqtt-credentials}
secrets_root=${CHORUS_MODULE_SECRETS_ROOT:-/secrets}
principals=${CHORUS_PRINCIPALS:-tts audio gateway cli operator}
extras=${CHORUS_MODULE_EXTRA_SECRETS:-}
owner=${CHORUS_SECRET_OWNER:-10001:10001}

log() { echo "mqtt-init: $*" >&2; }
die() {
  log "$*"
  exit 2
}

valid_name() { [[ $1 =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]]; }

# write FILE CONTENT: atomically (temporary file + rename), 0400, owned by $owner
write_secret() {
  local file=$1 content=$2 tmp
  tmp=$(mktemp "$(dirname "$file")/.tmp.XXXXXX")
  printf '%s\n' "$content" >"$tmp"
  chmod 0400 "$tmp"
  chown "$owner" "$tmp"
  mv -f "$tmp" "$file"
}

random_password() {
  # 32 random bytes, base64url without padding: 43 characters
  head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '='
}

{ [ -d "$creds" ] && [ -w "$creds" ]; } || die "credentials folder $creds is missing or read-only"

cmd=${1:-generate}
# A module secret folder names its principal: mounting /secrets/<module> is all a new
# module needs here (docs/new-module.md).
if [ -d "$secrets_root" ]; then
  for dir in "$secrets_root"/*/; do
    if [ -d "$dir" ]; then principals="$principals $(basename "$dir")"; fi
  done
fi

case $cmd in
  generate)
    for p in $principals; do
      valid_name "$p" || die "invalid principal name in CHORUS_PRINCIPALS: $p"
      if [ ! -s "$creds/$p" ]; then
        write_secret "$creds/$p" "$(random_password)"
        log "generated a password for $p"
      fi
    done
    ;;
  set | rotate)
    [ $# -eq 2 ] || die "usage: $0 $cmd PRINCIPAL"
    p=$2
    valid_name "$p" || die "invalid principal name: $p"
    if [ "$cmd" = set ]; then
      IFS= read -r password || [ -n "${password:-}" ] || die "no password on stdin"
      password=${password%$'\r'}
      [ -n "$password" ] || die "empty password"
      [[ $password != *[[:space:]]* ]] || die "the password must not contain blanks"
    else
      password=$(random_password)
    fi
    write_secret "$creds/$p" "$password"
    unset password
    log "new password for $p; now restart the broker and that module: docker compose restart broker $p"
    ;;
  *) die "unknown command: $cmd (generate | set NAME | rotate NAME)" ;;
esac

# Each module's own secret volume: a copy of its password, nothing else.
if [ -d "$secrets_root" ]; then
  for dir in "$secrets_root"/*/; do
    [ -d "$dir" ] || continue
    p=$(basename "$dir")
    if [ ! -s "$creds/$p" ]; then
      die "module secret folder $dir has no principal $p in $creds (add it to CHORUS_PRINCIPALS)"
    fi
    if ! cmp -s "$creds/$p" "$dir/mqtt-password" 2>/dev/null; then
      write_secret "$dir/mqtt-password" "$(cat "$creds/$p")"
      log "wrote $p's password into its module volume"
    fi
  done
  for extra in $extras; do
    module=${extra%%:*} other=${extra#*:}
    dir=$secrets_root/$module
    [ -d "$dir" ] || continue
    [ -s "$creds/$other" ] || die "CHORUS_MODULE_EXTRA_SECRETS: no password for $other"
    if ! cmp -s "$creds/$other" "$dir/$other-password" 2>/dev/null; then
      write_secret "$dir/$other-password" "$(cat "$creds/$other")"
      log "wrote $other's password into the $module volume"
    fi
  done
fi
log "credentials ready: $(cd "$creds" && find . -maxdepth 1 -type f ! -name '.*' | wc -l) principals"
