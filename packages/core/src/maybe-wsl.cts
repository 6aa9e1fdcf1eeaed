/**
 * Whether Linux shows any sign of WSL that oclif's platform check (is-wsl) looks at. False means
 * is-wsl would say false too, so the CLI can skip loading it: `--version` answered before oclif
 * loads (bin/run.cjs), and oclif's own platform check at every start (scripts/bundle-oclif.mjs),
 * where is-wsl comes with wsl-utils and node:child_process (~3 ms). True leaves the answer to
 * is-wsl (which also rules out containers).
 */
import { existsSync, readFileSync } from 'node:fs';
import { release } from 'node:os';

export function maybeWsl(): boolean {
  if (process.platform !== 'linux') return false;
  if (release().toLowerCase().includes('microsoft')) return true;
  try {
    if (readFileSync('/proc/version', 'utf8').toLowerCase().includes('microsoft')) return true;
  } catch {
    // no /proc: nothing says WSL
  }
  return existsSync('/proc/sys/fs/binfmt_misc/WSLInterop') || existsSync('/run/WSL');
}
