#!/usr/bin/env bash
# Create the Swarm secrets that docker-stack.yml uses (run on a manager, before the first
# `docker stack deploy`; docs/deploy.md). Creates only what is missing, so re-running is safe.
#
#   chorus_mqtt_<principal>   a random password per principal the stack file names
#                             (43 characters, as broker/init-credentials.sh makes them)
#   chorus_tls_cert           the broker's TLS certificate (PEM) for MQTT over TLS (8883)
#   chorus_tls_key            its private key (unencrypted PKCS#8 PEM)
#
# Usage: scripts/swarm-secrets.sh
# Env:  CHORUS_TLS_CERT_FILE, CHORUS_TLS_KEY_FILE  your certificate and key (both or neither);
#         without them a self-signed certificate for CHORUS_TLS_HOSTNAME (default: this
#         host's name; also valid for localhost, 127.0.0.1 and `broker`, the broker's name
#         on the stack's overlay, where satellite services connect over TLS) is made with openssl
#       CHORUS_STACK_FILE  the stack file whose chorus_mqtt_* secrets to make (docker-stack.yml;
#         commented lines, such as its satellite template, do not count)
#       CHORUS_TLS_CA_OUT  where the certificate goes for the clients to trust (default
#         secrets/chorus-tls.crt; the folder is git-ignored; the certificate is public)
#
# Passwords never touch a file, an argument or the output: they go from openssl's random
# generator through a pipe into `docker secret create`. Read one back from the broker's
# container (docs/deploy.md). Swarm secrets cannot be changed: to rotate one, create a new
# secret and `docker service update --secret-rm/--secret-add` the broker and that module.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[swarm-secrets] %s\n' "$*" >&2; }
die() { log "$*"; exit 2; }

docker node ls >/dev/null 2>&1 || die "this engine is not a Swarm manager (docker swarm init, or run it on a manager)"

exists() { docker secret inspect "$1" >/dev/null 2>&1; }

random_password() {
  # 32 random bytes, base64url without padding: 43 characters
  head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '='
}

stack_file=${CHORUS_STACK_FILE:-docker-stack.yml}
mapfile -t principals < <(sed '/^[[:space:]]*#/d' "$stack_file" | grep -o 'name: chorus_mqtt_[A-Za-z0-9._-]*' | sed 's/.*chorus_mqtt_//' | sort -u)
[ "${#principals[@]}" -gt 0 ] || die "$stack_file names no chorus_mqtt_* secret"
created=0
for p in "${principals[@]}"; do
  if ! exists "chorus_mqtt_$p"; then
    random_password | docker secret create --label dev.chorus.principal="$p" "chorus_mqtt_$p" - >/dev/null
    created=$((created + 1))
  fi
done
log "passwords: ${#principals[@]} principals, $created created"

if exists chorus_tls_cert && exists chorus_tls_key; then
  log "TLS: chorus_tls_cert and chorus_tls_key exist"
  exit 0
fi
exists chorus_tls_cert && die "chorus_tls_cert exists without chorus_tls_key: docker secret rm chorus_tls_cert, then run this again"
exists chorus_tls_key && die "chorus_tls_key exists without chorus_tls_cert: docker secret rm chorus_tls_key, then run this again"

cert=${CHORUS_TLS_CERT_FILE:-}
key=${CHORUS_TLS_KEY_FILE:-}
if [ -n "$cert" ] || [ -n "$key" ]; then
  { [ -r "$cert" ] && [ -r "$key" ]; } || die "CHORUS_TLS_CERT_FILE and CHORUS_TLS_KEY_FILE: both must be readable files"
  grep -q 'BEGIN PRIVATE KEY' "$key" ||
    die "CHORUS_TLS_KEY_FILE: expected an unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert with 'openssl pkcs8 -topk8 -nocrypt'"
  docker secret create chorus_tls_cert "$cert" >/dev/null
  docker secret create chorus_tls_key "$key" >/dev/null
  log "TLS: your certificate $cert"
  exit 0
fi

command -v openssl >/dev/null || die "openssl is needed for a self-signed certificate (or set CHORUS_TLS_CERT_FILE and CHORUS_TLS_KEY_FILE)"
host=${CHORUS_TLS_HOSTNAME:-$(hostname)}
out=${CHORUS_TLS_CA_OUT:-secrets/chorus-tls.crt}
mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the key lives only in this temporary folder (mode 0700) until it is a Swarm secret
openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$host" \
  -addext "subjectAltName=DNS:$host,DNS:localhost,DNS:broker,IP:127.0.0.1" \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
docker secret create chorus_tls_cert "$tmp/cert.pem" >/dev/null
docker secret create chorus_tls_key "$tmp/key.pem" >/dev/null
cp "$tmp/cert.pem" "$out"
log "TLS: a self-signed certificate for $host (and localhost, broker, 127.0.0.1); clients trust $out"
