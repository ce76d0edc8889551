#!/bin/bash
# One-shot credentials service of docker-compose.yml (service `mqtt-init`, broker image).
#
#   init-credentials.sh [generate]   (default) a random password for every principal in
#                                    CHORUS_PRINCIPALS and every module secret folder
#                                    (below) that has none yet; keeps existing
#   init-credentials.sh set NAME     the password of principal NAME from stdin (first line)
#   init-credentials.sh rotate NAME  a new random password for NAME
#   init-credentials.sh satellite SITE  a password for principal satellite-SITE (kept if it has
#                                    one), then PRINTS a shell script that sets up that
#                                    satellite: its password and the base's CA certificate
#                                    (scripts/add-satellite.sh runs this; docs/deploy.md)
#
# TLS for satellites, when the folder $CHORUS_TLS_DIR (/run/secrets/mqtt-tls) is mounted
# (docker-compose.tls.yml): on the first run a CA (ca.p12, its certificate ca.pem) and a server
# certificate signed by it for the names in CHORUS_TLS_NAMES (comma-separated host names and IP
# addresses satellites reach the broker by): server-cert.pem (with the CA) and server-key.pem,
# what CHORUS_BROKER_TLS_CERT_FILE/KEY_FILE name. The CA is kept; the server certificate is made
# again when CHORUS_TLS_NAMES changes. Made with the JDK's keytool (no openssl in the image).
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
tls=${CHORUS_TLS_DIR:-/run/secrets/mqtt-tls}
tls_names=${CHORUS_TLS_NAMES:-localhost,127.0.0.1}
# The key stores are protected like the PEM key next to them, by their files' owner and mode
# (0400, uid 10001); keytool insists on a store password, this one is no secret.
export CHORUS_TLS_STORE_PASSWORD=chorus-tls

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

# keytool and java without a writable /tmp (read-only root file system): no perf data file.
kt() { keytool -J-XX:-UsePerfData "$@" 2>&1 | grep -v '^Warning:' >&2 || true; }

# tls_ready: the CA (made once) and a server certificate for $tls_names (made when they change)
tls_ready() {
  { [ -d "$tls" ] && [ -w "$tls" ]; } || return 0
  local pass=$CHORUS_TLS_STORE_PASSWORD work san="" name
  if [ ! -s "$tls/ca.pem" ]; then
    rm -f "$tls/ca.p12"
    kt -genkeypair -keystore "$tls/ca.p12" -storetype PKCS12 -storepass "$pass" -alias ca \
      -keyalg EC -groupname secp256r1 -validity 3650 -dname "CN=Chorus base CA" \
      -ext bc:c -ext KeyUsage=keyCertSign,cRLSign
    kt -exportcert -rfc -keystore "$tls/ca.p12" -storepass "$pass" -alias ca -file "$tls/ca.pem.tmp"
    [ -s "$tls/ca.pem.tmp" ] || die "could not make the CA (keytool failed, see above)"
    mv -f "$tls/ca.pem.tmp" "$tls/ca.pem"
    # mode before owner: without CAP_FOWNER (the compose file drops it) root may not chmod a
    # file it no longer owns
    chmod 0400 "$tls/ca.p12"
    chmod 0444 "$tls/ca.pem"
    chown "$owner" "$tls/ca.p12" "$tls/ca.pem"
    rm -f "$tls/server.names"
    log "generated the CA for satellites"
  fi
  if [ -s "$tls/server-key.pem" ] && [ "$(cat "$tls/server.names" 2>/dev/null)" = "$tls_names" ]; then
    return 0
  fi
  for name in ${tls_names//,/ }; do
    if [[ $name =~ ^[0-9.]+$ || $name == *:* ]]; then san="$san,ip:$name"; else san="$san,dns:$name"; fi
  done
  [ -n "$san" ] || die "CHORUS_TLS_NAMES is empty: name the hosts or addresses satellites use"
  work=$(mktemp -d "$tls/.work.XXXXXX")
  kt -genkeypair -keystore "$work/server.p12" -storetype PKCS12 -storepass "$pass" -alias server \
    -keyalg EC -groupname secp256r1 -validity 825 -dname "CN=${tls_names%%,*}"
  kt -certreq -keystore "$work/server.p12" -storepass "$pass" -alias server -file "$work/server.csr"
  kt -gencert -keystore "$tls/ca.p12" -storepass "$pass" -alias ca -infile "$work/server.csr" \
    -outfile "$work/server.crt" -rfc -validity 825 -ext "san=${san#,}" \
    -ext KeyUsage=digitalSignature -ext ExtendedKeyUsage=serverAuth
  java -XX:-UsePerfData -cp "${CHORUS_BROKER_JAR:-/app/chorus-broker.jar}" dev.chorus.broker.PrivateKeyPem \
    "$work/server.p12" server "$work/server-key.pem"
  { [ -s "$work/server.crt" ] && [ -s "$work/server-key.pem" ]; } || die "could not make the server certificate"
  cat "$work/server.crt" "$tls/ca.pem" >"$work/server-cert.pem"
  printf '%s\n' "$tls_names" >"$work/server.names"
  chmod 0400 "$work/server-key.pem"
  chmod 0444 "$work/server-cert.pem" "$work/server.names"
  chown "$owner" "$work/server-key.pem" "$work/server-cert.pem" "$work/server.names"
  mv -f "$work/server-key.pem" "$work/server-cert.pem" "$work/server.names" "$tls/"
  rm -rf "$work"
  log "generated the broker's TLS certificate for ${tls_names}"
}

# satellite_script SITE HOST PORT: the shell script a satellite runs in its checkout (printed
# on stdout, never stored here)
satellite_script() {
  local site=$1 host=$2 port=$3
  cat <<EOF
#!/bin/sh
# Chorus satellite "$site" of the base $host:$port, made by scripts/add-satellite.sh.
# It holds the satellite's MQTT password: copy it to the satellite only, run it there in the
# Chorus checkout, then delete it. Then: docker compose -f docker-compose.satellite.yml up -d
set -eu
umask 077
dir=\${CHORUS_SATELLITE_DIR:-satellite}
mkdir -p "\$dir"
cat >"\$dir/ca.pem" <<'CA'
$(cat "$tls/ca.pem")
CA
printf '%s\n' '$(cat "$creds/satellite-$site")' >"\$dir/mqtt-password"
cat >"\$dir/satellite.env" <<'ENV'
CHORUS_SITE_ID=$site
CHORUS_MQTT_USERNAME=satellite-$site
CHORUS_MQTT_URI=ssl://$host:$port
ENV
# each module's own name on the base's broker (its status, errors and client id) and its site
printf '%s\n' CHORUS_MODULE_NAME=satellite-$site-audio CHORUS_AUDIO_SITES=$site >"\$dir/audio.env"
printf '%s\n' CHORUS_MODULE_NAME=satellite-$site-mic >"\$dir/mic.env"
printf '%s\n' CHORUS_MODULE_NAME=satellite-$site-wake CHORUS_WAKE_SITES=$site >"\$dir/wake.env"
echo "satellite $site set up in \$dir/; start it: docker compose -f docker-compose.satellite.yml up -d" >&2
EOF
}

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
  satellite)
    [ $# -eq 2 ] || die "usage: $0 satellite SITE"
    site=$2
    [[ $site =~ ^[A-Za-z0-9_]{1,64}$ ]] || die "a satellite's site is 1-64 of A-Z a-z 0-9 _ (no '-'): $site"
    [ -d "$tls" ] || die "no TLS folder $tls: run with docker-compose.tls.yml (docs/deploy.md)"
    if [ ! -s "$creds/satellite-$site" ]; then
      write_secret "$creds/satellite-$site" "$(random_password)"
      log "generated a password for satellite-$site"
    fi
    ;;
  *) die "unknown command: $cmd (generate | set NAME | rotate NAME | satellite SITE)" ;;
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
# `satellite` makes a missing certificate but never re-issues one: the names are the base's
# (the `up` that runs `generate`), and this run's environment may not have them.
if [ "$cmd" != satellite ] || [ ! -s "$tls/server.names" ]; then tls_ready; fi
log "credentials ready: $(cd "$creds" && find . -maxdepth 1 -type f ! -name '.*' | wc -l) principals"
if [ "$cmd" = satellite ]; then
  names=$(cat "$tls/server.names")
  satellite_script "$site" "${CHORUS_SATELLITE_HOST:-${names%%,*}}" "${CHORUS_SATELLITE_PORT:-8883}"
fi
