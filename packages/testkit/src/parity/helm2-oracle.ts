import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared `tools/helm2-oracle.sh` (CI clones the repository with `shared/` beside it). */
function findOracleScript(): string | undefined {
  if (process.env.HELM2_ORACLE_SCRIPT) return process.env.HELM2_ORACLE_SCRIPT;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'tools', 'helm2-oracle.sh');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The directory holding the real Helm 2.17.0 `helm` and `tiller`, built from the Go module proxy
 * by the shared script (~80 s cold) and cached in ~/.cache/helmts/helm2-oracle (HELM2_ORACLE_DIR).
 */
export function helm2Oracle(): string {
  const script = findOracleScript();
  if (!script)
    throw new Error(
      'shared/tools/helm2-oracle.sh not found: set HELM2_ORACLE_SCRIPT or put shared/ beside the repository',
    );
  const out = execFileSync('bash', [script], {
    encoding: 'utf8',
    env: {
      ...process.env,
      HELM2_ORACLE_DIR: process.env.HELM2_ORACLE_DIR ?? join(homedir(), '.cache', 'helmts', 'helm2-oracle'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 900_000,
  });
  return out.trim().split('\n').pop() as string;
}
