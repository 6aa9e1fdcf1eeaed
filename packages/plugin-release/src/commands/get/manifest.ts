import { Args, Flags } from '@helmts/core';

import { getReleaseContent } from '../../release-content.js';
import { ReleaseCommand } from '../../release-command.js';

export default class GetManifest extends ReleaseCommand<typeof GetManifest> {
  static override summary = 'Download the manifest for a named release.';
  static override examples = ['<%= config.bin %> get manifest web', '<%= config.bin %> get manifest web --revision 1'];
  static override argumentErrors = { missing: 'release name is required', ignoresExtra: true };
  static override args = { release: Args.string({ required: true, description: 'Release name.' }) };
  static override flags = { revision: Flags.integer({ summary: 'Get the named release with revision.', default: 0 }) };

  async run(): Promise<void> {
    const release = await this.withTiller((t) => getReleaseContent(t, this.args.release, this.flags.revision));
    process.stdout.write(`${release.manifest}\n`);
  }
}
