#!/usr/bin/env node
// Runs the bundled server, dist/tiller.mjs (scripts/bundle-tiller.mjs: about half the memory), when
// the build made it and no package in it was compiled again since; the compiled modules otherwise.
import { existsSync, readFileSync, statSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
const bundle = new URL('tiller.mjs', dist);

function bundleIsCurrent() {
  if (!existsSync(bundle)) return false;
  const builtAt = statSync(bundle).mtimeMs;
  const { compiled } = JSON.parse(readFileSync(new URL('tiller-bundle.json', dist), 'utf8'));
  // installed packages have no build-info files: the bundle is what was published
  const stale = compiled.filter(
    (file) => (statSync(new URL(file, dist), { throwIfNoEntry: false })?.mtimeMs ?? 0) > builtAt,
  );
  if (stale.length > 0)
    process.stderr.write(
      `tiller: ${stale.join(', ')} newer than dist/tiller.mjs: running unbundled (npm run build bundles again)\n`,
    );
  return stale.length === 0;
}

if (bundleIsCurrent()) await import('../dist/tiller.mjs');
else await import('../dist/bin/tiller.js');
