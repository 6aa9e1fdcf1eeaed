import { Args, Flags } from '@helmts/core';

import { formatReleaseDump, getReleaseContent } from '../../release-content.js';
import { renderReleaseTemplate } from '../../release-template.js';
import { ReleaseCommand } from '../../release-command.js';

export default class Get extends ReleaseCommand<typeof Get> {
  static override summary = 'Download a named release (values, hooks and manifest).';
  static override examples = [
    '<%= config.bin %> get web',
    '<%= config.bin %> get web --revision 2',
    '<%= config.bin %> get values web --all',
  ];
  static override argumentErrors = { missing: 'release name is required', ignoresExtra: true };
  static override args = { release: Args.string({ required: true, description: 'Release name.' }) };
  static override flags = {
    revision: Flags.integer({ summary: 'Get the named release with revision.', default: 0 }),
    template: Flags.string({ summary: 'Go template for the output, e.g. {{.Release.Name}}.' }),
  };

  async run(): Promise<void> {
    const release = await this.withTiller((t) => getReleaseContent(t, this.args.release, this.flags.revision));
    const { template } = this.flags;
    process.stdout.write(template ? await renderReleaseTemplate(template, release) : formatReleaseDump(release));
  }
}
