#!/bin/sh
# Command of a module's `dev` image stage (docker-compose.dev.yml): build the module and the
# shared/ projects it uses once with Maven, then run it with modules/DevRunner.java, which
# watches their src/main folders (bind-mounted from the host), recompiles in its own JVM and
# restarts the module's context in that JVM on every save (docs/containers.md, "Dev overlay").
#
# The Maven build: -pl modules/<module> -am (this module and shared/ only, not the whole
# reactor), -Dmaven.test.skip=true (no tests; also turns off the test kit profile), -Dchorus.dev
# (the `dev` profile of modules/pom.xml: Micronaut's annotation processor on the class path, for
# DevRunner's javac), the Maven repository volume (/m2) with file locks, since all dev containers
# share it; dependency:build-classpath writes the class path DevRunner runs the module with.
set -eu
module=${CHORUS_MODULE:?CHORUS_MODULE is not set}
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
classpath=/tmp/chorus-dev-classpath
started=/tmp/chorus-dev-build-start
while :; do
  touch "$started" # DevRunner compiles again what is saved from now on, while Maven builds
  # The image's Maven (mvn): the wrapper's download is not in the image.
  # shellcheck disable=SC2086 # word splitting of CHORUS_DEV_MAVEN_FLAGS is intended
  mvn -B -ntp -pl "modules/$module" -am -Dmaven.repo.local=/m2/repository -Dmaven.test.skip=true -Dchorus.dev \
    -Daether.syncContext.named.factory=file-lock -Daether.syncContext.named.nameMapper=file-gav \
    ${CHORUS_DEV_MAVEN_FLAGS:-} process-classes dependency:build-classpath -Dmdep.outputFile="$classpath"

  # The JVM's class path: the jars only; the projects' target/classes are DevRunner's to load.
  jars=$(tr ':' '\n' <"$classpath" | grep '\.jar$' | paste -sd: -)
  # JDWP on port 5005 (published on 127.0.0.1 by the overlay); CHORUS_DEV_SUSPEND=y waits for
  # the debugger before the module starts. --add-opens: DevRunner removes the shutdown hook each
  # start of the module adds (java.lang.ApplicationShutdownHooks).
  # CHORUS_DEV_JAVA_OPTS: more JVM flags (e.g. -Xmx, -Dchorus.dev.old-gen-limit=0.5).
  # shellcheck disable=SC2086 # word splitting of CHORUS_DEV_JAVA_OPTS is intended
  java --add-opens java.base/java.lang=ALL-UNNAMED ${CHORUS_DEV_JAVA_OPTS:-} \
    -agentlib:jdwp=transport=dt_socket,server=y,suspend="${CHORUS_DEV_SUSPEND:-n}",address='*:5005' \
    -cp "$jars:/opt/chorus-dev" DevRunner "$classpath" "/src/modules/$module" "$(cat /src/main-class)" "$started" &
  pid=$!
  # docker stop's SIGTERM goes to this shell (PID 1): pass it on, so the module says offline
  trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
  status=0
  wait "$pid" || status=$?
  if [ "$status" -gt 128 ]; then # the wait was cut by the signal: wait for the JVM's exit
    status=0
    wait "$pid" || status=$?
  fi
  trap - TERM INT
  # 3: DevRunner's restarts left too much memory behind; anything else ends the container
  [ "$status" -eq 3 ] || exit "$status"
  echo "dev-run: a new JVM for $module (Maven first: it compiles what changed since the last build)"
done
