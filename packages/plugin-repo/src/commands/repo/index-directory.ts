import { Args, Flags, HelmtsCommand, needsArguments, HelmtsError } from '@helmts/core';

export default class RepoIndex extends HelmtsCommand<typeof RepoIndex> {
  static override summary = 'Generate an index file given a directory containing packaged charts.';
  static override description =
    'Reads DIR/*.tgz and DIR/*/*.tgz and writes DIR/index.yaml. With --merge, entries of the given index that DIR does not have are kept.';
  static override examples = [
    '<%= config.bin %> repo index ./charts --url https://charts.example.com',
    '<%= config.bin %> repo index ./charts --url https://charts.example.com --merge ./old-index.yaml',
  ];
  static override argumentErrors = needsArguments('path to a directory');
  static override args = { dir: Args.string({ required: true, description: 'Directory of chart archives.' }) };
  static override flags = {
    url: Flags.string({ summary: 'URL of the chart repository.' }),
    merge: Flags.string({ summary: 'Merge the generated index into the given index.' }),
  };

  async run(): Promise<void> {
    const { indexDirectory } = await import('@helmts/repo');
    const { stat } = await import('node:fs/promises');
    const { join, resolve } = await import('node:path');
    const dir = resolve(this.args.dir);
    const info = await stat(dir).catch(() => undefined);
    // Helm 2 finds no archives there and fails writing the index, in Go's words
    if (!info?.isDirectory()) {
      const reason = info ? 'not a directory' : 'no such file or directory';
      throw new HelmtsError(`open ${join(dir, 'index.yaml')}: ${reason}`);
    }
    const index = await indexDirectory(dir, {
      url: this.flags.url,
      merge: this.flags.merge,
      onSkip: (file, reason) => this.logDebug(`skipping ${file}: ${reason}`),
    });
    await index.write(join(dir, 'index.yaml'));
  }
}
