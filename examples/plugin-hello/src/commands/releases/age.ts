import { Flags, HelmtsCommand, NotFoundError, outputFlag } from '@helmts/core';

import { formatAge } from '../../age.js';
import { type ReleaseSource, tillerReleaseSource } from '../../release-source.js';

export default class ReleasesAge extends HelmtsCommand<typeof ReleasesAge> {
  static override summary = 'List releases with their age.';
  static override description = 'Asks Tiller (--host or HELMTS_HOST) for its releases, newest first.';
  static override examples = [
    '<%= config.bin %> releases age --host 127.0.0.1:44134',
    '<%= config.bin %> releases age -o json --max 10',
  ];
  static override flags = {
    output: outputFlag(),
    max: Flags.integer({ summary: 'Maximum number of releases to list.', default: 256, min: 1 }),
  };

  /** Tests and embedders can replace where releases come from. */
  static releaseSource: (command: ReleasesAge) => Promise<ReleaseSource> = (command) =>
    tillerReleaseSource(command.settings);

  async run(): Promise<void> {
    const source = await ReleasesAge.releaseSource(this);
    const releases = await source.listReleases({ max: this.flags.max });
    if (releases.length === 0)
      throw new NotFoundError('no releases found', { hint: 'install one with "helmts install"' });
    const now = Date.now();
    const rows = releases.map((r) => ({
      name: r.name,
      namespace: r.namespace,
      revision: r.revision,
      status: r.status,
      chart: r.chart,
      age: formatAge(now - r.lastDeployed.getTime()),
      lastDeployed: r.lastDeployed.toISOString(),
    }));
    this.printOutput(this.flags.output, rows, (data) => ({
      headers: ['NAME', 'NAMESPACE', 'REVISION', 'STATUS', 'CHART', 'AGE'],
      rows: data.map((r) => [r.name, r.namespace, String(r.revision), r.status, r.chart, r.age]),
    }));
  }
}
