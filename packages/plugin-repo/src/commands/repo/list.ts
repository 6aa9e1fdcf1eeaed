import { formatGoStructured, HelmtsCommand, outputFlag } from '@helmts/core';

import { requireRepositoriesFile } from '../../missing-repositories-file.js';

export default class RepoList extends HelmtsCommand<typeof RepoList> {
  static override summary = 'List chart repositories.';
  static override argumentErrors = { ignoresExtra: true };
  static override examples = ['<%= config.bin %> repo list', '<%= config.bin %> repo list -o json'];
  static override aliases = ['repo:ls'];
  static override flags = { output: outputFlag('table') };

  async run(): Promise<void> {
    const { RepositoriesFile } = await import('@helmts/repo/search');
    requireRepositoriesFile(this.home, this.config.bin);
    const file = await RepositoriesFile.load(this.home.repositoryFile);
    const rows = file.repositories.map((r) => ({ name: r.name, url: r.url }));
    if (this.flags.output === 'json' || this.flags.output === 'yaml') {
      // Helm 2's repositoryElement struct; none is Go's nil slice, null (2.17 lists an empty file, no error)
      const structs = rows.map((r) => ({ Name: r.name, URL: r.url }));
      process.stdout.write(formatGoStructured(structs.length > 0 ? structs : null, this.flags.output));
      return;
    }
    this.printOutput(this.flags.output, rows, (data) => ({
      headers: ['NAME', 'URL'],
      rows: data.map((r) => [r.name, r.url]),
      options: { maxColWidth: 0 },
    }));
  }
}
