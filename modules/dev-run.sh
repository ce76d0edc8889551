#!/bin/sh
# Command of a module's `dev` image stage (docker-compose.dev.yml): run the module with
# Micronaut's mn:run, which watches the module's and shared/ src/main folders' (bind-mounted
# from the host), recompiles through a child Maven and restarts the application.
#
# MAVEN_ARGS is read by every Maven 3.9, so also by mn:run's child Maven (its recompile),
# which inherits neither -o nor the flags of this command line:
#   -pl modules/<module> -am   the child compiles this module and shared/ only, not
#                              the whole reactor (broker, bench, ...): ~5 s instead of ~20 s
#   -Dmaven.test.skip=true     no tests; also turns off the test kit profile
#   -Dchorus.dev               the `dev` profile of modules/pom.xml (mn:run's plugin)
#   the Maven repository volume (/m2), with file locks since all dev containers share it.
set -eu
module=${CHORUS_MODULE:?CHORUS_MODULE is not set}
# mn:run (it runs on the reactor root) refuses to start without micronaut.test.resources.version,
# which Micronaut's parent pom sets and our poms do not (they import the platform BOM): the value
# of the platform version in pom.xml (4.10.17 -> 2.10.1). Test resources stay off.
test_resources=${CHORUS_DEV_TEST_RESOURCES_VERSION:-2.10.1}
export MAVEN_ARGS="${MAVEN_ARGS:-} -pl modules/$module -am -Dmaven.repo.local=/m2/repository -Dmaven.test.skip=true -Dchorus.dev -Dmicronaut.test.resources.version=$test_resources -Daether.syncContext.named.factory=file-lock -Daether.syncContext.named.nameMapper=file-gav"
# Maven's console library unpacks a native library; /tmp is noexec.
mkdir -p "$HOME/.jansi"
MAVEN_OPTS="${MAVEN_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} -Djansi.tmpdir=$HOME/.jansi"

# Extra CA certificates (TLS-inspecting proxy) for Maven's downloads on the first start:
# /etc/chorus/extra-ca.pem, bind-mounted from $CHORUS_EXTRA_CA (empty file = none).
ca=${CHORUS_DEV_EXTRA_CA_FILE:-/etc/chorus/extra-ca.pem}
if [ -s "$ca" ]; then
  store=/tmp/chorus-dev-cacerts
  cp "$(readlink -f "$JAVA_HOME/lib/security/cacerts")" "$store"
  chmod u+w "$store"
  awk -v dir=/tmp '/-----BEGIN CERTIFICATE-----/ { n++; f = sprintf("%s/chorus-dev-ca-%03d.pem", dir, n) }
    f != "" { print > f } /-----END CERTIFICATE-----/ { close(f); f = "" }' "$ca"
  for pem in /tmp/chorus-dev-ca-*.pem; do
    [ -f "$pem" ] || continue
    keytool -importcert -noprompt -alias "$(basename "$pem" .pem)" -file "$pem" \
      -keystore "$store" -storepass changeit >/dev/null 2>&1 || echo "dev-run: could not import $pem" >&2
    rm -f "$pem"
  done
  MAVEN_OPTS="$MAVEN_OPTS -Djavax.net.ssl.trustStore=$store -Djavax.net.ssl.trustStorePassword=changeit"
fi
export MAVEN_OPTS

cd /src
# The image's Maven (mvn), not ./mvnw: mn:run starts its child build with the Maven that
# runs it, and the wrapper's download is not in the image. mn.debug: JDWP on port 5005
# (published on 127.0.0.1 by the overlay). CHORUS_DEV_MAVEN_FLAGS adds flags, e.g.
# -Dmn.debug.suspend=true.
# shellcheck disable=SC2086 # word splitting of CHORUS_DEV_MAVEN_FLAGS is intended
exec mvn -B -ntp \
  io.micronaut.maven:micronaut-maven-plugin:run \
  -Dmn.debug=true -Dmn.debug.host='*' -Dmn.debug.port=5005 \
  ${CHORUS_DEV_MAVEN_FLAGS:-} "$@"
