import { Args, Flags } from '../../sdk/oclif.js';

import { HelmtsCommand, needsArguments } from '../../sdk/command.js';

export default class PluginInstall extends HelmtsCommand<typeof PluginInstall> {
  static override summary = 'Install a Helm plugin (plugin.yaml) from a directory, a .tgz, a URL, or a git repository.';
  static override description =
    'Helm 2 exec plugins live in $HELMTS_HOME/plugins. A directory is linked there; an archive (a local ' +
    '.tgz or an http(s) URL ending in .tgz/.tar.gz) is unpacked into $HELMTS_HOME/cache/plugins and linked; ' +
    "any other URL is a git repository, cloned there (--version picks a tag) and linked. The plugin's " +
    'install hook runs afterwards. Run it as "<%= config.bin %> NAME ARGS...". For oclif plugins (npm ' +
    'packages) use "<%= config.bin %> plugins install" instead.';
  static override examples = [
    '<%= config.bin %> plugin install ./helm-hello',
    '<%= config.bin %> plugin install ./helm-hello-0.1.0.tgz',
    '<%= config.bin %> plugin install https://example.com/helm-hello-0.1.0.tgz',
    '<%= config.bin %> plugin install https://github.com/databus23/helm-diff --version 2.11.0+5',
  ];
  static override argumentErrors = needsArguments('plugin');
  static override args = {
    source: Args.string({ description: 'plugin directory, .tgz archive, http(s) URL, or git URL', required: true }),
  };
  static override flags = {
    version: Flags.string({
      description: 'specify a version constraint. If this is not specified, the latest version is installed',
    }),
  };

  async run(): Promise<void> {
    // Loaded here: archive extraction and hashing are not part of every helmts start.
    const { installPlugin } = await import('../../legacy-plugins/install.js');
    const plugin = await installPlugin(this.args.source, { settings: this.settings, version: this.flags.version });
    this.log(`Installed plugin: ${plugin.manifest.name}`);
  }
}
