#!/usr/bin/env bash
# Compiles every package (TypeScript project references) and writes the oclif manifests.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==> building packages"
npx tsc -b tsconfig.json
# Tiller runs as one ES module with only the parts of client-node it uses (memory); see scripts/bundle-tiller.mjs.
node scripts/bundle-tiller.mjs
# The CLI loads oclif as one bundled file (start-up); see packages/core/scripts/bundle-oclif.mjs.
node packages/core/scripts/bundle-oclif.mjs >/dev/null
# Core (commands + SDK) and the official plugins load as one CommonJS file each (start-up); see scripts/bundle-plugin.mjs.
node scripts/bundle-plugin.mjs packages/core packages/plugin-release packages/plugin-create packages/plugin-repo >/dev/null
for dir in packages/core packages/plugin-*; do
  [ -d "$dir/dist/commands" ] || continue
  # No update check: the oclif CLI would ask the public npm registry for a newer oclif on every build.
  (cd "$dir" && OCLIF_SKIP_NEW_VERSION_CHECK=true npx oclif manifest >/dev/null)
done
