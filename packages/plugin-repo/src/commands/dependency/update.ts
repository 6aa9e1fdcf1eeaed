import { HelmtsCommand } from '@helmts/core';

import { chartDirectoryArgs, dependencyRunFlags, dependencyRunOptions } from '../../dependency-run.js';

export default class DependencyUpdate extends HelmtsCommand<typeof DependencyUpdate> {
  static override summary = 'Update charts/ based on the contents of requirements.yaml (or Chart.yaml dependencies).';
  static override description =
    'Refreshes the repositories used, resolves each version constraint to the newest match, downloads (or packs file:// ' +
    'dependencies) into charts/, and writes the lock file.';
  static override examples = [
    '<%= config.bin %> dependency update ./mychart',
    '<%= config.bin %> dep up ./mychart --skip-refresh',
  ];
  static override aliases = ['dep:update', 'dependencies:update', 'dep:up', 'dependency:up'];
  static override argumentErrors = { ignoresExtra: true };
  static override args = chartDirectoryArgs;
  static override flags = dependencyRunFlags;

  async run(): Promise<void> {
    const options = await dependencyRunOptions(this.flags, this.settings, this.home, (line) => this.log(line));
    const { updateDependencies } = await import('@helmts/repo');
    // Helm 2 makes the path absolute first (its messages show it); `build` keeps it as given
    const { resolve } = await import('node:path');
    await updateDependencies(resolve(this.args.chart), options);
  }
}
