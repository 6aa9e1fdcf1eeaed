import { Args, downloaderGetters, Flags, type HelmHome, HelmtsError, type Settings } from '@helmts/core';
import type { DependencyRunOptions } from '@helmts/repo';

/** The chart directory argument of the `dependency` commands, and the flags `update` and `build` share (Helm 2's). */
export const chartDirectoryArgs = { chart: Args.string({ description: 'Chart directory.', default: '.' }) };

export const dependencyRunFlags = {
  'skip-refresh': Flags.boolean({ summary: 'Do not refresh the local repository cache.' }),
  verify: Flags.boolean({ summary: 'Verify the packages against signatures.' }),
  keyring: Flags.string({ summary: 'Keyring containing public keys.' }),
};

/** The library options these flags mean; --verify is refused until provenance files are supported. */
export async function dependencyRunOptions(
  flags: { 'skip-refresh': boolean; verify: boolean },
  settings: Settings,
  home: HelmHome,
  log: (line: string) => void,
): Promise<DependencyRunOptions> {
  if (flags.verify) throw new HelmtsError('provenance verification (--verify) is not yet supported by helmts');
  return { home, skipRefresh: flags['skip-refresh'], log, getters: await downloaderGetters(settings) };
}
