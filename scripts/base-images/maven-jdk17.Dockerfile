# Stand-in for maven:3.9-eclipse-temurin-17, built from Debian packages on top of the
# chorus-base/debian:bookworm-slim stand-in. Built by scripts/base-images.sh with
# scripts/ as the build context; not meant to be built by hand.
#
# Same layout as the official image, so that one Dockerfile works on both:
# JAVA_HOME=/opt/java/openjdk with its bin/ first on PATH, mvn on PATH,
# MAVEN_HOME=/usr/share/maven, MAVEN_CONFIG=/root/.m2, UTF-8 default encoding,
# curl, wget, git, binutils and unzip (the Maven wrapper needs it) installed. Differences: Debian's OpenJDK 17 instead of
# Temurin, Debian 12 instead of Ubuntu, no mvn-entrypoint.sh.
ARG BASE_IMAGE=chorus-base/debian:bookworm-slim
FROM ${BASE_IMAGE}

ENV JAVA_HOME=/opt/java/openjdk \
    MAVEN_HOME=/usr/share/maven \
    MAVEN_CONFIG=/root/.m2 \
    LANG=C.UTF-8
ENV PATH=${JAVA_HOME}/bin:${PATH}

# openjdk-17-jdk-headless ships the jmods that jlink needs; jlink --strip-debug runs
# objcopy (binutils). apt uses plain http, so no extra CA is needed here.
# The JRE's postinst registers man pages with update-alternatives and fails when
# /usr/share/man/man1 is missing, as in every -slim image (Debian bug #863199).
RUN set -eux; \
    mkdir -p /usr/share/man/man1; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
        openjdk-17-jdk-headless binutils ca-certificates curl wget git unzip; \
    rm -rf /var/lib/apt/lists/*; \
    mkdir -p /opt/java; \
    ln -s "/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)" "$JAVA_HOME"; \
    java -version; \
    rm -rf /tmp/hsperfdata_*

# Maven from Central (HTTPS: through the optional extra_ca secret), checked against a
# pinned SHA-512 (the one Central publishes beside the archive).
ARG MAVEN_VERSION=3.9.11
ARG MAVEN_SHA512=bcfe4fe305c962ace56ac7b5fc7a08b87d5abd8b7e89027ab251069faebee516b0ded8961445d6d91ec1985dfe30f8153268843c89aa392733d1a3ec956c9978
ARG MAVEN_BASE_URL=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven
RUN --mount=type=secret,id=extra_ca \
    --mount=type=bind,source=with-extra-ca.sh,target=/tmp/with-extra-ca.sh \
    set -eux; \
    sh /tmp/with-extra-ca.sh curl -fsSL -o /tmp/maven.tar.gz \
        "${MAVEN_BASE_URL}/${MAVEN_VERSION}/apache-maven-${MAVEN_VERSION}-bin.tar.gz"; \
    echo "${MAVEN_SHA512}  /tmp/maven.tar.gz" | sha512sum -c -; \
    mkdir -p "$MAVEN_HOME"; \
    tar -xzf /tmp/maven.tar.gz -C "$MAVEN_HOME" --strip-components=1; \
    rm /tmp/maven.tar.gz; \
    ln -s "$MAVEN_HOME/bin/mvn" /usr/bin/mvn; \
    mvn -v; \
    rm -rf /tmp/hsperfdata_*

CMD ["mvn"]
