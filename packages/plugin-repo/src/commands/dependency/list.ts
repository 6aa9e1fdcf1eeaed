import { HelmtsCommand, outputFlag } from '@helmts/core';

import { chartDirectoryArgs } from '../../dependency-run.js';

export default class DependencyList extends HelmtsCommand<typeof DependencyList> {
  static override summary = 'List the dependencies for the given chart.';
  static override description =
    'Reads requirements.yaml (apiVersion v1 charts) or Chart.yaml dependencies (v2) and says, for each, whether charts/ holds a matching archive.';
  static override examples = ['<%= config.bin %> dependency list ./mychart'];
  static override aliases = ['dep:list', 'dependencies:list', 'dep:ls', 'dependency:ls'];
  static override argumentErrors = { ignoresExtra: true };
  static override args = chartDirectoryArgs;
  static override flags = { output: outputFlag('table') };

  async run(): Promise<void> {
    const { listDependencies } = await import('@helmts/repo');
    const { resolve } = await import('node:path');
    const listing = await listDependencies(this.args.chart);
    if (listing.files.dependencies.length === 0 && this.flags.output === 'table') {
      this.log(`WARNING: no requirements at ${resolve(this.args.chart, 'charts')}`);
      return;
    }
    this.printOutput(this.flags.output, listing.rows, (rows) => ({
      headers: ['NAME', 'VERSION', 'REPOSITORY', 'STATUS'],
      rows: rows.map((r) => [r.name, r.version, r.repository, r.status]),
      options: { maxColWidth: 80 },
    }));
    if (this.flags.output === 'table') {
      // Helm 2 ends the table with an empty line, before its warnings
      this.log('');
      for (const file of listing.unlisted) this.log(`WARNING: "${file}" is not in ${listing.files.source}.`);
    }
  }
}
