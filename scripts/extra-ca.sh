#!/usr/bin/env bash
# Collect this host's extra CA certificates into ONE PEM file, outside the repository,
# to hand to image builds as the optional BuildKit secret `extra_ca`:
#
#   docker build --secret id=extra_ca,src="$(scripts/extra-ca.sh)" ...
#
# Why: builds behind a TLS-inspecting egress proxy or a corporate proxy (this project's
# CI machines have one) must trust the proxy's CA to reach Maven Central over HTTPS.
# A secret is mounted only while a RUN step executes: the certificates never end up in
# an image layer, a build arg or the build cache. See docs/building-images.md.
#
# Usage: scripts/extra-ca.sh [-o OUT] [SOURCE...]
#   SOURCE  directories (searched recursively for *.crt, like update-ca-certificates)
#           or files; default: /usr/local/share/ca-certificates
#   -o OUT  output file; default: $CHORUS_EXTRA_CA, else /var/cache/chorus/extra-ca.pem
#           (or ~/.cache/chorus/extra-ca.pem when /var/cache is not writable)
# Prints the path of the output file. The file is empty when there are no extra
# certificates, which builds treat as "no extra CA". It is rewritten only when its
# content changes.
set -euo pipefail

log() { printf '[extra-ca] %s\n' "$*" >&2; }

out=${CHORUS_EXTRA_CA:-}
while getopts 'o:h' opt; do
  case $opt in
    o) out=$OPTARG ;;
    h) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "$#" -gt 0 ] || set -- /usr/local/share/ca-certificates

if [ -z "$out" ]; then
  if mkdir -p /var/cache/chorus 2>/dev/null && [ -w /var/cache/chorus ]; then
    out=/var/cache/chorus/extra-ca.pem
  else
    out=${XDG_CACHE_HOME:-$HOME/.cache}/chorus/extra-ca.pem
  fi
fi
mkdir -p "$(dirname "$out")"

# Candidate files, sorted so that the output is stable.
files=()
for src in "$@"; do
  if [ -d "$src" ]; then
    while IFS= read -r -d '' f; do files+=("$f"); done \
      < <(find -L "$src" -type f -name '*.crt' -print0 | sort -z)
  elif [ -f "$src" ]; then
    files+=("$src")
  else
    log "skipping $src: not found"
  fi
done

tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp"' EXIT
count=0
for f in "${files[@]+"${files[@]}"}"; do
  if grep -q -- '-----BEGIN CERTIFICATE-----' "$f"; then
    # Keep only the certificate blocks; make sure each block ends with a newline.
    awk '/-----BEGIN CERTIFICATE-----/{p=1} p{print} /-----END CERTIFICATE-----/{p=0}' "$f" >>"$tmp"
  elif command -v openssl >/dev/null && openssl x509 -inform DER -in "$f" -out - >>"$tmp" 2>/dev/null; then
    :
  else
    log "skipping $f: not a PEM or DER certificate"
    continue
  fi
  count=$((count + 1))
done

chmod 0644 "$tmp"
if [ -f "$out" ] && cmp -s "$tmp" "$out"; then
  rm -f "$tmp"
else
  mv -f "$tmp" "$out"
fi
log "$count certificate file(s) from ${*} -> $out"
printf '%s\n' "$out"
