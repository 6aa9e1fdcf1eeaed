import { Args, Flags } from '@helmts/core';

import { formatHooks, getReleaseContent } from '../../release-content.js';
import { ReleaseCommand } from '../../release-command.js';

export default class GetHooks extends ReleaseCommand<typeof GetHooks> {
  static override summary = 'Download all hooks for a named release.';
  static override examples = ['<%= config.bin %> get hooks web', '<%= config.bin %> get hooks web --revision 1'];
  static override argumentErrors = { missing: 'release name is required', ignoresExtra: true };
  static override args = { release: Args.string({ required: true, description: 'Release name.' }) };
  static override flags = { revision: Flags.integer({ summary: 'Get the named release with revision.', default: 0 }) };

  async run(): Promise<void> {
    const release = await this.withTiller((t) => getReleaseContent(t, this.args.release, this.flags.revision)).catch(
      (error: unknown) => {
        // Helm 2's get hooks names the release on stdout before its error
        process.stdout.write(`${this.args.release}\n`);
        throw error;
      },
    );
    process.stdout.write(formatHooks(release));
  }
}
