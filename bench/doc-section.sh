#!/usr/bin/env bash
# Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` in docs/performance.md
# with SECTION: how every benchmark script writes its figures. Fails when the markers are missing.
#
# Usage: bench/doc-section.sh NAME SECTION
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: bench/doc-section.sh NAME SECTION" >&2; exit 2; }
python3 - "$1" "$2" <<'PY'
import sys, re
name, section = sys.argv[1], sys.argv[2]
p = 'docs/performance.md'
s = open(p).read()
start, end = f'<!-- {name}:start -->', f'<!-- {name}:end -->'
new = start + '\n' + section + '\n' + end
s2, n = re.subn(re.escape(start) + '.*?' + re.escape(end), lambda m: new, s, flags=re.S)
if n == 0:
    raise SystemExit(f'docs/performance.md has no {name} markers')
open(p, 'w').write(s2)
PY
