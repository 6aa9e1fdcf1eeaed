import {Args, Flags} from '@oclif/core'
import {HelmtsCommand, HelmtsError} from '@helmts/core'

export default class DependencyBuild extends HelmtsCommand<typeof DependencyBuild> {
  static override summary = 'Rebuild the charts/ directory based on the lock file.'
  static override description =
    'Downloads exactly the versions in requirements.lock (or Chart.lock), after checking the lock still matches the ' +
    'dependencies. Without a lock file this is "dependency update".'
  static override examples = ['<%= config.bin %> dependency build ./mychart']
  static override aliases = ['dep:build', 'dependencies:build']
  static override args = {chart: Args.string({description: 'Chart directory.', default: '.'})}
  static override flags = {
    'skip-refresh': Flags.boolean({summary: 'Do not refresh the local repository cache.'}),
    verify: Flags.boolean({summary: 'Verify the packages against signatures.'}),
    keyring: Flags.string({summary: 'Keyring containing public keys.'}),
  }

  async run(): Promise<void> {
    if (this.flags.verify) throw new HelmtsError('provenance verification (--verify) is not yet supported by helmts')
    const {buildDependencies} = await import('@helmts/repo')
    await buildDependencies(this.args.chart, {home: this.home, skipRefresh: this.flags['skip-refresh'], log: (line) => this.log(line)})
  }
}
