import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * oclif's cache directory for helmts, worked out without loading oclif: HELMTS_CACHE_DIR, else the
 * platform's user cache (XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%) plus `helmts`.
 */
export function helmtsCacheDirectory(): string {
  const env = process.env;
  if (env.HELMTS_CACHE_DIR) return env.HELMTS_CACHE_DIR;
  const base =
    env.XDG_CACHE_HOME ??
    (process.platform === 'darwin'
      ? join(homedir(), 'Library', 'Caches')
      : process.platform === 'win32'
        ? (env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'))
        : join(homedir(), '.cache'));
  return join(base, 'helmts');
}
