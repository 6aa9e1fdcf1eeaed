import { Args, HelmtsCommand, HelmtsError } from '@helmts/core';

import { requireRepositoriesFile } from '../../missing-repositories-file.js';

export default class RepoRemove extends HelmtsCommand<typeof RepoRemove> {
  static override summary = 'Remove a chart repository.';
  static override description = 'Also deletes its cached index.';
  static override examples = ['<%= config.bin %> repo remove stable'];
  static override aliases = ['repo:rm'];
  static override argumentErrors = {
    missing: 'need at least one argument, name of chart repository',
    ignoresExtra: true,
  };
  static override args = { name: Args.string({ required: true, description: 'Name of the repository.' }) };

  async run(): Promise<void> {
    const { removeRepository } = await import('@helmts/repo');
    const { RepositoriesFile } = await import('@helmts/repo/search');
    requireRepositoriesFile(this.home, this.config.bin);
    // Helm 2's words, alone
    if (!(await RepositoriesFile.load(this.home.repositoryFile)).has(this.args.name))
      throw new HelmtsError(`no repo named ${JSON.stringify(this.args.name)} found`);
    await removeRepository(this.home, this.args.name);
    this.log(`"${this.args.name}" has been removed from your repositories`);
  }
}
