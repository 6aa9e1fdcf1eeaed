import { Args, Flags, formatGoStructured, outputFlag } from '@helmts/core';
import type { GetReleaseStatusResponse } from '@helmts/proto';

import { goReleaseStatus } from '../format/go-release-status.js';
import { formatStatusBlock } from '../format/status-block.js';
import { ReleaseCommand } from '../release-command.js';

export default class Status extends ReleaseCommand<typeof Status> {
  static override summary = 'Display the status of the named release.';
  static override examples = ['<%= config.bin %> status web', '<%= config.bin %> status web --revision 2 -o json'];
  static override argumentErrors = { missing: 'release name is required', ignoresExtra: true };
  static override args = { release: Args.string({ required: true, description: 'Release name.' }) };
  static override flags = {
    revision: Flags.integer({ summary: 'If set, display the status of the named release with revision.', default: 0 }),
    output: outputFlag('table'),
  };

  async run(): Promise<void> {
    const request = { name: this.args.release, version: this.flags.revision };
    const status = await this.withTiller((t) =>
      t.call<typeof request, GetReleaseStatusResponse>('GetReleaseStatus', request),
    );
    if (this.flags.output === 'json' || this.flags.output === 'yaml') {
      process.stdout.write(formatGoStructured(goReleaseStatus(status), this.flags.output));
      return;
    }
    this.printOutput(this.flags.output, status, (s) => formatStatusBlock(s));
  }
}
