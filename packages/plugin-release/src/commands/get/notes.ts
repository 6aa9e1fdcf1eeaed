import { Args, Flags } from '@helmts/core';

import { getReleaseContent } from '../../release-content.js';
import { ReleaseCommand } from '../../release-command.js';

export default class GetNotes extends ReleaseCommand<typeof GetNotes> {
  static override summary = 'Display the notes of the named release.';
  static override examples = ['<%= config.bin %> get notes web', '<%= config.bin %> get notes web --revision 1'];
  static override argumentErrors = { missing: 'release name is required', ignoresExtra: true };
  static override args = { release: Args.string({ required: true, description: 'Release name.' }) };
  static override flags = { revision: Flags.integer({ summary: 'Get the named release with revision.', default: 0 }) };

  async run(): Promise<void> {
    const release = await this.withTiller((t) => getReleaseContent(t, this.args.release, this.flags.revision));
    if (release.info?.status?.notes) process.stdout.write(`NOTES:\n${release.info.status.notes}\n`);
  }
}
