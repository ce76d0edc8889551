#!/usr/bin/env bash
# docker compose with the dev overlay: scripts/dev.sh up -d | logs -f tts | down | ...
# Same as `docker compose -f docker-compose.yml -f docker-compose.dev.yml "$@"`, or put
#   COMPOSE_FILE=docker-compose.yml:docker-compose.dev.yml
# in your environment. See docs/containers.md ("Dev overlay").
set -euo pipefail
cd "$(dirname "$0")/.."
export CHORUS_EXTRA_CA=${CHORUS_EXTRA_CA:-$(scripts/extra-ca.sh 2>/dev/null || true)}
exec docker compose -f docker-compose.yml -f docker-compose.dev.yml "$@"
