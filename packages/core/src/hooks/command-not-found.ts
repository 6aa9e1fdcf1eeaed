import {type Hook} from '@oclif/core'

import {officialPluginFor} from '../sdk/official-plugins.js'

/**
 * `helmts install` with no release plugin installed: say which official plugin has the command and
 * the exact line to install it. Unknown commands get a plain "not a command"; nothing is guessed.
 */
const hook: Hook.CommandNotFound = async function (options) {
  // With a space topic separator oclif hands over the command words plus the arguments after them.
  const command = options.id.split(/[ :]/)[0]
  const bin = options.config.bin
  const plugin = officialPluginFor(command)
  const message = plugin
    ? `Error: "${command}" is provided by the plugin ${plugin}, which is not installed.\n` +
      `Install it with: ${bin} plugins install ${plugin}\n`
    : `Error: "${command}" is not a ${bin} command. See "${bin} --help".\n`
  process.stderr.write(message)
  this.exit(127)
}

export default hook
