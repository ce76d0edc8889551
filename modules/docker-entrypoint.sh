#!/bin/sh
# Entrypoint of every Chorus module image (modules/Dockerfile): check the mounts
# and variables a container needs, with one line naming the problem, then exec the JVM
# (PID 1 gets SIGTERM from `docker stop`; the module publishes its offline status).
#
# JVM flags: container-aware defaults below, then the module's own (/app/java-opts, from
# <chorus.java.opts> in its pom), then CHORUS_JAVA_OPTS (extra or overriding
# flags, e.g. -XX:MaxRAMPercentage=50), then the arguments. The heap is a share of the
# container's memory limit (mem_limit in docker-compose.yml).
set -eu

module=${CHORUS_MODULE:-module}
die() {
  echo "chorus-$module: $*" >&2
  exit 2
}

password=${CHORUS_MQTT_PASSWORD_FILE:-/run/secrets/mqtt-password}
[ -f "$password" ] || die "CHORUS_MQTT_PASSWORD_FILE: file not found: $password (docker compose mounts the module's own password there; see docs/containers.md)"
[ -r "$password" ] || die "CHORUS_MQTT_PASSWORD_FILE: not readable by uid $(id -u): $password"
[ -s "$password" ] || die "CHORUS_MQTT_PASSWORD_FILE: file is empty: $password"
# The images of long-running modules set CHORUS_DATA_DIR (/data, a volume in Compose);
# the cli image does not: it keeps nothing.
if [ -n "${CHORUS_DATA_DIR:-}" ]; then
  { [ -d "$CHORUS_DATA_DIR" ] && [ -w "$CHORUS_DATA_DIR" ]; } ||
    die "CHORUS_DATA_DIR: not a folder writable by uid $(id -u): $CHORUS_DATA_DIR (mount a volume there)"
fi
[ -s /app/main-class ] || die "/app/main-class is missing: the image was not built from modules/Dockerfile (build arg MODULE=$module)"

# SerialGC: the smallest footprint for small heaps on few cores. The heap takes 60% of the
# container limit; metaspace, code cache, thread stacks and direct buffers the rest.
# -XX:+ExitOnOutOfMemoryError: the restart policy brings a clean process back.
# Min/MaxHeapFreeRatio 20/40 (defaults 40/70): the serial collector grows the heap after a burst and
# gives it back only when more than MaxHeapFreeRatio of it is free after a full GC. tts in a 16-minute
# say load (2026-12-02): a live set of ~68 MB after full GC, yet 203 MB committed with the defaults
# (+11 % container memory after the first five minutes, read as a leak by the soak); 119 MB flat with
# 20/40 (docs/performance.md, "Soak").
# The application class-data sharing archive made at image build (scripts/cds-train.sh):
# the classes of a start, mapped already parsed and verified. Only if it is there (the
# training start itself runs without); a JVM that cannot use it starts without it.
cds=
# Mapped where it was made (ArchiveRelocationMode=0; this JDK relocates by default): relocation
# writes every page of the archive, ~20 MiB of private memory per JVM, where unrelocated pages stay
# the image file's, clean and shared (docs/containers.md, Memory).
[ -s /app/app.jsa ] &&
  cds="-XX:SharedArchiveFile=/app/app.jsa -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"
# The module's own flags (<chorus.java.opts> of its pom, /app/java-opts): the modules without
# an engine run C1 only, a fifth to two fifths less start-up CPU (docs/performance.md "Start-up").
module_opts=$(cat /app/java-opts 2>/dev/null || true)
# shellcheck disable=SC2086 # word splitting of the flag lists is intended
exec java $cds \
  -XX:+UseSerialGC -XX:MaxRAMPercentage=60 -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:+ExitOnOutOfMemoryError \
  -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=10000 \
  -Djava.io.tmpdir=/tmp \
  $module_opts \
  ${CHORUS_JAVA_OPTS:-} \
  -cp "/app/chorus-$module.jar:/app/chorus/*:/app/lib/*" "$(cat /app/main-class)" "$@"
