import { HelmtsCommand } from '../sdk/command.js';

export default class Home extends HelmtsCommand<typeof Home> {
  static override summary = 'Print the location of HELMTS_HOME.';
  static override argumentErrors = { ignoresExtra: true };
  static override description = 'This is where helmts keeps repositories, caches, starters and legacy plugins.';
  static override examples = ['<%= config.bin %> home', 'HELMTS_HOME=/tmp/h <%= config.bin %> home'];

  async run(): Promise<void> {
    this.log(this.home.root);
  }
}
