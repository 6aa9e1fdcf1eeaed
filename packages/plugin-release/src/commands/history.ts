import { Args, Flags, formatGoStructured, HelmtsError } from '@helmts/core';
import type { GetHistoryResponse } from '@helmts/proto';

import { HISTORY_HEADERS, historyEntry, historyRow } from '../format/release-tables.js';
import { ReleaseCommand } from '../release-command.js';

export default class History extends ReleaseCommand<typeof History> {
  static override summary = 'Fetch release history.';
  static override aliases = ['hist'];
  static override examples = ['<%= config.bin %> history web', '<%= config.bin %> history web --max 5 -o yaml'];
  static override argumentErrors = { missing: 'release name is required', ignoresExtra: true };
  static override args = { release: Args.string({ required: true, description: 'Release name.' }) };
  static override flags = {
    max: Flags.integer({ summary: 'Maximum number of revisions to include in history.', default: 256 }),
    'col-width': Flags.integer({ summary: 'Specifies the max column width of output.', default: 60 }),
    // any value: Helm 2's words for one it does not know come after the history is read
    output: Flags.string({
      char: 'o',
      summary: 'Prints the output in the specified format (table, json, yaml).',
      default: 'table',
    }),
  };

  async run(): Promise<void> {
    const request = { name: this.args.release, max: this.flags.max };
    const response = await this.withTiller((t) => t.call<typeof request, GetHistoryResponse>('GetHistory', request));
    // Tiller answers newest first; Helm prints oldest first.
    const releases = [...response.releases].sort((a, b) => a.version - b.version);
    // no revisions (--max 0): nothing at all, in every format (Helm 2 returns before formatting)
    if (releases.length === 0) return;
    if (!['table', 'json', 'yaml'].includes(this.flags.output))
      throw new HelmtsError(`unknown output format ${JSON.stringify(this.flags.output)}`);
    if (this.flags.output === 'json' || this.flags.output === 'yaml') {
      // Helm 2's releaseInfo structs, as Go marshals them
      process.stdout.write(
        formatGoStructured(
          releases.map((r) => historyEntry(r)),
          this.flags.output,
        ),
      );
      return;
    }
    this.printOutput(
      this.flags.output,
      releases.map((r) => historyEntry(r)),
      () => ({
        headers: HISTORY_HEADERS,
        rows: releases.map((r) => historyRow(r)),
        options: { maxColWidth: this.flags['col-width'] },
      }),
    );
  }
}
