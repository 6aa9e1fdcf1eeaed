import { type Hook } from '../sdk/oclif.js';

import { splitGlobalFlags } from '../legacy-plugins/command-line.js';
import { findPlugin, pluginDirs } from '../legacy-plugins/discovery.js';
import { runPlugin } from '../legacy-plugins/run.js';
import { describeError } from '../sdk/errors.js';
import { officialPluginFor } from '../sdk/official-plugins.js';
import { resolveSettings } from '../sdk/settings.js';

/**
 * The plugin name and its arguments as the user typed them. oclif joins the leading words into the
 * id with ":" (losing colons inside arguments, e.g. host:port), so the process's own argv is used
 * when it matches this invocation; otherwise (a command run programmatically) the id and argv.
 */
function invocation(id: string, argv: string[]): { name: string; args: string[] } {
  const idWords = id.split(':');
  const typed = splitGlobalFlags(process.argv.slice(2)).pluginArgs;
  if (typed.length > 0 && (typed[0] === idWords[0] || idWords[0].startsWith('-')))
    return { name: typed[0], args: typed.slice(1) };
  const fallback = splitGlobalFlags([...idWords, ...argv]).pluginArgs;
  return { name: fallback[0] ?? idWords[0], args: fallback.slice(1) };
}

/**
 * An unknown command is first looked up among the Helm plugins (plugin.yaml) in HELM_PLUGIN or
 * $HELMTS_HOME/plugins and run with Helm's environment, its exit code becoming ours.
 * Otherwise, `helmts install` with no release plugin installed says which official plugin has the
 * command and the exact line to install it. Unknown commands get a plain "not a command"; nothing
 * is guessed.
 */
const hook: Hook.CommandNotFound = async function (options) {
  const bin = options.config.bin;
  const { name, args } = invocation(options.id, options.argv ?? []);
  const settings = resolveSettings(splitGlobalFlags(process.argv.slice(2)).settings);
  const dirs = pluginDirs(settings);
  const legacy = /^[A-Za-z0-9_-]+$/.test(name) ? await findPlugin(name, dirs) : undefined;
  if (legacy) {
    let code: number;
    try {
      code = await runPlugin(legacy, args, { settings, pluginDirs: dirs });
    } catch (error) {
      process.stderr.write(`${describeError(error, settings.debug)}\n`);
      return this.exit(1);
    }
    if (code !== 0) {
      process.stderr.write(`Error: plugin "${legacy.manifest.name}" exited with error\n`);
      return this.exit(code);
    }
    return;
  }

  const command = options.id.split(/[ :]/)[0];
  const plugin = officialPluginFor(command);
  const message = plugin
    ? `Error: "${command}" is provided by the plugin ${plugin}, which is not installed.\n` +
      `Install it with: ${bin} plugins install ${plugin}\n`
    : `Error: "${command}" is not a ${bin} command. See "${bin} --help".\n`;
  process.stderr.write(message);
  this.exit(127);
};

export default hook;
