import { Args } from '../../sdk/oclif.js';

import { HelmtsCommand } from '../../sdk/command.js';

export default class PluginInstall extends HelmtsCommand<typeof PluginInstall> {
  static override summary = 'Install a Helm plugin (plugin.yaml) from a directory, a .tgz, or a URL.';
  static override description =
    'Helm 2 exec plugins live in $HELMTS_HOME/plugins. A directory is linked there; an archive (a local ' +
    ".tgz or an http(s) URL of one) is unpacked into $HELMTS_HOME/cache/plugins and linked. The plugin's " +
    'install hook runs afterwards. Run it as "<%= config.bin %> NAME ARGS...". For oclif plugins (npm ' +
    'packages) use "<%= config.bin %> plugins install" instead.';
  static override examples = [
    '<%= config.bin %> plugin install ./helm-hello',
    '<%= config.bin %> plugin install ./helm-hello-0.1.0.tgz',
    '<%= config.bin %> plugin install https://example.com/helm-hello-0.1.0.tgz',
  ];
  static override args = {
    source: Args.string({ description: 'plugin directory, .tgz archive, or http(s) URL', required: true }),
  };

  async run(): Promise<void> {
    // Loaded here: archive extraction and hashing are not part of every helmts start.
    const { installPlugin } = await import('../../legacy-plugins/install.js');
    const plugin = await installPlugin(this.args.source, { settings: this.settings });
    this.log(`Installed plugin: ${plugin.manifest.name}`);
  }
}
