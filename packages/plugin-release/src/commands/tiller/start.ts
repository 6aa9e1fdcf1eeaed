import { Flags, HelmtsCommand } from '@helmts/core';

import { startBackgroundTiller } from '../../background-tiller.js';

export default class TillerStart extends HelmtsCommand<typeof TillerStart> {
  static override summary = 'Run the bundled Tiller in the background for this shell session.';
  static override description =
    'Later commands find it without --host. It uses your kubeconfig and stores releases in --tiller-namespace.';
  static override examples = ['<%= config.bin %> tiller start', 'eval "$(<%= config.bin %> tiller start --export)"'];
  static override flags = {
    storage: Flags.string({
      summary: 'Release storage driver.',
      options: ['configmap', 'secret', 'memory'],
      default: 'configmap',
    }),
    listen: Flags.string({ summary: 'Address to listen on (default: a free loopback port).' }),
    export: Flags.boolean({ summary: 'Print an `export HELMTS_HOST=...` line for eval.' }),
  };

  async run(): Promise<void> {
    const state = await startBackgroundTiller(this.settings, {
      storage: this.flags.storage,
      listen: this.flags.listen,
    });
    if (this.flags.export) this.log(`export HELMTS_HOST=${state.address}`);
    else
      this.log(`Tiller is running on ${state.address} (pid ${state.pid}, storage ${state.storage}, log ${state.log}).`);
  }
}
