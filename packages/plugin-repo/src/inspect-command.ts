import { Args, downloaderGetters, Flags, HelmtsCommand, HelmtsError, needsArguments } from '@helmts/core';

import { defaultKeyring } from '@helmts/repo/keyring';

import type { InspectPart } from './inspect-chart.js';
import { chartLookupFromFlags, transportFlags } from './transport-flags.js';

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
    keyring: Flags.string({
      summary: 'Path to the keyring containing public verification keys.',
      default: defaultKeyring(),
    }),
  };

  protected abstract readonly part: InspectPart;

  async run(): Promise<void> {
    const { ChartLookupError, resolveChart, RepoError } = await import('@helmts/repo');
    const { loadChart } = await import('@helmts/chart');
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { inspectChart } = await import('./inspect-chart.js');
    const work = await mkdtemp(join(tmpdir(), 'helmts-inspect-'));
    try {
      const resolved = await resolveChart(this.args.chart, {
        home: this.home,
        ...chartLookupFromFlags(this.flags),
        destination: work,
        getters: await downloaderGetters(this.settings),
        provenance: this.flags.verify ? 'verify' : undefined,
        keyring: this.flags.keyring,
      }).catch(async (error: unknown) => {
        // Helm 2's locateChartPath: "failed to download", the reason only with --debug (what names a
        // local chart keeps its own error, a local archive that fails --verify included)
        const e = error as Error;
        const { existsSync } = await import('node:fs');
        const downloadFailed =
          (e instanceof RepoError && !(e instanceof ChartLookupError)) || e?.name === 'ProvenanceError';
        if (
          !downloadFailed ||
          existsSync(this.args.chart) ||
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
      process.stdout.write(await inspectChart(loadChart(resolved.path, { helm2: true }), this.part));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}
