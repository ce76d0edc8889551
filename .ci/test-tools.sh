#!/usr/bin/env bash
# Debian packages the test suite drives as real third-party parts: mosquitto (a second broker
# for the benchmark) and mosquitto-clients (mosquitto_pub/sub log in as operator), openssl
# (TLS listener test), pocketsphinx + its English model (speech intelligibility), espeak-ng and
# sox (audio comparisons), chromium + chromium-driver (the gateway console's browser test, Selenium
# on the system chromedriver), jq (docs/intents.md builds its MQTT answers with it),
# docker-registry (SwarmIT's registry, .ci/registry.sh; its own service is stopped). Idempotent
# and quiet when everything is there.
set -euo pipefail

packages=(mosquitto mosquitto-clients openssl pocketsphinx pocketsphinx-en-us espeak-ng sox chromium chromium-driver jq docker-registry)
missing=()
for p in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" != installed ]; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "[test-tools] installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q </dev/null >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null >/dev/null
fi
# Debian starts a system mosquitto on 1883 when it is installed; our tests use their own ports,
# and a system broker on the default port would only confuse people reading logs.
if pgrep -x mosquitto >/dev/null 2>&1 && [ -f /etc/init.d/mosquitto ]; then
  /etc/init.d/mosquitto stop >/dev/null 2>&1 || true
fi
# The same for the registry's system service (port 5000): SwarmIT starts its own on a free port.
if [ -f /etc/init.d/docker-registry ]; then
  /etc/init.d/docker-registry stop >/dev/null 2>&1 || true
fi
