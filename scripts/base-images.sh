#!/usr/bin/env bash
# Build local stand-ins for the two base images our Dockerfiles use, from Debian
# packages only, for offline / air-gapped builds and for machines that cannot reach a
# container registry (such as this project's CI machines).
#
#   official image (build-arg default)   stand-in built here
#   BUILDER_IMAGE=maven:3.9-eclipse-temurin-17   chorus-base/maven:3.9-jdk17
#   RUNTIME_IMAGE=debian:bookworm-slim           chorus-base/debian:bookworm-slim
#
#   chorus-base/debian:bookworm-slim  debootstrap --variant=minbase bookworm, security
#       updates applied, slimmed like the official -slim variant (no docs, man pages,
#       locales; apt/dpkg settings for containers), then `docker import`.
#   chorus-base/maven:3.9-jdk17  the above + openjdk-17-jdk-headless (with jmods, so
#       jlink works) + Apache Maven 3.9.11 from Central + curl, wget, git, binutils;
#       JAVA_HOME=/opt/java/openjdk and MAVEN_HOME=/usr/share/maven as in the official
#       image (scripts/base-images/maven-jdk17.Dockerfile).
#
# Why our own names and not the official ones: a stand-in tagged
# `maven:3.9-eclipse-temurin-17` would be silently replaced by the next `docker pull`,
# `docker build --pull` or Compose `pull_policy`, or would shadow the real image on a
# shared daemon; scanners, bug reports and build logs would name Temurin on Ubuntu for
# what is Debian's OpenJDK on Debian. A separate namespace keeps it visible which base a
# build used, and the Dockerfiles take the names as build args anyway.
#
# Usage: scripts/base-images.sh [--arch ARCH] [--force] [--refresh] [--print-env]
#   (no flag)    build what is missing; images that exist are kept
#   --arch ARCH  the images for another Debian architecture, e.g. arm64 (Raspberry Pi):
#                tags chorus-base/debian:bookworm-slim-ARCH and chorus-base/maven:3.9-jdk17-ARCH
#                (the classic image store holds one platform per tag), built under
#                emulation: installs qemu-user-static and binfmt-support when missing and
#                registers qemu in binfmt_misc (mounting it when needed). Default: this
#                machine's architecture, tags without a suffix.
#   --force      rebuild both images (reuses the cached root file system)
#   --refresh    also re-run debootstrap and build without the build cache (picks up
#                new Debian updates); implies --force
#   --print-env  print BUILDER_IMAGE=... and RUNTIME_IMAGE=... lines (for a Compose
#                .env file or `export`) and exit; with --arch also JRE_IMAGE=... (the
#                builder of the target platform, for the jlink stage) while BUILDER_IMAGE
#                stays this machine's (Maven runs natively: docs/building-images.md, arm64)
# Needs: root (debootstrap, chroot), a running engine (.ci/docker-engine.sh).
# Env:   CHORUS_CACHE_DIR=/var/cache/chorus   root file system tarball under rootfs/
#        DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR  default: the mirrors apt already uses
#
# Then build with:
#   docker build --secret id=extra_ca,src="$(scripts/extra-ca.sh)" \
#     --build-arg BUILDER_IMAGE=chorus-base/maven:3.9-jdk17 \
#     --build-arg RUNTIME_IMAGE=chorus-base/debian:bookworm-slim \
#     -f modules/Dockerfile --build-arg MODULE=x .
#
# ---------------------------------------------------------------------------------
# Pattern for the project's Dockerfiles (see docs/building-images.md). No `# syntax=`
# line: it makes BuildKit pull a frontend image. Build context = repository root.
#
#   ARG BUILDER_IMAGE=maven:3.9-eclipse-temurin-17
#   ARG RUNTIME_IMAGE=debian:bookworm-slim
#
#   FROM ${BUILDER_IMAGE} AS build
#   WORKDIR /src
#   COPY mvnw pom.xml ./
#   COPY .mvn/ .mvn/
#   # ... module poms, then sources ...
#   # The extra CA (TLS-inspecting / corporate proxy) is an optional secret: absent or
#   # empty, with-extra-ca.sh just runs the command. Otherwise it makes a PEM bundle and
#   # a Java trust store in a temp dir that it deletes afterwards, and points curl, wget
#   # (used by ./mvnw) and Maven (MAVEN_OPTS -Djavax.net.ssl.trustStore) at them.
#   RUN --mount=type=cache,target=/root/.m2 \
#       --mount=type=secret,id=extra_ca \
#       --mount=type=bind,source=scripts/with-extra-ca.sh,target=/tmp/with-extra-ca.sh \
#       sh /tmp/with-extra-ca.sh ./mvnw -B -ntp -pl modules/x -am package -DskipTests
#   RUN jlink --add-modules java.base,... --strip-debug --no-header-files \
#         --no-man-pages --compress=2 --output /opt/jre \
#    && cp --remove-destination "$(readlink -f "$JAVA_HOME/lib/security/cacerts")" \
#         /opt/jre/lib/security/cacerts
#
#   FROM ${RUNTIME_IMAGE}
#   COPY --from=build /opt/jre /opt/jre
#   USER 10001:10001
#
# Notes: the cache mount keeps ./mvnw's Maven download and the local repository
# between builds, outside the image. The `cp` after jlink gives the runtime the
# builder's current trust store: Debian's java.base jmod (the stand-in) carries an
# older, smaller cacerts than /etc/ssl/certs/java/cacerts; with Temurin it is the same
# file. The secret never reaches a layer, a build arg or the cache key: changing the CA
# file does not invalidate cached steps. Compose: `secrets: extra_ca: file:
# ${CHORUS_EXTRA_CA:-/dev/null}` and `build.secrets: [extra_ca]` (empty = no extra CA).
# ---------------------------------------------------------------------------------
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RUNTIME_TAG=chorus-base/debian:bookworm-slim
BUILDER_TAG=chorus-base/maven:3.9-jdk17
SUITE=bookworm
CACHE_DIR=${CHORUS_CACHE_DIR:-/var/cache/chorus}

log() { printf '[base-images] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

host_arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
arch=$host_arch
force=false refresh=false print_env=false
while [ $# -gt 0 ]; do
  case $1 in
    --force) force=true ;;
    --refresh) refresh=true force=true ;;
    --print-env) print_env=true ;;
    --arch)
      [ $# -ge 2 ] || die "--arch needs a value (e.g. arm64)"
      arch=$2
      shift ;;
    --arch=*) arch=${1#--arch=} ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
  shift
done

case $arch in
  amd64 | arm64) ;;
  *) die "--arch $arch: only amd64 and arm64 are supported" ;;
esac
if [ "$arch" != "$host_arch" ]; then
  # The builder of this machine still runs Maven (BUILDER_IMAGE); the foreign one only
  # jlink and the class-data sharing dumps (JRE_IMAGE).
  NATIVE_BUILDER_TAG=$BUILDER_TAG
  RUNTIME_TAG=$RUNTIME_TAG-$arch
  BUILDER_TAG=$BUILDER_TAG-$arch
fi
platform=linux/$arch

# the KEY=VALUE lines of --print-env, also printed at the end of a build
print_env() {
  if [ "$arch" = "$host_arch" ]; then
    printf 'BUILDER_IMAGE=%s\nRUNTIME_IMAGE=%s\n' "$BUILDER_TAG" "$RUNTIME_TAG"
  else
    printf 'BUILDER_IMAGE=%s\nJRE_IMAGE=%s\nRUNTIME_IMAGE=%s\n' "$NATIVE_BUILDER_TAG" "$BUILDER_TAG" "$RUNTIME_TAG"
  fi
}
if [ "$print_env" = true ]; then
  print_env
  exit 0
fi

docker info >/dev/null 2>&1 || die "the Docker engine does not answer; run .ci/docker-engine.sh first"

# Foreign architecture: qemu-user-static registered in binfmt_misc with the F flag (the
# kernel opens the interpreter at registration, so it also works inside containers and
# chroots that do not have it).
ensure_emulation() {
  local qemu=qemu-aarch64 entry
  [ "$arch" = arm64 ] || die "no emulation set-up for $arch"
  entry=/proc/sys/fs/binfmt_misc/$qemu
  if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
    log "mounting binfmt_misc on /proc/sys/fs/binfmt_misc"
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc ||
      die "cannot mount binfmt_misc (needs root and CONFIG_BINFMT_MISC)"
  fi
  if ! command -v update-binfmts >/dev/null || ! command -v qemu-aarch64-static >/dev/null; then
    log "installing qemu-user-static and binfmt-support"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q qemu-user-static binfmt-support; } \
      </dev/null >/dev/null || die "apt-get install qemu-user-static binfmt-support failed"
  fi
  [ -e "$entry" ] || update-binfmts --enable "$qemu" || true
  [ -e "$entry" ] || die "$entry is missing after update-binfmts --enable $qemu"
  grep -q '^enabled' "$entry" || echo 1 >"$entry"
  grep -q '^flags:.*F' "$entry" || die "$entry has no F flag: $(grep '^flags' "$entry")"
  log "emulation: $entry ($(grep '^flags' "$entry"))"
}
[ "$arch" = "$host_arch" ] || ensure_emulation

rootfs_tar=$CACHE_DIR/rootfs/debian-$SUITE-slim-$arch.tar

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

debian_mirror() {
  local m=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    m=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  elif [ -f /etc/apt/sources.list ]; then
    m=$(awk '$1=="deb" && $3=="bookworm" {print $2; exit}' /etc/apt/sources.list)
  fi
  printf '%s\n' "${DEBIAN_MIRROR:-${m:-http://deb.debian.org/debian}}"
}

security_mirror() {
  local m=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    m=$(awk '/^URIs:/ && $2 ~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  elif [ -f /etc/apt/sources.list ]; then
    m=$(awk '$1=="deb" && $3 ~ /-security$/ {print $2; exit}' /etc/apt/sources.list)
  fi
  printf '%s\n' "${DEBIAN_SECURITY_MIRROR:-${m:-http://deb.debian.org/debian-security}}"
}

# debootstrap + updates + slimming, written to $rootfs_tar.
build_rootfs() {
  [ "$(id -u)" -eq 0 ] || die "building the root file system needs root (debootstrap)"
  command -v debootstrap >/dev/null || die "debootstrap is missing; run .ci/docker-engine.sh"
  local mirror security work r
  mirror=$(debian_mirror)
  security=$(security_mirror)
  mkdir -p "$CACHE_DIR/rootfs"
  work=$(mktemp -d "$CACHE_DIR/rootfs/build.XXXXXX")
  r=$work/rootfs
  # shellcheck disable=SC2064 # expand now: $work and $r are local
  trap "umount '$r/proc' 2>/dev/null || true; rm -rf '$work'" EXIT

  log "debootstrap --variant=minbase --arch=$arch $SUITE from $mirror (about a minute; longer emulated)"
  if ! debootstrap --variant=minbase --arch="$arch" "$SUITE" "$r" "$mirror" >"$work/debootstrap.log" 2>&1; then
    tail -n 30 "$work/debootstrap.log" >&2
    die "debootstrap failed"
  fi

  # Services never start inside image builds.
  printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d"
  chmod 0755 "$r/usr/sbin/policy-rc.d"

  rm -f "$r/etc/apt/sources.list"
  cat >"$r/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF

  # Container settings of the official images: no fsync in dpkg, lean apt.
  printf 'force-unsafe-io\n' >"$r/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
  printf 'Apt::AutoRemove::SuggestsImportant "false";\n' >"$r/etc/apt/apt.conf.d/docker-autoremove-suggests"
  printf 'Acquire::GzipIndexes "true";\n' >"$r/etc/apt/apt.conf.d/docker-gzip-indexes"
  printf 'Acquire::Languages "none";\n' >"$r/etc/apt/apt.conf.d/docker-no-languages"
  cat >"$r/etc/apt/apt.conf.d/docker-clean" <<'EOF'
# Run the equivalent of "apt-get clean" after every install, so no .deb lands in a layer.
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  # The -slim variant: packages installed later do not bring docs, man pages, locales.
  cat >"$r/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
# slim image: drop documentation, manuals and translations (as debian:*-slim does)
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/man/*
EOF

  log "debootstrap done (${SECONDS}s); applying $SUITE-updates and $SUITE-security"
  mount -t proc proc "$r/proc" 2>/dev/null || log "could not mount /proc in the chroot; continuing"
  cp /etc/resolv.conf "$r/etc/resolv.conf"
  if ! { chroot "$r" apt-get update -q &&
    chroot "$r" env DEBIAN_FRONTEND=noninteractive apt-get upgrade -y -q; } </dev/null >"$work/apt.log" 2>&1; then
    tail -n 30 "$work/apt.log" >&2
    die "apt-get upgrade in the chroot failed"
  fi
  umount "$r/proc" 2>/dev/null || true

  # Remove what the dpkg excludes would have kept out, plus host and build leftovers.
  find "$r/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
  find "$r/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$r"/usr/share/{groff,info,linda,man}/* "$r"/usr/share/lintian/overrides/*
  find "$r/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
  rm -rf "$r"/var/lib/apt/lists/* "$r"/var/cache/apt/*.bin "$r"/var/cache/apt/archives/*.deb \
    "$r"/var/cache/debconf/*-old "$r"/var/lib/dpkg/*-old "$r"/tmp/* "$r"/var/tmp/*
  find "$r/var/log" -type f -delete
  # Docker provides these at run time; do not ship the build host's.
  rm -f "$r/etc/resolv.conf" "$r/etc/hostname"
  : >"$r/etc/machine-id" 2>/dev/null || true

  tar --numeric-owner --xattrs -C "$r" -cf "$rootfs_tar.tmp" .
  mv -f "$rootfs_tar.tmp" "$rootfs_tar"
  rm -rf "$work"
  trap - EXIT
  log "root file system cached: $rootfs_tar ($(du -h "$rootfs_tar" | cut -f1), ${SECONDS}s)"
}

created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
runtime_built=false

if [ "$force" = true ] || ! image_exists "$RUNTIME_TAG"; then
  if [ "$refresh" = true ] || [ ! -s "$rootfs_tar" ]; then
    build_rootfs
  else
    log "reusing cached root file system $rootfs_tar (--refresh to rebuild it)"
  fi
  log "docker import -> $RUNTIME_TAG"
  docker import \
    --platform "$platform" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' \
    --change "LABEL org.opencontainers.image.title=$RUNTIME_TAG" \
    --change 'LABEL org.opencontainers.image.description="Debian 12 minbase, slim; local stand-in for debian:bookworm-slim (scripts/base-images.sh)"' \
    --change "LABEL org.opencontainers.image.created=$created" \
    --message "stand-in for debian:bookworm-slim built by scripts/base-images.sh" \
    "$rootfs_tar" "$RUNTIME_TAG" >/dev/null
  log "imported (${SECONDS}s)"
  runtime_built=true
else
  log "$RUNTIME_TAG exists (--force to rebuild)"
fi

if [ "$force" = true ] || [ "$runtime_built" = true ] || ! image_exists "$BUILDER_TAG"; then
  extra_ca=$("$here/extra-ca.sh")
  no_cache=""
  [ "$refresh" = false ] || no_cache=--no-cache # also fresh JDK packages
  log "docker build -> $BUILDER_TAG (extra CA secret: $extra_ca)"
  docker build \
    --progress=plain \
    --platform "$platform" \
    --file "$here/base-images/maven-jdk17.Dockerfile" \
    --secret "id=extra_ca,src=$extra_ca" \
    --build-arg "BASE_IMAGE=$RUNTIME_TAG" \
    ${no_cache:+"$no_cache"} \
    --label "org.opencontainers.image.title=$BUILDER_TAG" \
    --label "org.opencontainers.image.description=OpenJDK 17 (Debian) + Maven 3.9; local stand-in for maven:3.9-eclipse-temurin-17 (scripts/base-images.sh)" \
    --label "org.opencontainers.image.created=$created" \
    --tag "$BUILDER_TAG" \
    "$here"
else
  log "$BUILDER_TAG exists (--force to rebuild)"
fi

log "done in ${SECONDS}s"
docker image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep '^chorus-base/' >&2 || true
print_env
