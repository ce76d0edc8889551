#!/bin/sh
# Run a command inside a Docker build so that it trusts the extra CA certificates of
# the optional BuildKit secret `extra_ca` (a TLS-inspecting or corporate proxy's CA).
# Bind-mounted from the build context, never copied into an image:
#
#   RUN --mount=type=cache,target=/root/.m2 \
#       --mount=type=secret,id=extra_ca \
#       --mount=type=bind,source=scripts/with-extra-ca.sh,target=/tmp/with-extra-ca.sh \
#       sh /tmp/with-extra-ca.sh ./mvnw -B -ntp dependency:go-offline
#
# Without the secret (or with an empty one) the command runs unchanged. Otherwise this
# script builds, in a temporary directory that it deletes when the command ends (so
# nothing reaches a layer):
#   - a PEM bundle = the system bundle + the extra certificates, exported as
#     SSL_CERT_FILE and CURL_CA_BUNDLE, and for wget via WGETRC (mvnw downloads Maven
#     with wget, else curl);
#   - a Java trust store = the JDK's cacerts + the extra certificates, appended to
#     MAVEN_OPTS as -Djavax.net.ssl.trustStore=... (read by mvn and by ./mvnw).
# POSIX sh for Debian and Ubuntu based builders (official maven images and our
# stand-ins); the Java part needs keytool and is skipped when there is no JDK.
set -eu

secret=${EXTRA_CA_FILE:-/run/secrets/extra_ca}
if [ ! -s "$secret" ]; then
  exec "$@"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/extra-ca.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

bundle=$tmp/ca-bundle.pem
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  cat /etc/ssl/certs/ca-certificates.crt >"$bundle"
fi
cat "$secret" >>"$bundle"
printf 'ca_certificate = %s\n' "$bundle" >"$tmp/wgetrc"
SSL_CERT_FILE=$bundle CURL_CA_BUNDLE=$bundle WGETRC=$tmp/wgetrc
export SSL_CERT_FILE CURL_CA_BUNDLE WGETRC

keytool=""
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/keytool" ]; then
  keytool=$JAVA_HOME/bin/keytool
elif command -v keytool >/dev/null 2>&1; then
  keytool=$(readlink -f "$(command -v keytool)")
fi
if [ -n "$keytool" ]; then
  cacerts=$(dirname "$(dirname "$keytool")")/lib/security/cacerts
  # cp follows the symlink Debian's JDK has here (-> /etc/ssl/certs/java/cacerts).
  cp "$cacerts" "$tmp/cacerts"
  chmod u+w "$tmp/cacerts"
  # keytool imports one certificate per file: split the PEM.
  awk -v dir="$tmp" '
    /-----BEGIN CERTIFICATE-----/ { n++; f = sprintf("%s/extra-%03d.pem", dir, n) }
    f != "" { print > f }
    /-----END CERTIFICATE-----/ { close(f); f = "" }' "$secret"
  for pem in "$tmp"/extra-*.pem; do
    [ -f "$pem" ] || continue
    alias=chorus-$(basename "$pem" .pem)
    "$keytool" -importcert -noprompt -alias "$alias" -file "$pem" \
      -keystore "$tmp/cacerts" -storepass changeit >/dev/null 2>&1 ||
      echo "with-extra-ca: could not import $pem into the Java trust store" >&2
  done
  MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }-Djavax.net.ssl.trustStore=$tmp/cacerts -Djavax.net.ssl.trustStorePassword=changeit"
  export MAVEN_OPTS
fi

# Not exec: the EXIT trap removes $tmp once the command has finished.
"$@"
