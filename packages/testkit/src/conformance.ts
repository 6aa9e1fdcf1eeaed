import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The conformance corpus: HELMTS_CONFORMANCE_DIR, else the first `shared/conformance` found walking
 * up from here (CI clones the repository with `shared/` beside it). Undefined when there is none.
 */
export function findConformanceDir(): string | undefined {
  const fromEnv = process.env.HELMTS_CONFORMANCE_DIR;
  if (fromEnv) return resolve(fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'conformance');
    if (existsSync(join(candidate, 'cases.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Like findConformanceDir, but a test that needs the corpus fails saying where it looked. */
export function conformanceDir(): string {
  const dir = findConformanceDir();
  if (!dir)
    throw new Error(
      'conformance corpus not found: set HELMTS_CONFORMANCE_DIR or put shared/conformance beside the repository',
    );
  return dir;
}
