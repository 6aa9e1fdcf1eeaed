import { discoverPlugins, pluginDirs } from '../../legacy-plugins/discovery.js';
import { HelmtsCommand } from '../../sdk/command.js';
import { outputFlag } from '../../sdk/flags.js';

export default class PluginList extends HelmtsCommand<typeof PluginList> {
  static override summary = 'List installed Helm plugins (plugin.yaml).';
  static override argumentErrors = { ignoresExtra: true };
  static override description = 'Searches $HELM_PLUGIN (a list like $PATH) or $HELMTS_HOME/plugins.';
  static override hiddenAliases = ['plugin:ls'];
  static override examples = ['<%= config.bin %> plugin list', '<%= config.bin %> plugin list -o json'];
  static override flags = { output: outputFlag('table') };

  async run(): Promise<void> {
    const { plugins, problems } = await discoverPlugins(pluginDirs(this.settings));
    for (const problem of problems) process.stderr.write(`WARNING: skipping ${problem.dir}: ${problem.message}\n`);
    const rows = plugins.map(({ manifest, dir }) => ({
      name: manifest.name,
      version: manifest.version,
      description: manifest.usage,
      dir,
    }));
    this.printOutput(this.flags.output, rows, (data) => ({
      headers: ['NAME', 'VERSION', 'DESCRIPTION'],
      rows: data.map((p) => [p.name, p.version, p.description]),
    }));
  }
}
