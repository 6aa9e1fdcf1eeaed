import { Args, Flags, formatStructured } from '@helmts/core';
import type { UpdateReleaseResponse } from '@helmts/proto';
import { chartToMessage } from '@helmts/tiller/chart-message';

import { prepareRelease, releaseFlags, valuesToRaw } from '../chart-request.js';
import { detectDrift } from '../diff/drift.js';
import { manifestObjects } from '../diff/manifest-objects.js';
import { diffObjectSets, formatChanges } from '../diff/object-diff.js';
import { getReleaseContent } from '../release-content.js';
import { ReleaseCommand } from '../release-command.js';

export default class Diff extends ReleaseCommand<typeof Diff> {
  static override summary = 'Show what an upgrade would change, and where the cluster has drifted from the release.';
  static override description =
    'Tiller renders the upgrade as a dry run; the result is compared object by object with the stored release. ' +
    'With --drift the live objects are compared with the stored release too. Exit code 0 either way.';
  static override examples = [
    '<%= config.bin %> diff web ./mychart --set image.tag=1.2.0',
    '<%= config.bin %> diff web ./mychart -f prod.yaml --drift -o json',
  ];
  static override args = {
    release: Args.string({ required: true, description: 'Release name.' }),
    chart: Args.string({ required: true, description: 'Chart reference.' }),
  };
  static override flags = {
    ...releaseFlags,
    'reuse-values': Flags.boolean({ summary: "Reuse the last release's values and merge in any new values." }),
    'reset-values': Flags.boolean({ summary: 'Reset the values to the ones built into the chart.' }),
    drift: Flags.boolean({ summary: 'Also compare the live cluster objects with the stored release.' }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const { chart, values } = await prepareRelease(this.args.chart, f, this.settings, this.home, (line) =>
      process.stderr.write(`${line}\n`),
    );
    const { upgrade, drift } = await this.withTiller(async (tiller) => {
      const current = await getReleaseContent(tiller, this.args.release);
      const request = {
        name: this.args.release,
        chart: chartToMessage(chart),
        values: { raw: valuesToRaw(values) },
        dry_run: true,
        reuse_values: f['reuse-values'],
        reset_values: f['reset-values'],
      };
      const response = await tiller.call<typeof request, UpdateReleaseResponse>('UpdateRelease', request);
      const next = response.release?.manifest ?? '';
      return {
        upgrade: diffObjectSets(manifestObjects(current.manifest), manifestObjects(next), ['release', 'upgrade']),
        drift: f.drift ? await detectDrift(current.manifest, current.namespace, this.settings) : undefined,
      };
    });
    if (f.output === 'json' || f.output === 'yaml') {
      process.stdout.write(formatStructured({ upgrade, ...(drift ? { drift } : {}) }, f.output));
      return;
    }
    process.stdout.write(upgrade.length ? formatChanges(upgrade) : 'No changes from the upgrade.\n');
    if (drift)
      process.stdout.write(
        drift.length
          ? `\nDrift (release → live):\n${formatChanges(drift)}`
          : '\nNo drift: the live objects match the release.\n',
      );
  }
}
