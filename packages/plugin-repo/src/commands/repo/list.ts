import { HelmtsCommand, HelmtsError, outputFlag } from '@helmts/core';

export default class RepoList extends HelmtsCommand<typeof RepoList> {
  static override summary = 'List chart repositories.';
  static override examples = ['<%= config.bin %> repo list', '<%= config.bin %> repo list -o json'];
  static override aliases = ['repo:ls'];
  static override flags = { output: outputFlag('table') };

  async run(): Promise<void> {
    const { RepositoriesFile } = await import('@helmts/repo/search');
    const file = await RepositoriesFile.load(this.home.repositoryFile);
    if (file.repositories.length === 0 && this.flags.output === 'table') {
      throw new HelmtsError('no repositories to show', { hint: 'add one with "repo add NAME URL"' });
    }
    const rows = file.repositories.map((r) => ({ name: r.name, url: r.url }));
    this.printOutput(this.flags.output, rows, (data) => ({
      headers: ['NAME', 'URL'],
      rows: data.map((r) => [r.name, r.url]),
      options: { maxColWidth: 0 },
    }));
  }
}
