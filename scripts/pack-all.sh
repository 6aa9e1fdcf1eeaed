#!/usr/bin/env bash
# Packs every public package (as `npm publish` would) into packs/: a way to install helmts without
# a registry (docs/releasing.md#without-a-registry). Builds first, so the tarballs hold current code.
#   scripts/pack-all.sh [DIR]   (default: packs/ in the repository; DIR is emptied first)
set -euo pipefail
cd "$(dirname "$0")/.."
packs="${1:-packs}"
npm run --silent build >/dev/null
rm -rf "$packs"
mkdir -p "$packs"
for dir in packages/*; do
  [ -f "$dir/package.json" ] || continue
  # Private packages (test support) are never published, so never packed.
  [ "$(node -p "require('./$dir/package.json').private === true")" = true ] && continue
  npm pack "./$dir" --pack-destination "$packs" --loglevel=error >/dev/null
done
ls -1 "$packs"
