#!/bin/sh
# Entrypoint of the broker image: check what a mistake in a mount or a variable would
# otherwise turn into a Java stack trace, then exec the JVM (PID 1 gets SIGTERM from
# `docker stop`; BrokerMain's shutdown hook stops HiveMQ cleanly).
#
# JVM flags: /etc/chorus/jvm.options (= broker/jvm.options, shared with the tests and the
# benchmark; sized for the 384 MiB container limit of docker-compose.yml), then
# CHORUS_JAVA_OPTS (extra flags, e.g. -Xmx320m for a larger limit), then the arguments.
set -eu

die() {
  echo "chorus-broker: $*" >&2
  exit 2
}

creds=${CHORUS_BROKER_CREDENTIALS_DIR:-/run/secrets/mqtt-credentials}
[ -d "$creds" ] || die "CHORUS_BROKER_CREDENTIALS_DIR: folder not found: $creds (one password file per principal; docker compose creates it, see docs/containers.md)"
{ [ -r "$creds" ] && [ -x "$creds" ]; } || die "CHORUS_BROKER_CREDENTIALS_DIR: not readable by uid $(id -u): $creds"
acl=${CHORUS_BROKER_ACL_FILE:-/etc/chorus/acl.conf}
[ -r "$acl" ] || die "CHORUS_BROKER_ACL_FILE: not readable: $acl"
data=${CHORUS_DATA_DIR:-/data}
{ [ -d "$data" ] && [ -w "$data" ]; } || die "CHORUS_DATA_DIR: not a folder writable by uid $(id -u): $data (mount a volume there)"

# One flag per line; comments and blank lines dropped. No flag contains a blank.
jvm_options=$(sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' /etc/chorus/jvm.options)
# The class-data sharing archive made at image build (scripts/cds-train.sh), only if it is
# there (the training start itself runs without).
cds=
# Mapped where it was made, not relocated: as in modules/docker-entrypoint.sh.
[ -s /app/app.jsa ] &&
  cds="-XX:SharedArchiveFile=/app/app.jsa -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"
# shellcheck disable=SC2086 # word splitting of the flag lists is intended
# Native libraries come from /app/native, never unpacked into the noexec /tmp. The
# application jar comes first (as with `java -jar`). HiveMQ's jar has a logback.xml too;
# naming our copy (= broker/src/main/resources/logback.xml) as a file keeps logback from
# printing its whole start-up report about the duplicate.
exec java $cds $jvm_options \
  -Djava.library.path=/app/native -Djna.boot.library.path=/app/native -Djna.nounpack=true \
  -Dlogback.configurationFile=/etc/chorus/logback.xml \
  ${CHORUS_JAVA_OPTS:-} \
  -cp '/app/chorus-broker.jar:/app/chorus/*:/app/lib/*' dev.chorus.broker.BrokerMain "$@"
