import {Args, Flags} from '@oclif/core'
import {HelmtsCommand, HelmtsError} from '@helmts/core'

export default class DependencyUpdate extends HelmtsCommand<typeof DependencyUpdate> {
  static override summary = 'Update charts/ based on the contents of requirements.yaml (or Chart.yaml dependencies).'
  static override description =
    'Refreshes the repositories used, resolves each version constraint to the newest match, downloads (or packs file:// ' +
    'dependencies) into charts/, and writes the lock file.'
  static override examples = ['<%= config.bin %> dependency update ./mychart', '<%= config.bin %> dep up ./mychart --skip-refresh']
  static override aliases = ['dep:update', 'dependencies:update', 'dep:up', 'dependency:up']
  static override args = {chart: Args.string({description: 'Chart directory.', default: '.'})}
  static override flags = {
    'skip-refresh': Flags.boolean({summary: 'Do not refresh the local repository cache.'}),
    verify: Flags.boolean({summary: 'Verify the packages against signatures.'}),
    keyring: Flags.string({summary: 'Keyring containing public keys.'}),
  }

  async run(): Promise<void> {
    if (this.flags.verify) throw new HelmtsError('provenance verification (--verify) is not yet supported by helmts')
    const {updateDependencies} = await import('@helmts/repo')
    await updateDependencies(this.args.chart, {home: this.home, skipRefresh: this.flags['skip-refresh'], log: (line) => this.log(line)})
  }
}
