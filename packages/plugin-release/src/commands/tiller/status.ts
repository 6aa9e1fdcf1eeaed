import { HelmtsCommand, outputFlag } from '@helmts/core';

import { readBackgroundTiller } from '../../background-tiller.js';

export default class TillerStatus extends HelmtsCommand<typeof TillerStatus> {
  static override summary = 'Show whether a background Tiller is running.';
  static override examples = ['<%= config.bin %> tiller status', '<%= config.bin %> tiller status -o json'];
  static override flags = { output: outputFlag('table') };

  async run(): Promise<void> {
    const state = await readBackgroundTiller(this.settings);
    this.printOutput(this.flags.output, state ?? { running: false }, () =>
      state
        ? `Tiller is running on ${state.address} (pid ${state.pid}, storage ${state.storage}).\n`
        : 'No background Tiller is running.\n',
    );
    if (!state) this.exit(3);
  }
}
