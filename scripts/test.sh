#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: install, build, lint, type-check the tests,
# start the local Kubernetes API server, run every package's tests, and print one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/setup.sh

echo "==> formatting (prettier --check; fix with: npm run format)"
npm run --silent format:check -- --log-level warn
echo "==> import cycles and package layers (dependency-cruiser; rules in .dependency-cruiser.cjs)"
npm run --silent depcheck
echo "==> unused files, exports and dependencies (knip; config in knip.config.js)"
npm run --silent knip
echo "==> eslint"
npx eslint .
echo "==> type-checking tests"
npx tsc -p tsconfig.test.json

echo "==> shells and a terminal for the completion tests (scripts/install-test-deps.sh)"
bash scripts/install-test-deps.sh

started_cluster=""
if [ -x scripts/local-cluster.sh ] && [ -z "${HELMTS_SKIP_CLUSTER:-}" ]; then
  if ! scripts/local-cluster.sh status >/dev/null 2>&1; then
    echo "==> local cluster: system packages and binaries (cached after the first build)"
    bash scripts/install-cluster-deps.sh
    echo "==> starting the local cluster (scripts/local-cluster.sh start)"
    scripts/local-cluster.sh start
    started_cluster=1
  fi
  eval "$(scripts/local-cluster.sh env)"
fi
# each package's mocha output, read again for the counts and the failures at the end
logdir=$(mktemp -d)
cleanup() {
  rm -rf "$logdir"
  if [ -n "$started_cluster" ]; then scripts/local-cluster.sh stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

passed=0; failed=0; skipped=0; broken=()
for dir in packages/* examples/*; do
  [ -f "$dir/.mocharc.json" ] || continue
  compgen -G "$dir/test/*.test.ts" >/dev/null || compgen -G "$dir/test/**/*.test.ts" >/dev/null || continue
  name=$(basename "$dir")
  echo "==> testing $dir"
  set +e
  (cd "$dir" && npx mocha --reporter spec) 2>&1 | tee "$logdir/$name.log"
  status=${PIPESTATUS[0]}
  set -e
  p=$(grep -Eo '^ +[0-9]+ passing' "$logdir/$name.log" | grep -Eo '[0-9]+' | tail -1 || true)
  f=$(grep -Eo '^ +[0-9]+ failing' "$logdir/$name.log" | grep -Eo '[0-9]+' | tail -1 || true)
  s=$(grep -Eo '^ +[0-9]+ pending' "$logdir/$name.log" | grep -Eo '[0-9]+' | tail -1 || true)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
  if [ "$status" -ne 0 ]; then
    broken+=("$name")
    # A runner that died before reporting still counts as a failure.
    [ -n "$f" ] || failed=$((failed + 1))
  fi
done

echo
# The failures again, last: a CI log is often read from its tail.
for name in "${broken[@]}"; do
  echo "==> failures in $name"
  if grep -Eq '^ +[0-9]+ failing' "$logdir/$name.log"; then
    sed -n '/^ *[0-9][0-9]* failing/,$p' "$logdir/$name.log" | head -n 80
  else
    tail -n 30 "$logdir/$name.log" # the runner died before its report
  fi
done
if [ ${#broken[@]} -gt 0 ]; then echo "failing packages: ${broken[*]}"; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ] && [ ${#broken[@]} -eq 0 ]
