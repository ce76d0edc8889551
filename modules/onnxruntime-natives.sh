#!/bin/sh
# Keep only the target platform's ONNX Runtime natives (modules/Dockerfile, build stage). The
# onnxruntime jar carries every platform's libraries (139 MB; linux-x64 is 21 MB) and
# extracts the one it needs into java.io.tmpdir at run time, which a container with a
# noexec /tmp cannot load. So: this platform's libraries go to DEST (the image puts them
# on the JVM's default library path, where the jar's loader finds them when the jar has
# none) and the jar is rewritten without any.
#
# Usage: onnxruntime-natives.sh JAR DEST
# Env:   TARGETARCH (amd64, arm64; the build arg BuildKit sets): the platform of the image,
#        which is not the build stage's when it runs on the build platform (arm64 images
#        built on amd64); without it, this machine's (`uname -m`)
set -eu
jar=$1
dest=$2
arch=${TARGETARCH:-$(uname -m)}
case $arch in
  amd64 | x86_64) platform=linux-x64 ;;
  arm64 | aarch64) platform=linux-aarch64 ;;
  *) echo "onnxruntime-natives: no ONNX Runtime natives for $arch" >&2; exit 1 ;;
esac
work=$(mktemp -d)
mkdir "$work/jar"
# the JDK's jar tool: the builder image has no zip/unzip
(cd "$work/jar" && jar xf "$jar")
mkdir -p "$dest"
cp "$work/jar/ai/onnxruntime/native/$platform/"*.so "$dest/"
rm -rf "$work/jar/ai/onnxruntime/native"
mv "$work/jar/META-INF/MANIFEST.MF" "$work/MANIFEST.MF"
rm "$jar"
jar --create --file "$jar" --manifest "$work/MANIFEST.MF" -C "$work/jar" .
rm -rf "$work"
echo "onnxruntime-natives: $(basename "$jar"): $platform only, $(du -sh "$dest" | cut -f1) of libraries" >&2
