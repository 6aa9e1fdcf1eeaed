import { Args, Flags, HelmtsCommand, needsArguments, UsageError } from '@helmts/core';

import { downloaderGetters } from '@helmts/core';
import { downloadProgress } from '../../download-progress.js';
import { readPassword } from '../../read-password.js';
import { transportFlags, transportFromFlags } from '../../transport-flags.js';

export default class RepoAdd extends HelmtsCommand<typeof RepoAdd> {
  static override summary = 'Add a chart repository.';
  static override description =
    "Downloads the repository's index.yaml first; the repository is recorded only when that works.";
  static override examples = [
    '<%= config.bin %> repo add stable https://charts.example.com/stable',
    '<%= config.bin %> repo add private https://charts.example.com --username me --password secret',
    '<%= config.bin %> repo add internal https://charts.internal --ca-file ca.pem --cert-file me.pem --key-file me-key.pem',
    '<%= config.bin %> repo add s3charts s3://my-bucket/charts   # with a downloader plugin for s3:// installed',
  ];
  static override argumentErrors = needsArguments('name for the chart repository', 'the url of the chart repository');
  static override args = {
    name: Args.string({ required: true, description: 'Name for the repository.' }),
    url: Args.string({ required: true, description: 'URL of the repository (the directory holding index.yaml).' }),
  };
  static override flags = {
    ...transportFlags,
    'no-update': Flags.boolean({ summary: 'Raise an error if the repository is already registered.' }),
  };

  async run(): Promise<void> {
    const { addRepository, summarizeProblems } = await import('@helmts/repo');
    const transport = transportFromFlags(this.flags);
    if (transport.username && transport.password === undefined) {
      if (!process.stdin.isTTY)
        throw new UsageError('--username given without --password', {
          hint: 'pass --password too (no terminal to ask on)',
        });
      transport.password = await readPassword('Password:');
    }
    const getters = await downloaderGetters(this.settings);
    const progress = downloadProgress(`Fetching ${this.args.url}/index.yaml`);
    let result;
    try {
      result = await addRepository(
        this.home,
        {
          name: this.args.name,
          url: this.args.url,
          ...transport,
          insecure_skip_tls_verify: transport.insecureSkipTlsVerify,
        },
        { noUpdate: this.flags['no-update'], onProgress: progress.onProgress, getters },
      );
    } finally {
      progress.done();
    }
    if (result.problems.length > 0) {
      process.stderr.write(
        `WARNING: skipped ${result.problems.length} unusable index entries: ${summarizeProblems(result.problems)}\n`,
      );
    }
    this.log(`"${this.args.name}" has been added to your repositories`);
  }
}
