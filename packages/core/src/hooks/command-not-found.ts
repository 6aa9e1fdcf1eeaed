import { type Hook } from '../sdk/oclif.js';

import { splitGlobalFlags } from '../legacy-plugins/command-line.js';
import { findPlugin, pluginDirs } from '../legacy-plugins/discovery.js';
import { runPlugin } from '../legacy-plugins/run.js';
import { describeError } from '../sdk/errors.js';
import { officialPluginFor } from '../sdk/official-plugins.js';
import { resolveSettings, type Settings } from '../sdk/settings.js';
import {
  TILLER_ENDPOINT_HOOK,
  type TillerEndpointHookOptions,
  type TillerEndpointHookResult,
} from '../sdk/tiller-endpoint-hook.js';

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
 * The command a command line names when oclif took its arguments for more of the command's name:
 * after a command that takes none (`version a`, `repo list a`) it reads the next words as the id
 * (`version:a`) and finds nothing. Helm 2 gives them to the command, which ignores or refuses them.
 */
function commandBefore(
  id: string,
  argv: string[],
  config: { findCommand(id: string): unknown },
): { id: string; argv: string[] } | undefined {
  const words = id.split(':');
  for (let n = words.length - 1; n > 0; n--) {
    const prefix = words.slice(0, n).join(':');
    if (config.findCommand(prefix)) return { id: prefix, argv: [...words.slice(n), ...argv] };
  }
  return undefined;
}

/** Helm 2's root commands in the order it adds them, the order cobra suggests them in. */
const HELM2_COMMAND_ORDER = [
  'create',
  'dependency',
  'fetch',
  'inspect',
  'lint',
  'package',
  'repo',
  'search',
  'serve',
  'verify',
  'delete',
  'get',
  'history',
  'install',
  'list',
  'rollback',
  'status',
  'upgrade',
  'test',
  'reset',
  'version',
  'completion',
  'home',
  'init',
  'plugin',
  'template',
];

/**
 * The first words of every visible command's own id (`get values` gives `get`), the names a user
 * types first, in Helm 2's order (then ours, sorted). Cobra suggests neither aliases (`ls`, `hist`)
 * nor `help`.
 */
function topLevelCommands(commands: readonly { id: string; hidden?: boolean; aliases?: string[] }[]): string[] {
  // oclif lists each alias as a command of its own (with the same aliases)
  const aliases = new Set([...commands.flatMap((c) => c.aliases ?? []), 'help']);
  const names = commands.filter((c) => !c.hidden && !aliases.has(c.id)).map((c) => c.id.split(/[ :]/)[0]);
  const rank = (name: string) => {
    const at = HELM2_COMMAND_ORDER.indexOf(name);
    return at === -1 ? HELM2_COMMAND_ORDER.length : at;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Levenshtein distance: the number of single-character edits between two words. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/**
 * Helm 2's (cobra's) suggestions for a mistyped command: names within two edits, or that start
 * with what was typed, in its exact layout.
 */
function didYouMean(typed: string, commands: string[]): string {
  const lower = typed.toLowerCase();
  const near = commands.filter((c) => editDistance(lower, c.toLowerCase()) <= 2 || c.startsWith(lower));
  return near.length ? `\nDid you mean this?\n${near.map((c) => `\t${c}\n`).join('')}\n` : '';
}

/**
 * A known command followed by arguments is run with them. An unknown command is first looked up among the Helm plugins (plugin.yaml) in HELM_PLUGIN or
 * $HELMTS_HOME/plugins and run with Helm's environment, its exit code becoming ours.
 * Otherwise, `helmts install` with no release plugin installed says which official plugin has the
 * command and the exact line to install it. Unknown commands get Helm 2's "unknown command" with its
 * "Did you mean this?" suggestions.
 */
const hook: Hook.CommandNotFound = async function (options) {
  const bin = options.config.bin;
  const known = commandBefore(options.id, options.argv ?? [], options.config);
  if (known) return options.config.runCommand(known.id, known.argv);
  const { name, args } = invocation(options.id, options.argv ?? []);
  const settings = resolveSettings(splitGlobalFlags(process.argv.slice(2)).settings);
  const dirs = pluginDirs(settings);
  const legacy = /^[A-Za-z0-9_-]+$/.test(name) ? await findPlugin(name, dirs) : undefined;
  if (legacy) {
    let code: number;
    try {
      // useTunnel: the plugin that finds Tiller (the release plugin) opens the tunnel.
      const openTiller = async (current: Settings) => {
        const answering = options.config
          .getPluginsList()
          .some((p) => (p.hooks?.[TILLER_ENDPOINT_HOOK] ?? []).length > 0);
        if (!answering) return undefined;
        const hookOptions: TillerEndpointHookOptions = {
          settings: current,
          notice: (line) => process.stderr.write(`${line}\n`),
        };
        const { successes, failures } = await options.config.runHook(
          TILLER_ENDPOINT_HOOK as never,
          hookOptions as never,
          undefined,
          true,
        );
        if (failures.length > 0) throw failures[0].error;
        return successes.map((r) => r.result as TillerEndpointHookResult | undefined).find(Boolean);
      };
      code = await runPlugin(legacy, args, { settings, pluginDirs: dirs, openTiller });
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

  const [command, sub] = options.id.split(/[ :]/);
  const ids = options.config.commandIDs;
  const subcommands = [...new Set(ids.filter((id) => id.startsWith(`${command}:`)).map((id) => id.split(':')[1]))];
  const plugin = officialPluginFor(command);
  let message: string;
  if (sub !== undefined && subcommands.length > 0) {
    // a known topic (`repo frob`): Helm 2 prints the topic's help; we say which word is wrong
    message =
      `Error: unknown command "${sub}" for "${bin} ${command}"\n` +
      didYouMean(sub, subcommands.sort()) +
      `Run '${bin} ${command} --help' for usage.\n`;
  } else if (plugin) {
    message =
      `Error: "${command}" is provided by the plugin ${plugin}, which is not installed.\n` +
      `Install it with: ${bin} plugins install ${plugin}\n`;
  } else {
    message =
      `Error: unknown command "${command}" for "${bin}"\n` +
      didYouMean(command, topLevelCommands(options.config.commands)) +
      `Run '${bin} --help' for usage.\n`;
  }
  process.stderr.write(message);
  // Helm 2 (cobra) exits 1 for a command it does not know
  this.exit(1);
};

export default hook;
