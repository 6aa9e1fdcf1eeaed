#!/usr/bin/env bash
# The main job on an embedded default: install and build everything, then show helmts working
# on a chart it creates itself. Later stages (local cluster, Tiller, install/upgrade/rollback)
# run when their packages are present.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

helmts() { node packages/core/bin/run.js "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HELMTS_HOME="$work/home"

step() { printf '\n\033[1m$ helmts %s\033[0m\n' "$*"; }
step --help; helmts --help
step version --client; helmts version --client
step init --client-only; helmts init --client-only

if helmts create --help >/dev/null 2>&1; then
  step create "$work/demo"; helmts create "$work/demo" --yes
  if helmts lint --help >/dev/null 2>&1; then step lint "$work/demo"; helmts lint "$work/demo"; fi
fi
if helmts template --help >/dev/null 2>&1 && [ -d "$work/demo" ]; then
  step template demo "$work/demo" --set replicaCount=2; helmts template demo "$work/demo" --set replicaCount=2
fi
