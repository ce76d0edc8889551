#!/usr/bin/env bash
# Broker benchmark: Chorus broker vs Mosquitto, same run, interleaved. Builds the broker and the
# bench, runs dev.chorus.bench.BrokerBench (a few minutes, loopback only, stops by itself) and
# rewrites the broker section of docs/performance.md. Needs Debian's `mosquitto` package.
# Extra arguments go to BrokerBench, e.g. `bench/broker.sh --rounds 1 --no-doc`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x /usr/sbin/mosquitto ]] || ! command -v mosquitto_passwd >/dev/null; then
    echo "bench/broker.sh: needs /usr/sbin/mosquitto and mosquitto_passwd (apt-get install mosquitto)" >&2
    exit 2
fi

./mvnw -q -B -pl bench -am package -DskipTests
exec java -Xms256m -Xmx512m -cp "bench/target/classes:bench/target/lib/*" \
    dev.chorus.bench.BrokerBench "$@"
