import { formatGoStructured, HelmtsCommand, HelmtsError, outputFlag } from '@helmts/core';

export default class RepoList extends HelmtsCommand<typeof RepoList> {
  static override summary = 'List chart repositories.';
  static override examples = ['<%= config.bin %> repo list', '<%= config.bin %> repo list -o json'];
  static override aliases = ['repo:ls'];
  static override flags = { output: outputFlag('table') };

  async run(): Promise<void> {
    const { RepositoriesFile } = await import('@helmts/repo/search');
    const file = await RepositoriesFile.load(this.home.repositoryFile);
    // in every format, as Helm 2
    if (file.repositories.length === 0) {
      throw new HelmtsError('no repositories to show', { hint: 'add one with "repo add NAME URL"' });
    }
    const rows = file.repositories.map((r) => ({ name: r.name, url: r.url }));
    if (this.flags.output === 'json' || this.flags.output === 'yaml') {
      // Helm 2's repositoryElement struct
      const structs = rows.map((r) => ({ Name: r.name, URL: r.url }));
      process.stdout.write(formatGoStructured(structs, this.flags.output));
      return;
    }
    this.printOutput(this.flags.output, rows, (data) => ({
      headers: ['NAME', 'URL'],
      rows: data.map((r) => [r.name, r.url]),
      options: { maxColWidth: 0 },
    }));
  }
}
