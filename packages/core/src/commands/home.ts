import { HelmtsCommand } from '../sdk/command.js';

export default class Home extends HelmtsCommand<typeof Home> {
  static override summary = 'Print the location of HELMTS_HOME.';
  static override argumentErrors = { ignoresExtra: true };
  static override description = 'This is where helmts keeps repositories, caches, starters and legacy plugins.';
  static override examples = ['<%= config.bin %> home', 'HELMTS_HOME=/tmp/h <%= config.bin %> home'];

  async run(): Promise<void> {
    const home = this.home;
    this.log(home.root);
    // Helm 2 lists the layout with --debug
    if (this.settings.debug) {
      this.log(`Repository: ${home.repository}`);
      this.log(`RepositoryFile: ${home.repositoryFile}`);
      this.log(`Cache: ${home.cache}`);
      this.log(`Stable CacheIndex: ${home.cacheIndex('stable')}`);
      this.log(`Starters: ${home.starters}`);
      this.log(`LocalRepository: ${home.localRepository}`);
      this.log(`Plugins: ${home.plugins}`);
    }
  }
}
