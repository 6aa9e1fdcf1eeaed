import { lstat, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { Constraint, Version } from '@helmts/semver';

import { HelmtsError } from '../sdk/errors.js';

/** Runs git quietly, never prompting (a private repository fails instead of waiting on a terminal). */
function git(args: string[], cwd?: string): Promise<string> {
  // loaded on use: the SDK reaches this module and child_process costs every command ~3 ms at start
  const { execFile } = process.getBuiltinModule('node:child_process');
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const detail = stderr.trim().split('\n').filter(Boolean).pop() ?? error.message;
        reject(new HelmtsError(`git ${args[0]} failed: ${detail.replace(/^fatal: /, '')}`, { cause: error }));
      },
    );
  });
}

/**
 * The tag to check out for `--version`, as Helm 2 picks it: the text itself when it names a tag or
 * branch, else the highest semver tag that the constraint (Masterminds semver 1.5) accepts.
 */
async function resolveVersion(dir: string, version: string, source: string): Promise<string> {
  const refs = await git(['for-each-ref', '--format=%(refname)', 'refs/tags', 'refs/remotes/origin'], dir);
  const names = refs.split('\n').filter(Boolean);
  if (names.includes(`refs/tags/${version}`) || names.includes(`refs/remotes/origin/${version}`)) return version;
  const constraint = Constraint.tryParse(version, { dialect: 'v1.5' });
  if (!constraint) throw new HelmtsError(`improper constraint: ${version}`);
  const tags = names
    .filter((name) => name.startsWith('refs/tags/'))
    .map((name) => name.slice('refs/tags/'.length))
    .map((tag) => ({ tag, version: Version.tryParse(tag, { dialect: 'v1.5' }) }))
    .filter((t): t is { tag: string; version: Version } => t.version !== undefined)
    .sort((a, b) => b.version.compare(a.version));
  const match = tags.find((t) => constraint.check(t.version));
  if (!match) throw new HelmtsError(`requested version "${version}" does not exist for plugin "${source}"`);
  return match.tag;
}

/**
 * Clones a plugin's git repository into `dir` (through a staging directory, so a failed clone
 * leaves nothing) and checks out what `version` selects; an existing clone is fetched instead.
 */
export async function cloneGitPlugin(source: string, dir: string, version?: string): Promise<void> {
  const cloned = await lstat(join(dir, '.git')).then(
    () => true,
    () => false,
  );
  if (cloned) {
    await git(['fetch', '--quiet', '--tags', 'origin'], dir);
  } else {
    const staging = `${dir}.cloning-${process.pid}`;
    try {
      await git(['clone', '--quiet', '--', source, staging]);
      await rename(staging, dir);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
  }
  if (version) await git(['checkout', '--quiet', await resolveVersion(dir, version, source)], dir);
}

/**
 * Brings a cloned plugin up to date as Helm 2 does: refuses local changes, fetches, and fast-forwards
 * a branch checkout (a tag checked out with --version stays where it is).
 */
export async function pullGitPlugin(dir: string): Promise<void> {
  if ((await git(['status', '--porcelain'], dir)).trim()) throw new HelmtsError('plugin repo was modified');
  await git(['fetch', '--quiet', '--tags', 'origin'], dir);
  const branch = (await git(['rev-parse', '--abbrev-ref', 'HEAD'], dir)).trim();
  if (branch !== 'HEAD') await git(['merge', '--quiet', '--ff-only', '@{upstream}'], dir);
}

/** Whether an unpacked plugin-cache entry is a git clone (updated with git, not fetched again). */
export async function isGitClone(dir: string): Promise<boolean> {
  return lstat(join(dir, '.git')).then(
    () => true,
    () => false,
  );
}
