import { Args } from '../../sdk/oclif.js';

import { HelmtsCommand } from '../../sdk/command.js';

export default class PluginRemove extends HelmtsCommand<typeof PluginRemove> {
  static override summary = 'Remove one or more Helm plugins (plugin.yaml).';
  static override description =
    'Removes the plugin from $HELMTS_HOME/plugins, then runs its delete hook, as Helm does.';
  static override hiddenAliases = ['plugin:rm'];
  static override examples = ['<%= config.bin %> plugin remove hello', '<%= config.bin %> plugin remove hello diff'];
  static override strict = false;
  static override argumentErrors = { missing: 'please provide plugin name to remove' };
  static override args = { name: Args.string({ description: 'plugin name (more may follow)', required: true }) };

  async run(): Promise<void> {
    const { argv } = await this.parse(PluginRemove);
    const { forEachPlugin, removePlugin } = await import('../../legacy-plugins/install.js');
    await forEachPlugin(argv as string[], async (name) => {
      await removePlugin(name, { settings: this.settings });
      this.log(`Removed plugin: ${name}`);
    });
  }
}
