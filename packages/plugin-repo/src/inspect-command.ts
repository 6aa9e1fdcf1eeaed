import { Args, downloaderGetters, Flags, HelmtsCommand, HelmtsError, needsArguments } from '@helmts/core';

import type { InspectPart } from './inspect-chart.js';
import { transportFlags, transportFromFlags } from './transport-flags.js';

/** Base of `inspect`, `inspect chart|values|readme`: Helm 2's chart-locating flags, one chart argument. */
export abstract class InspectCommand extends HelmtsCommand<typeof InspectCommand> {
  static override argumentErrors = needsArguments('chart name');
  static override args = {
    chart: Args.string({
      required: true,
      description: 'Chart reference: a directory, a .tgz, a URL, REPO/CHART, or a name with --repo.',
    }),
  };
  static override flags = {
    ...transportFlags,
    version: Flags.string({ summary: 'Version of the chart. By default, the newest chart is shown.' }),
    repo: Flags.string({ summary: 'Chart repository url where to locate the requested chart.' }),
    devel: Flags.boolean({
      summary: "Use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored.",
    }),
    verify: Flags.boolean({ summary: 'Verify the provenance data for this chart.' }),
    keyring: Flags.string({ summary: 'Path to the keyring containing public verification keys.' }),
  };

  protected abstract readonly part: InspectPart;

  async run(): Promise<void> {
    if (this.flags.verify)
      throw new HelmtsError('provenance verification (--verify) is not yet supported by helmts inspect', {
        hint: 'inspect without --verify, or check the archive with "helmts verify"',
      });
    const { resolveChart } = await import('@helmts/repo');
    const { loadChart } = await import('@helmts/chart');
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { inspectChart } = await import('./inspect-chart.js');
    const work = await mkdtemp(join(tmpdir(), 'helmts-inspect-'));
    try {
      const resolved = await resolveChart(this.args.chart, {
        home: this.home,
        version: this.flags.version,
        devel: this.flags.devel,
        repoUrl: this.flags.repo,
        transport: transportFromFlags(this.flags),
        destination: work,
        getters: await downloaderGetters(this.settings),
      }).catch((error: unknown) => {
        // Helm 2's locateChartPath: "failed to download", the reason only with --debug
        const e = error as Error;
        if (
          e?.name !== 'RepoNotFoundError' ||
          /^path "/.test(e.message) ||
          this.args.chart.startsWith('oci://') ||
          this.settings.debug
        )
          throw error;
        throw new HelmtsError(
          `failed to download ${JSON.stringify(this.args.chart)} (hint: running \`${this.config.bin} repo update\` may help)`,
          { cause: error },
        );
      });
      process.stdout.write(await inspectChart(loadChart(resolved.path), this.part));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}
