import { Args, Flags } from '@helmts/core';
import { toYaml } from '@helmts/chart';

import { computedValues, getReleaseContent, userSuppliedValues } from '../../release-content.js';
import { ReleaseCommand } from '../../release-command.js';

export default class GetValues extends ReleaseCommand<typeof GetValues> {
  static override summary = 'Download the values file for a named release.';
  static override examples = [
    '<%= config.bin %> get values web',
    '<%= config.bin %> get values web --all --output json',
  ];
  static override argumentErrors = { missing: 'release name is required', ignoresExtra: true };
  static override args = { release: Args.string({ required: true, description: 'Release name.' }) };
  static override flags = {
    revision: Flags.integer({ summary: 'Get the named release with revision.', default: 0 }),
    all: Flags.boolean({ char: 'a', summary: 'Dump all (computed) values.' }),
    output: Flags.string({ summary: 'Output the specified format.', options: ['yaml', 'json'], default: 'yaml' }),
  };

  async run(): Promise<void> {
    const release = await this.withTiller((t) => getReleaseContent(t, this.args.release, this.flags.revision));
    const values = this.flags.all ? computedValues(release) : userSuppliedValues(release);
    process.stdout.write(
      this.flags.output === 'json'
        ? `${JSON.stringify(values, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))}\n`
        : `${toYaml(values)}\n`, // Helm 2: fmt.Fprintln of the YAML, which ends in a newline already
    );
  }
}
