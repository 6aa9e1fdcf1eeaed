import {Flags} from '@oclif/core'

import {HelmtsCommand} from '../sdk/command.js'
import {UsageError} from '../sdk/errors.js'
import {ensureHomeLayout} from '../sdk/home.js'

/**
 * Core's `init` only sets up HELMTS_HOME. Installing Tiller belongs to @helmts/plugin-release,
 * whose `init` replaces this one when installed.
 */
export default class Init extends HelmtsCommand<typeof Init> {
  static override summary = 'Set up HELMTS_HOME (and, with @helmts/plugin-release, install Tiller).'
  static override examples = ['<%= config.bin %> init --client-only', '<%= config.bin %> init --client-only --home /tmp/helmts-home']
  static override flags = {
    'client-only': Flags.boolean({char: 'c', summary: 'If set, does not install Tiller.'}),
  }

  async run(): Promise<void> {
    if (!this.flags['client-only']) {
      throw new UsageError('installing Tiller needs the release plugin', {
        hint: `run "${this.config.bin} init --client-only" for the client only, or "${this.config.bin} plugins install @helmts/plugin-release"`,
      })
    }
    const result = await ensureHomeLayout(this.home)
    for (const dir of result.created) this.log(`Creating ${dir}`)
    if (result.repositoryFileCreated) this.log(`Creating ${this.home.repositoryFile}`)
    this.log(`$HELMTS_HOME has been configured at ${this.home.root}.`)
    this.log('Not installing Tiller due to \'client-only\' flag having been set')
  }
}
