/**
 * What a shell completes, read from the commands oclif has loaded (core's and every installed
 * plugin's) and the Helm plugins (plugin.yaml) installed when the script is generated: for each
 * command path (`''` for the root, `get values`), the words that may follow it.
 */

/** The parts of an oclif flag that completion reads (a manifest's cached flag has them too). */
interface CompletableFlag {
  name: string;
  type: 'boolean' | 'option';
  char?: string;
  /** Other names (Helm 2's, where helmts follows Helm 3: `--execute`/`-x` for `--show-only`/`-s`). */
  aliases?: readonly string[];
  charAliases?: readonly string[];
  options?: readonly string[];
  hidden?: boolean;
  helpGroup?: string;
}

/** The parts of an oclif argument that completion reads. */
interface CompletableArgument {
  name: string;
  options?: readonly string[];
  hidden?: boolean;
}

/** The parts of a loaded oclif command that completion reads. */
export interface CompletableCommand {
  id: string;
  hidden?: boolean;
  aliases?: readonly string[];
  hiddenAliases?: readonly string[];
  flags?: Record<string, CompletableFlag>;
  args?: Record<string, CompletableArgument>;
}

/**
 * What a positional argument completes to: names asked of helmts at each TAB (`releases`,
 * `repositories`, `helm-plugins`), a fixed list of words, or the shell's own file names (`files`).
 */
type NamedCompletion = 'releases' | 'repositories' | 'helm-plugins' | 'files';
export type ArgumentCompletion = { kind: NamedCompletion } | { kind: 'words'; words: string[] };

/** One command path and what may follow it. */
export interface CompletionNode {
  /** Space-separated words (`get values`); `''` is the root. */
  path: string;
  /** Subcommand words (with visible aliases), sorted. */
  subcommands: string[];
  /** Every flag word (`--output`, `-o`), sorted. */
  flags: string[];
  /** The flag words that take a value (the next word is that value, not an argument). */
  valueFlags: string[];
  /** The values offered after a flag that lists its options, by flag word. */
  flagValues: Record<string, string[]>;
  /** What each positional argument completes to, in order. */
  args: ArgumentCompletion[];
}

export interface CompletionTree {
  nodes: CompletionNode[];
  /**
   * The flags passed on when the script asks helmts for release names (`list`'s global, TLS and
   * Tiller flags: where Tiller and the cluster are), by word; the ones listed in
   * `connectionValueFlags` carry a value.
   */
  connectionFlags: string[];
  connectionValueFlags: string[];
}

/**
 * Arguments named after what they hold, completed alike whichever plugin declares them: a plugin
 * names its argument `release` and release names complete.
 */
const ARGUMENTS_BY_NAME: Record<string, NamedCompletion> = { release: 'releases' };

/** Arguments of Helm 2's own commands that name a repository or a Helm plugin, by command id. */
const ARGUMENTS_BY_COMMAND: Record<string, NamedCompletion> = {
  'repo:remove': 'repositories',
  'repo:update': 'repositories',
  'plugin:remove': 'helm-plugins',
  'plugin:update': 'helm-plugins',
};

/** Flag groups that say where Tiller and the cluster are; `--debug` is global but says neither. */
const CONNECTION_GROUPS = new Set(['GLOBAL', 'TLS', 'TILLER']);
const NOT_CONNECTION = new Set(['debug']);

/**
 * Words a shell script can hold between single quotes and split on spaces: anything else (a space,
 * a quote, a control character) is left out of the completions rather than risk the script.
 */
const SAFE_WORD = /^[\w@%+=:,./~^-]+$/;
const safe = (words: readonly string[]) => words.filter((w) => SAFE_WORD.test(w));

const sorted = (words: Iterable<string>) => [...new Set(words)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function argumentCompletion(commandId: string, arg: CompletableArgument): ArgumentCompletion {
  if (arg.options?.length) return { kind: 'words', words: safe(arg.options) };
  const kind = ARGUMENTS_BY_COMMAND[commandId] ?? ARGUMENTS_BY_NAME[arg.name] ?? 'files';
  return { kind };
}

function flagWords(flag: CompletableFlag): string[] {
  const long = [flag.name, ...(flag.aliases ?? [])].map((name) => `--${name}`);
  const short = [...(flag.char ? [flag.char] : []), ...(flag.charAliases ?? [])].map((char) => `-${char}`);
  return [...long, ...short];
}

function addFlags(target: CompletionNode, flags: readonly CompletableFlag[]): void {
  for (const flag of flags) {
    const names = safe(flagWords(flag));
    target.flags.push(...names);
    if (flag.type !== 'option') continue;
    target.valueFlags.push(...names);
    if (flag.options?.length) for (const name of names) target.flagValues[name] = safe(flag.options);
  }
}

export interface CompletionTreeOptions {
  /** Helm plugins (plugin.yaml), completed as root commands. */
  helmPlugins?: readonly string[];
  /** The flags every command takes, the root too (Helm 2's global flags). */
  rootFlags?: readonly CompletableFlag[];
}

/** oclif answers `-h`/`--help` on every command without declaring it as a flag. */
const HELP_FLAGS = ['--help', '-h'];

/**
 * The completion tree of `commands` (as oclif lists them: an alias may appear as a command of its
 * own), with Helm plugins as root words. Hidden commands, aliases, flags and arguments are left out.
 */
export function completionTree(
  commands: readonly CompletableCommand[],
  { helmPlugins = [], rootFlags = [] }: CompletionTreeOptions = {},
): CompletionTree {
  const nodes = new Map<string, CompletionNode>();
  const node = (path: string) => {
    let found = nodes.get(path);
    if (!found) {
      found = { path, subcommands: [], flags: [...HELP_FLAGS], valueFlags: [], flagValues: {}, args: [] };
      nodes.set(path, found);
    }
    return found;
  };
  /** The path and every prefix of it exist, each naming its next word as a subcommand. */
  const addPath = (words: string[]) => {
    for (let n = 0; n < words.length; n++) {
      const parent = node(words.slice(0, n).join(' '));
      if (!parent.subcommands.includes(words[n])) parent.subcommands.push(words[n]);
    }
    return node(words.join(' '));
  };

  node('');
  let connectionSource: CompletableCommand | undefined;
  for (const command of commands) {
    // oclif also lists each alias as a command of its own: its path comes with the command's
    if (command.hidden || command.aliases?.includes(command.id)) continue;
    if (command.id === 'list') connectionSource = command;
    const hiddenAliases = new Set(command.hiddenAliases ?? []);
    const ids = [command.id, ...(command.aliases ?? [])].filter((id) => !hiddenAliases.has(id));
    const flags = Object.values(command.flags ?? {}).filter((f) => !f.hidden);
    const args = Object.values(command.args ?? {})
      .filter((a) => !a.hidden)
      .map((a) => argumentCompletion(command.id, a));
    for (const id of new Set(ids)) {
      const words = id.split(':');
      if (!words.every((w) => SAFE_WORD.test(w))) continue;
      const target = addPath(words);
      target.args = args;
      addFlags(target, flags);
    }
  }
  const root = node('');
  addFlags(
    root,
    rootFlags.filter((f) => !f.hidden),
  );
  for (const name of safe(helmPlugins)) if (!root.subcommands.includes(name)) root.subcommands.push(name);

  const connection = Object.values(connectionSource?.flags ?? {}).filter(
    (f) => CONNECTION_GROUPS.has(f.helpGroup ?? '') && !NOT_CONNECTION.has(f.name),
  );
  return {
    nodes: [...nodes.values()]
      .map((n) => ({
        ...n,
        subcommands: sorted(n.subcommands),
        flags: sorted(n.flags),
        valueFlags: sorted(n.valueFlags),
      }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    connectionFlags: sorted(connection.map((f) => `--${f.name}`)),
    connectionValueFlags: sorted(connection.filter((f) => f.type === 'option').map((f) => `--${f.name}`)),
  };
}
