import { HelmtsCommand } from '@helmts/core';

import { stopBackgroundTiller } from '../../background-tiller.js';

export default class TillerStop extends HelmtsCommand<typeof TillerStop> {
  static override summary = 'Stop the background Tiller started by "tiller start".';
  static override examples = ['<%= config.bin %> tiller stop'];

  async run(): Promise<void> {
    const state = await stopBackgroundTiller(this.settings);
    this.log(state ? `Tiller (pid ${state.pid}) stopped.` : 'No background Tiller is running.');
  }
}
