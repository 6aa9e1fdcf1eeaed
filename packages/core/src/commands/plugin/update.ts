import { Args } from '../../sdk/oclif.js';

import { HelmtsCommand } from '../../sdk/command.js';

export default class PluginUpdate extends HelmtsCommand<typeof PluginUpdate> {
  static override summary = 'Update one or more Helm plugins (plugin.yaml).';
  static override description =
    'A plugin installed from an archive or URL is fetched again from the same place; a linked directory ' +
    "is already current. Then the plugin's update hook runs.";
  static override hiddenAliases = ['plugin:up'];
  static override examples = ['<%= config.bin %> plugin update hello', '<%= config.bin %> plugin update hello diff'];
  static override strict = false;
  static override argumentErrors = { missing: 'please provide plugin name to update' };
  static override args = { name: Args.string({ description: 'plugin name (more may follow)', required: true }) };

  async run(): Promise<void> {
    const { argv } = await this.parse(PluginUpdate);
    const { forEachPlugin, updatePlugin } = await import('../../legacy-plugins/install.js');
    await forEachPlugin(argv as string[], async (name) => {
      await updatePlugin(name, { settings: this.settings });
      this.log(`Updated plugin: ${name}`);
    });
  }
}
