import { HelmtsCommand } from '@helmts/core';

import { chartDirectoryArgs, dependencyRunFlags, dependencyRunOptions } from '../../dependency-run.js';

export default class DependencyBuild extends HelmtsCommand<typeof DependencyBuild> {
  static override summary = 'Rebuild the charts/ directory based on the lock file.';
  static override description =
    'Downloads exactly the versions in requirements.lock (or Chart.lock), after checking the lock still matches the ' +
    'dependencies. Without a lock file this is "dependency update".';
  static override examples = ['<%= config.bin %> dependency build ./mychart'];
  static override aliases = ['dep:build', 'dependencies:build'];
  static override argumentErrors = { ignoresExtra: true };
  static override args = chartDirectoryArgs;
  static override flags = dependencyRunFlags;

  async run(): Promise<void> {
    const options = await dependencyRunOptions(this.flags, this.settings, this.home, (line) => this.log(line));
    const { buildDependencies } = await import('@helmts/repo');
    // Helm 2's build leaves its manager's Debug unset: --debug adds no line there
    await buildDependencies(this.args.chart, { ...options, debug: false });
  }
}
