#!/usr/bin/env bash
# A Swarm of several machines on this one host, for docs/performance.md ("Swarm of several
# nodes"): each node is a Docker engine in a privileged container (bench/swarm-node, Docker in
# Docker), on a bridge network of their own, with a registry beside them (Debian's
# docker-registry in the same image). The first node is the manager and keeps the broker; the
# second joins as a worker labelled as the site "kitchen" (docs/deploy.md's blocks "Several
# machines" and "A satellite's node", as printed). Then, as docs/deploy.md says, on the manager:
# push the images, create the secrets, deploy docker-stack.yml with its satellite template (the
# kitchen's audio output) uncommented, say something on the kitchen and find the WAV on the
# second node, and none of the kitchen's on the base's audio. Figures: image push, join, deploy to healthy, where each task ran, and say ->
# sayFinished for the kitchen (audio on the worker) against the base's site (audio wherever Swarm
# put it), the same text, alternating, in the same run. Rewrites the text between the
# swarm-nodes-bench markers.
#
# Usage: bench/swarm-nodes.sh [SAYS] [--no-doc] [--keep]
#   SAYS      says per site (default 20)
#   --keep    leave the nodes running at the end (remove them later with --down)
#   --down    remove what an earlier --keep left, and exit
# Needs root, the engine, the images (scripts/build-images.sh --stand-ins; built when missing)
# and mosquitto-clients. Uses the containers, volumes and network named chorus-swarmnodes-*,
# and the host port 127.0.0.1:18870 (the registry); removes what it creates. Changes nothing
# of the host's own engine (no Swarm on it).
set -euo pipefail
cd "$(dirname "$0")/.."

says=20 doc=true keep=false
for arg in "$@"; do
  case $arg in
    --no-doc) doc=false ;;
    --keep) keep=true ;;
    --down) keep=down ;;
    [0-9]*) says=$arg ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[bench-swarm-nodes] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

prefix=chorus-swarmnodes
net=$prefix
registry_port=18870
nodes=(node1 node2)
state=/run/$prefix # the nodes' engine sockets: /run/chorus-swarmnodes/<node>/docker.sock
node_image=chorus-bench/swarm-node

# everything this script creates, by name
down() {
  local n
  for n in "${nodes[@]}"; do docker rm -f "$prefix-$n" >/dev/null 2>&1 || true; done
  docker rm -f "$prefix-registry" >/dev/null 2>&1 || true
  for n in "${nodes[@]}"; do docker volume rm "$prefix-$n" >/dev/null 2>&1 || true; done
  docker volume rm "$prefix-registry" >/dev/null 2>&1 || true
  docker network rm "$net" >/dev/null 2>&1 || true
  docker image ls --format '{{.Repository}}:{{.Tag}}' "127.0.0.1:$registry_port/chorus/*" | xargs -r docker image rm >/dev/null 2>&1 || true
  rm -rf "$state"
}
if [ "$keep" = down ]; then
  down
  exit 0
fi

docker info >/dev/null 2>&1 || die "the Docker engine does not answer (.ci/docker-engine.sh)"
command -v mosquitto_pub >/dev/null || die "mosquitto-clients missing (.ci/test-tools.sh)"
down # leftovers of an earlier run

work=$(mktemp -d)
on_exit() {
  if [ "$keep" = false ]; then down; else log "--keep: nodes left running (bench/swarm-nodes.sh --down removes them)"; fi
  rm -rf "$work"
}
trap on_exit EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- images: the stack's (built when missing) and the node image
# shellcheck disable=SC2046 # KEY=VALUE lines
export $(scripts/build-images.sh --stand-ins --print-env | grep -E '^(BUILDER|RUNTIME)_IMAGE=')
version=$(sed -n 's/^CHORUS_VERSION=//p' .env)
missing=()
docker image inspect "$RUNTIME_IMAGE" >/dev/null 2>&1 || scripts/base-images.sh >/dev/null
for ref in $(docker compose --profile '*' config --images | sort -u); do
  docker image inspect "$ref" >/dev/null 2>&1 || missing+=("${ref##*/}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "building the images first: ${missing[*]}"
  scripts/build-images.sh --stand-ins
fi
log "node image $node_image (engine and registry from Debian packages)"
docker build -q --build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE" -t "$node_image" bench/swarm-node >/dev/null

# ---- the nodes and their registry, on a network of their own
docker network create "$net" >/dev/null
docker volume create "$prefix-registry" >/dev/null
docker run -d --name "$prefix-registry" --network "$net" --network-alias registry \
  -p "127.0.0.1:$registry_port:5000" -v "$prefix-registry:/var/lib/docker-registry" \
  "$node_image" docker-registry serve /etc/docker/registry/config.yml >/dev/null
declare -A ip sock
t0=$SECONDS
for n in "${nodes[@]}"; do
  mkdir -p "$state/$n"
  docker run -d --privileged --name "$prefix-$n" --hostname "$n" --network "$net" \
    -v "$prefix-$n:/var/lib/docker" -v "$state/$n:/run/node" "$node_image" >/dev/null
  sock[$n]=unix://$state/$n/docker.sock
  ip[$n]=$(docker inspect -f "{{(index .NetworkSettings.Networks \"$net\").IPAddress}}" "$prefix-$n")
done
for n in "${nodes[@]}"; do
  for _ in $(seq 120); do
    DOCKER_HOST=${sock[$n]} docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  DOCKER_HOST=${sock[$n]} docker info >/dev/null 2>&1 || { docker logs --tail 30 "$prefix-$n" >&2; die "the engine of $n does not answer"; }
done
engines_s=$((SECONDS - t0))
curl -fsS -o /dev/null "http://127.0.0.1:$registry_port/v2/" || die "the registry does not answer"
log "engines up in ${engines_s} s: ${nodes[*]} at ${ip[*]}"

# the docs' blocks (docs/deploy.md "Docker Swarm"), as printed: one bash per block
doc_block() { # HEADING: the lines of the one ```sh block under "### HEADING"
  awk -v h="### $1" '$0 == h {s=1; next} s && /^### / {exit} s && /^```sh$/ {b=1; next} b && /^```$/ {exit} b' docs/deploy.md
}
run_block() { # NODE HEADING [ENV=VALUE...]: the block on NODE's engine
  local node=$1 heading=$2 script
  shift 2
  script=$(doc_block "$heading")
  [ -n "$script" ] || die "docs/deploy.md has no sh block under \"### $heading\""
  env DOCKER_HOST="${sock[$node]}" "$@" bash -euo pipefail -c "$script"
}

export CHORUS_STACK=chorus CHORUS_VERSION=$version
export CHORUS_MQTT_PORT=1883 CHORUS_MQTT_TLS_PORT=8883 CHORUS_HTTP_PORT=8080
manager=${nodes[0]} worker=${nodes[1]}

# ---- a Swarm of two machines: init on the first, join from the second (docs: "Several machines")
t0=$SECONDS
DOCKER_HOST=${sock[$manager]} docker swarm init --advertise-addr "${ip[$manager]}" >/dev/null
join=$(run_block "$manager" "Several machines" | grep -o 'docker swarm join --token [^ ]* [0-9.:]*')
[ -n "$join" ] || die "the manager printed no join command"
DOCKER_HOST=${sock[$worker]} bash -c "$join" >/dev/null
run_block "$manager" "A satellite's node" NODE="$worker" SITE=kitchen
swarm_s=$((SECONDS - t0))
DOCKER_HOST=${sock[$manager]} docker node ls >&2

# ---- deploy as docs/deploy.md says: the images go up through the host's port of the registry
# (127.0.0.1: plain HTTP without any engine setting), the nodes pull them as registry:5000.
# The stack file: docker-stack.yml with its satellite template for the kitchen uncommented, and
# the base's audio kept to the base's own site.
sed 's/^#satellite# //' docker-stack.yml >"$work/stack.yml"
grep -q '^  satellite-kitchen-audio:' "$work/stack.yml" || die "no satellite template in docker-stack.yml"
base_site=default
export CHORUS_AUDIO_SITES=$base_site CHORUS_STACK_FILE=$work/stack.yml
t0=$SECONDS
CHORUS_REGISTRY=127.0.0.1:$registry_port/chorus scripts/push-images.sh >"$work/push.log" 2>&1 ||
  { tail -20 "$work/push.log" >&2; die "push failed"; }
push_s=$((SECONDS - t0))
log "images pushed in ${push_s} s"
export CHORUS_REGISTRY=registry:5000/chorus
DOCKER_HOST=${sock[$manager]} docker node update --label-add chorus.broker=true "$manager" >/dev/null
DOCKER_HOST=${sock[$manager]} CHORUS_TLS_CA_OUT=$work/chorus-tls.crt scripts/swarm-secrets.sh >/dev/null
t0=$SECONDS
DOCKER_HOST=${sock[$manager]} timeout 1500 docker stack deploy --detach=false -c "$work/stack.yml" "$CHORUS_STACK" >"$work/deploy.log" 2>&1 &
deploy=$!
# every service 1/1 (a task is "running" once its health check passed): the CLI, meanwhile,
# verifies one service after the other for update_config's monitor time
expected=$(awk '/^services:/ {s=1; next} /^[a-z]/ {s=0} s && /^  [a-z][a-z0-9-]*:$/ {n++} END {print n}' "$work/stack.yml")
running_s=""
while kill -0 "$deploy" 2>/dev/null; do
  if [ -z "$running_s" ] && [ "$(DOCKER_HOST=${sock[$manager]} docker service ls --filter "label=com.docker.stack.namespace=$CHORUS_STACK" \
    --format '{{.Replicas}}' | grep -c '^1/1$')" -eq "$expected" ]; then
    running_s=$((SECONDS - t0))
    log "every service running and healthy after ${running_s} s"
  fi
  sleep 1
done
if ! wait "$deploy"; then
  tail -30 "$work/deploy.log" >&2
  DOCKER_HOST=${sock[$manager]} docker stack ps --no-trunc "$CHORUS_STACK" >&2 || true
  die "deploy failed"
fi
deploy_s=$((SECONDS - t0))
running_s=${running_s:-$deploy_s}
placement=$(DOCKER_HOST=${sock[$manager]} docker stack ps "$CHORUS_STACK" --filter desired-state=running \
  --format '{{.Name}} {{.Node}}' | sed -E "s/^${CHORUS_STACK}_//; s/\.[0-9]+ / /" | sort)
log "deployed in ${deploy_s} s; placement:"$'\n'"$placement"
echo "$placement" | grep -qx "satellite-kitchen-audio $worker" || die "satellite-kitchen-audio did not run on $worker"

# ---- says: the kitchen (audio on the worker) and the base's own site, alternating
container_on() { # NODE SERVICE: the id of the service's task container on that node
  DOCKER_HOST=${sock[$1]} docker ps -q -f "label=com.docker.swarm.service.name=${CHORUS_STACK}_$2"
}
pw=$(DOCKER_HOST=${sock[$manager]} docker exec "$(container_on "$manager" broker)" cat /run/secrets/mqtt-credentials/operator)
mq=(-V mqttv5 -h "${ip[$manager]}" -p "$CHORUS_MQTT_PORT" -u operator -P "$pw")
mosquitto_sub "${mq[@]}" -q 1 -t hermes/tts/sayFinished -F '%U %p' -C $((2 * says)) -W 900 >"$work/finished" 2>"$work/sub.err" &
sub=$!
sleep 1 # the subscription is in place
# a new text for every say (the tts module caches what it rendered), of the same length for
# both sites, the order of the two sites swapped every round
for i in $(seq 1 "$says"); do
  order=(kitchen "$base_site")
  [ $((i % 2)) -eq 1 ] || order=("$base_site" kitchen)
  for site in "${order[@]}"; do
    word=on
    [ "$site" = kitchen ] || word=up
    printf '%s %s-%s\n' "$(date +%s.%N)" "$site" "$i" >>"$work/sent"
    mosquitto_pub "${mq[@]}" -q 1 -t hermes/tts/say \
      -m "{\"text\": \"Turn $word the light number $i.\", \"siteId\": \"$site\", \"id\": \"$site-$i\"}"
    # the next say once this one is finished (no queueing behind it)
    for _ in $(seq 600); do
      grep -qE "\"id\": ?\"$site-$i\"" "$work/finished" 2>/dev/null && break
      sleep 0.05
    done
  done
done
wait "$sub" || true
played=$(DOCKER_HOST=${sock[$worker]} docker exec "$(container_on "$worker" satellite-kitchen-audio)" ls /data/played | wc -l)
base_audio_node=$(echo "$placement" | awk '$1 == "audio" {print $2}')
base_played=$(DOCKER_HOST=${sock[$base_audio_node]} docker exec "$(container_on "$base_audio_node" audio)" ls /data/played | wc -l)

# latency per site: sayFinished time - publish time, by say id
stats() { # SITE: "median p90 n" in ms
  awk -v site="$1" '
    FNR == NR { sent[$2] = $1; next }
    { if (match($0, /"id": ?"[^"]*"/)) { id = substr($0, RSTART, RLENGTH); sub(/^"id": ?"/, "", id); sub(/"$/, "", id); if (index(id, site "-") == 1 && id in sent) print ($1 - sent[id]) * 1000 } }
  ' "$work/sent" "$work/finished" | sort -n | awk '{v[NR] = $1} END {
    if (NR == 0) { print "- - 0"; exit }
    printf "%.0f %.0f %d\n", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.999)], NR }'
}
read -r k_med k_p90 k_n <<<"$(stats kitchen)"
read -r b_med b_p90 b_n <<<"$(stats "$base_site")"
tts_node=$(echo "$placement" | awk '$1 == "tts" {print $2}')
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
log "kitchen: median ${k_med} ms p90 ${k_p90} (n=$k_n), $base_site: median ${b_med} p90 ${b_p90} (n=$b_n); $played WAVs on $worker"
[ "$k_n" -eq "$says" ] || die "the kitchen: $k_n of $says says answered"
[ "$b_n" -eq "$says" ] || die "$base_site: $b_n of $says says answered"
[ "$played" -eq "$says" ] || die "$played WAVs in the kitchen's /data/played on $worker, not $says"
[ "$base_played" -eq "$says" ] || die "$base_played WAVs on the base's audio, not $says (only its own site's)"

t0=$SECONDS
DOCKER_HOST=${sock[$manager]} docker stack rm --detach=false "$CHORUS_STACK" >/dev/null
rm_s=$((SECONDS - t0))

section=$(
  cat <<EOF
Run of $(date -u '+%Y-%m-%d %H:%M') UTC, load average before ${load_before}, after ${load_after}
(2 cores shared by both nodes, the registry and every JVM):

| step | time |
|---|---|
| two engines (Docker in Docker) answering | ${engines_s} s |
| \`swarm init\` + the printed \`docker swarm join\` + the site label | ${swarm_s} s |
| \`scripts/push-images.sh\` (11 images, 22 tags, empty registry) | ${push_s} s |
| \`docker stack deploy\` until every service is 1/1 (both nodes pull, every task healthy) | ${running_s} s |
| \`docker stack deploy --detach=false\` returns (it then watches each service in turn for \`update_config.monitor\`, 20 s) | ${deploy_s} s |
| \`docker stack rm --detach=false\` | ${rm_s} s |

Placement: the broker on $manager (label \`chorus.broker\`), \`satellite-kitchen-audio\` on $worker (label
\`chorus.site=kitchen\`); tts ran on ${tts_node}, the base's audio (site \`$base_site\`) on
${base_audio_node}; the rest: $(echo "$placement" | grep -vE '^(broker|audio|satellite-kitchen-audio|tts) ' | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}').

Say → \`sayFinished\` (a one-line say, "Turn on/up the light number N.", new text each time,
published to the broker's
port on $manager; the satellite's audio reaches the broker over MQTT/TLS inside the overlay, as
the satellite's principal; the audio module paces \`playFinished\` to the sound's length, so
this includes playing it), $says says per site, alternating (which site first swaps every round),
one at a time:

| site | its audio on | median | p90 | answered |
|---|---|---|---|---|
| kitchen | $worker | ${k_med} ms | ${k_p90} ms | ${k_n}/${says} |
| $base_site | ${base_audio_node} | ${b_med} ms | ${b_p90} ms | ${b_n}/${says} |

WAVs in \`/data/played\`: the kitchen's task on $worker ${played}, the base's audio ${base_played}
(its own site only: \`CHORUS_AUDIO_SITES=$base_site\`).
EOF
)
printf '%s\n' "$section"
if [ "$doc" = true ]; then
  bench/doc-section.sh swarm-nodes-bench "$section"
  log "docs/performance.md updated"
fi
