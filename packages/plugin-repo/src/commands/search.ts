import { Flags, formatGoStructured, HelmtsCommand, HelmtsError } from '@helmts/core';

import { requireRepositoriesFile } from '../missing-repositories-file.js';

export default class Search extends HelmtsCommand<typeof Search> {
  static override summary = 'Search for a keyword in charts.';
  static override description =
    'Searches the cached indexes of all configured repositories (names, descriptions, keywords). ' +
    'Reads only the compact cache that "repo add"/"repo update" write, so it stays fast on huge indexes.';
  static override examples = [
    '<%= config.bin %> search mysql',
    '<%= config.bin %> search -r "stable/.*sql" -l',
    '<%= config.bin %> search nginx --version "^1.0.0" -o json',
  ];
  static override strict = false;
  static override flags = {
    regexp: Flags.boolean({ char: 'r', summary: 'Use regular expressions for searching.' }),
    versions: Flags.boolean({
      char: 'l',
      summary: 'Show the long listing, with each version of each chart on its own line.',
    }),
    version: Flags.string({ char: 'v', summary: 'Search using semantic versioning constraints.' }),
    devel: Flags.boolean({
      summary: 'Use development versions (alpha, beta, and release candidates) too. Equivalent to version ">0.0.0-0".',
    }),
    'max-col-width': Flags.integer({
      summary: 'Maximum column width for output table.',
      default: 60,
      aliases: ['col-width'],
    }),
    // any value: Helm 2's words for one it does not know come after the search
    output: Flags.string({
      char: 'o',
      summary: 'Prints the output in the specified format (table, json, yaml).',
      default: 'table',
    }),
  };

  async run(): Promise<void> {
    const { cachePathOf, IndexCache, RepositoriesFile, searchRepositories } = await import('@helmts/repo/search');
    const terms = (await this.parse(Search)).argv as string[];
    // no repositories file is no home (an empty one gives "No results found", as Helm 2)
    requireRepositoriesFile(this.home, this.config.bin);
    const file = await RepositoriesFile.load(this.home.repositoryFile);
    const loaded = await Promise.all(
      file.repositories.map((entry) => IndexCache.load(cachePathOf(entry, this.home.cache)).catch(() => undefined)),
    );
    const repositories = [];
    for (const [i, cache] of loaded.entries()) {
      const { name } = file.repositories[i];
      if (cache) repositories.push({ name, cache });
      // stdout, as Helm 2 writes it
      else this.log(`WARNING: Repo "${name}" is corrupt or missing. Try '${this.config.bin} repo update'.`);
    }
    const results = await searchRepositories(repositories, {
      terms,
      regexp: this.flags.regexp,
      allVersions: this.flags.versions,
      version: this.flags.version,
      devel: this.flags.devel,
    });
    const rows = results.map((r) => ({
      name: r.name,
      version: r.chart.version,
      app_version: r.chart.appVersion,
      description: r.chart.description,
    }));
    if (!['table', 'json', 'yaml'].includes(this.flags.output))
      throw new HelmtsError(`unsupported format ${this.flags.output}`);
    if (this.flags.output === 'json' || this.flags.output === 'yaml') {
      // Helm 2's searchResult struct (an empty result is Go's nil slice: null)
      const structs = rows.map((r) => ({
        Name: r.name,
        Version: r.version,
        AppVersion: r.app_version ?? '',
        Description: r.description ?? '',
      }));
      process.stdout.write(formatGoStructured(structs.length > 0 ? structs : null, this.flags.output));
      return;
    }
    this.printOutput(this.flags.output, rows, (data) =>
      data.length === 0
        ? 'No results found\n'
        : {
            headers: ['NAME', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION'],
            rows: data.map((r) => [r.name, r.version, r.app_version, r.description]),
            options: { maxColWidth: this.flags['max-col-width'] },
          },
    );
  }
}
