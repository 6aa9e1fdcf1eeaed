import { Flags, HelmtsCommand } from '@helmts/core';

export default class Serve extends HelmtsCommand<typeof Serve> {
  static override summary = 'Start a local http web server serving a directory of charts as a repository.';
  static override argumentErrors = { ignoresExtra: true };
  static override description =
    'index.yaml is generated on start, as "repo index DIR --url URL" would, and regenerated whenever archives in the directory change.';
  static override examples = [
    '<%= config.bin %> serve',
    '<%= config.bin %> serve --repo-path ./charts --address 127.0.0.1:8080',
    '<%= config.bin %> serve --url https://charts.example.com/charts',
  ];
  static override flags = {
    address: Flags.string({ summary: 'Address to listen on.', default: '127.0.0.1:8879' }),
    'repo-path': Flags.string({
      summary: 'Local directory path from which to serve charts (default HELMTS_HOME/repository/local).',
    }),
    url: Flags.string({ summary: 'External URL of chart repository (default http://ADDRESS/charts).' }),
  };

  async run(): Promise<void> {
    const { startRepositoryServer } = await import('@helmts/repo');
    const { mkdir } = await import('node:fs/promises');
    const { resolve } = await import('node:path');
    const directory = resolve(this.flags['repo-path'] ?? this.home.localRepository);
    await mkdir(directory, { recursive: true });
    this.log('Regenerating index. This may take a moment.');
    const server = await startRepositoryServer({
      directory,
      address: this.flags.address,
      url: this.flags.url,
      onReindex: (error) => {
        if (error) process.stderr.write(`WARNING: could not regenerate index: ${error.message}\n`);
        else this.logDebug('index regenerated');
      },
    });
    this.log(`Now serving you on ${server.address}`);
    await new Promise<void>((done) => {
      const stop = () => {
        server.close().then(done, done);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  }
}
