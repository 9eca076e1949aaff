#!/usr/bin/env bash
# Usage: bash .ci/fresh_runs.sh [N]   (N defaults to 10)
#
# What "green every time" means, measured: N times in a row, in a temporary clone of this
# checkout's last commit, what CI does (.ci/run: the README's two set-up commands in a fresh
# virtual environment, the whole test suite included). Prints each run's wall time, CPU time
# (user + sys, of the run and everything it started) and result, then a summary; exits 1 if any
# run failed. Each run's whole output is kept in the temporary folder, named at the end.
#
# The clone finds the shared data (mnist/, seeds/) beside it, as a checkout does: a link to the
# nearest shared/ above this checkout. Nothing of this checkout is changed.
set -euo pipefail
runs="${1:-10}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "fresh_runs.sh: N must be a whole number >= 1, not '$runs'" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")/.." && pwd)"
shared=""
folder="$here"
while [ "$folder" != "/" ]; do
  folder="$(dirname "$folder")"
  if [ -d "$folder/shared" ]; then shared="$folder/shared"; break; fi
done
if [ -z "$shared" ]; then
  echo "fresh_runs.sh: no shared/ folder (mnist/, seeds/) above $here; the tests need it" >&2
  exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/nndl-fresh-runs.XXXXXX")"
ln -s "$shared" "$work/shared"
commit="$(git -C "$here" rev-parse --short HEAD)"
if [ -n "$(git -C "$here" status --porcelain --untracked-files=no)" ]; then
  echo "fresh_runs.sh: note: uncommitted changes in $here are not in the runs (they use commit $commit)" >&2
fi
echo "fresh_runs.sh: $runs run(s) of .ci/run on commit $commit, in $work"
printf '%-4s %-8s %10s %10s  %s\n' run result wall_s cpu_s "pytest's last line"

failed=0
for i in $(seq "$runs"); do
  rm -rf "$work/checkout"
  git clone -q "$here" "$work/checkout"
  git -C "$work/checkout" checkout -q "$commit"
  log="$work/run-$i.log"
  SECONDS=0
  status=0
  /usr/bin/time -f "%U %S" -o "$work/run-$i.cpu" bash "$work/checkout/.ci/run" >"$log" 2>&1 || status=$?
  wall=$SECONDS
  cpu=$(tail -n 1 "$work/run-$i.cpu" 2>/dev/null | awk '{ printf "%.0f", $1 + $2 }')
  last=$(grep -E '^(=+ )?[0-9]+ (passed|failed)|[0-9]+ (passed|failed|error)' "$log" | tail -1 | sed 's/=//g; s/^ *//; s/ *$//')
  if [ "$status" -eq 0 ]; then result=green; else result="red($status)"; failed=$((failed + 1)); fi
  printf '%-4s %-8s %10s %10s  %s\n' "$i" "$result" "$wall" "${cpu:-?}" "${last:-(no pytest summary; see $log)}"
done
rm -rf "$work/checkout"
echo "fresh_runs.sh: $((runs - failed)) of $runs green; logs in $work"
[ "$failed" -eq 0 ]
