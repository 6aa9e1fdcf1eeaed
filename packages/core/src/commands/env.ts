import { HelmtsCommand } from '../sdk/command.js';
import { outputFlag } from '../sdk/flags.js';

export default class Env extends HelmtsCommand<typeof Env> {
  static override summary = 'Print the effective helmts settings.';
  static override description = 'Flags win over environment variables, which win over defaults.';
  static override examples = ['<%= config.bin %> env', '<%= config.bin %> env -o json'];
  static override flags = { output: outputFlag('table') };

  async run(): Promise<void> {
    const s = this.settings;
    const entries: Record<string, string> = {
      HELMTS_HOME: s.home,
      HELMTS_HOST: s.host ?? '',
      HELMTS_KUBECONTEXT: s.kubeContext ?? '',
      KUBECONFIG: s.kubeconfig ?? '',
      TILLER_NAMESPACE: s.tillerNamespace,
      HELMTS_TILLER_CONNECTION_TIMEOUT: String(s.tillerConnectionTimeout),
      HELMTS_DEBUG: String(s.debug),
      HELMTS_DATA_DIR: this.config.dataDir,
    };
    this.printOutput(this.flags.output, entries, (data) =>
      Object.entries(data)
        .map(([key, value]) => `${key}="${value}"\n`)
        .join(''),
    );
  }
}
