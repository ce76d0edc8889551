#!/usr/bin/env bash
# The soak benchmark for docs/performance.md ("Soak"): SoakIT (system-tests) run for 30 minutes
# instead of the 3 of `./mvnw verify`: mixed traffic at a steady rate on the whole stack (nlu
# queries spoken by the skills, playBytes, new says, notification sessions), every request
# checked for its answer, every container's memory sampled each minute. Rewrites the text
# between the soak-bench markers. Target: nothing lost, and no container above its first five
# minutes' peak + 10 % later on.
#
# Usage: bench/soak.sh [MINUTES] [--no-doc]
# Needs the engine and the stand-in base images (scripts/base-images.sh); the build makes the
# images (a cache hit when nothing changed). Starts a stack of its own (free ports) and removes it.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=30 doc=true
for arg in "$@"; do
  case $arg in
    --no-doc) doc=false ;;
    [0-9]*) minutes=$arg ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done

report=$(mktemp)
trap 'rm -f "$report"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
./mvnw -B -ntp -q -pl system-tests -am verify -Dit.test=SoakIT -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dchorus.soak.minutes="$minutes" -Dchorus.soak.report="$report" >&2 ||
  echo "[bench-soak] SoakIT failed (the report below says what was lost)" >&2
[ -s "$report" ] || { echo "[bench-soak] no report written" >&2; exit 1; }

# growth verdict per container: later max against the first five minutes' peak + 10 %
verdict=$(awk -F'|' '/^\| [a-z-]+ \| [0-9]/ && NF > 6 && $5 !~ /n\/a/ {
  name = $2; gsub(/ /, "", name); peak = $4 + 0; later = $5 + 0
  printf "%s%s %s", (n++ ? ", " : ""), name, (later <= peak * 1.1 ? "ok" : "GREW")
} END { if (!n) print "n/a (shorter than 6 minutes)" }' "$report")

section=$(cat <<EOF2
Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $(nproc) CPUs; load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg).

Command: \`bench/soak.sh $minutes\` (SoakIT with \`-Dchorus.soak.minutes=$minutes\`; \`./mvnw verify\` runs the same test for 3 minutes and asserts that every request is answered).

$(sed 's/^\[soak\] //' "$report")

Memory growth after the first five minutes (target: at most their peak + 10 %): $verdict.
EOF2
)
echo "$section"
if [ "$doc" = true ]; then
  bench/doc-section.sh soak-bench "$section"
  echo "[bench-soak] docs/performance.md updated" >&2
fi
