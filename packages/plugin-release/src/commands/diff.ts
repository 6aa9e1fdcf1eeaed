import { Args, dialectFlag, Flags, formatStructured, UsageError } from '@helmts/core';
import type { UpdateReleaseResponse } from '@helmts/proto';
import { chartToMessage } from '@helmts/tiller/chart-message';

import { prepareRelease, releaseFlags, valuesToRaw } from '../chart-request.js';
import { detectDrift } from '../diff/drift.js';
import { previewDialectMigration, type DialectName } from '../diff/dialect-migration.js';
import { manifestObjects } from '../diff/manifest-objects.js';
import { diffObjectSets, formatChanges } from '../diff/object-diff.js';
import { getReleaseContent } from '../release-content.js';
import { ReleaseCommand } from '../release-command.js';

export default class Diff extends ReleaseCommand<typeof Diff> {
  static override summary =
    'Show what an upgrade would change, where the cluster has drifted from the release, or what moving to another render dialect would change.';
  static override description =
    'Tiller renders the upgrade as a dry run; the result is compared object by object with the stored release. ' +
    'With --drift the live objects are compared with the stored release too. ' +
    "Migration preview: without CHART, --dialect helm3 renders the release's own chart and values as Helm 2.17.0 " +
    "and as today's Helm and shows per object what would change (labels, checksums, objects); --dialect helm2 the other way. " +
    'With CHART, --dialect picks how the upgrade is rendered. Exit code 0 either way.';
  static override examples = [
    '<%= config.bin %> diff web ./mychart --set image.tag=1.2.0',
    '<%= config.bin %> diff web ./mychart -f prod.yaml --drift -o json',
    '<%= config.bin %> diff web --dialect helm3',
  ];
  static override args = {
    release: Args.string({ required: true, description: 'Release name.' }),
    chart: Args.string({ description: 'Chart reference (omit with --dialect for a migration preview).' }),
  };
  static override flags = {
    ...releaseFlags,
    'reuse-values': Flags.boolean({ summary: "Reuse the last release's values and merge in any new values." }),
    'reset-values': Flags.boolean({ summary: 'Reset the values to the ones built into the chart.' }),
    drift: Flags.boolean({ summary: 'Also compare the live cluster objects with the stored release.' }),
    dialect: dialectFlag,
  };

  async run(): Promise<void> {
    const f = this.flags;
    if (this.args.chart === undefined) {
      if (!f.dialect)
        throw new UsageError('give a CHART to diff an upgrade, or --dialect helm3 for a migration preview');
      await this.migrationPreview(f.dialect as DialectName);
      return;
    }
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
      const response = await tiller.call<typeof request, UpdateReleaseResponse>('UpdateRelease', request, {
        dialect: f.dialect,
      });
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

  /** `diff RELEASE --dialect D`: the release rendered by the other dialect vs by D, per object. */
  private async migrationPreview(to: DialectName): Promise<void> {
    const changes = await this.withTiller(async (tiller) =>
      previewDialectMigration(tiller, await getReleaseContent(tiller, this.args.release), to),
    );
    const f = this.flags;
    if (f.output === 'json' || f.output === 'yaml') {
      process.stdout.write(formatStructured({ migration: changes }, f.output));
      return;
    }
    const from = to === 'helm3' ? 'helm2' : 'helm3';
    process.stdout.write(
      changes.length
        ? `Migration preview (${from} → ${to}):\n${formatChanges(changes)}`
        : `No changes: ${this.args.release} renders the same in ${from} and ${to}.\n`,
    );
  }
}
