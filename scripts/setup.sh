#!/usr/bin/env bash
# Installs the npm dependencies (from the lockfile) and builds every package.
# Safe to run repeatedly: npm ci only when node_modules is missing or older than the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "helmts needs Node.js >= 20.19 (found $(node --version))" >&2
  exit 1
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

bash scripts/build.sh
