import { Flags, HelmtsCommand, HelmtsError } from '@helmts/core';

import { requireRepositoriesFile } from '../../missing-repositories-file.js';

import { downloaderGetters } from '@helmts/core';

export default class RepoUpdate extends HelmtsCommand<typeof RepoUpdate> {
  static override summary = 'Update information of available charts from the chart repositories.';
  static override description =
    "Downloads each repository's index.yaml (all of them, or the ones named). A failed download keeps the previous index.";
  static override examples = ['<%= config.bin %> repo update', '<%= config.bin %> repo update stable --strict'];
  static override aliases = ['repo:up'];
  static override hiddenAliases = ['update', 'up'];
  static override strict = false;
  static override flags = {
    strict: Flags.boolean({ summary: 'Fail if any repository could not be updated.' }),
  };

  async run(): Promise<void> {
    const { updateRepositories } = await import('@helmts/repo');
    const { RepositoriesFile } = await import('@helmts/repo/search');
    const names = (await this.parse(RepoUpdate)).argv as string[];
    // Helm 2's checks and words, before it says anything
    requireRepositoriesFile(this.home, this.config.bin);
    const file = await RepositoriesFile.load(this.home.repositoryFile);
    if (file.repositories.length === 0)
      throw new HelmtsError('no repositories found. You must add one before updating');
    if (names.some((name) => !file.has(name)))
      throw new HelmtsError('no repositories found matching the provided name. Verify if the repo exists');
    this.log('Hang tight while we grab the latest from your chart repositories...');
    const results = await updateRepositories(this.home, names, {
      getters: await downloaderGetters(this.settings),
      onResult: (r) => {
        if (r.skipped) this.log(`...Skip ${r.name} chart repository`);
        else if (r.error)
          this.log(
            `...Unable to get an update from the "${r.name}" chart repository (${r.url}):\n\t${r.error.message}`,
          );
        else this.log(`...Successfully got an update from the "${r.name}" chart repository`);
      },
    });
    if (this.flags.strict && results.some((r) => r.error))
      throw new HelmtsError('Update Failed. Check log for details');
    this.log('Update Complete.');
  }
}
