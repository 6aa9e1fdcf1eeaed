import type { ArgumentCompletion, CompletionNode, CompletionTree } from './command-tree.js';

export type CompletionShell = 'bash' | 'zsh';
export const COMPLETION_SHELLS: readonly CompletionShell[] = ['bash', 'zsh'];

/**
 * The script `helmts completion bash|zsh` prints, to be sourced (`source <(helmts completion bash)`).
 * Commands, flags and flag values are written into it, so TAB on them starts no process; release,
 * repository and Helm plugin names are asked of the binary being completed (`helmts list --short`)
 * at each TAB, with the Tiller and cluster flags already typed on the line, as Helm 2's script
 * does. zsh runs the same functions through bashcompinit, each in sh emulation (zero-based arrays,
 * word splitting), so one body serves both shells.
 */
export function completionScript(
  shell: CompletionShell,
  tree: CompletionTree,
  commandNames: readonly string[],
): string {
  const body = [
    nodeFunction(tree.nodes),
    flagValuesFunction(tree.nodes),
    argumentWordsFunction(tree.nodes),
    `__helmts_connection_flags=${quote(tree.connectionFlags.join(' '))}`,
    `__helmts_connection_value_flags=${quote(tree.connectionValueFlags.join(' '))}`,
    RUNTIME,
  ].join('\n');
  const functions = shell === 'zsh' ? body.replace(/^(\w+\(\) \{)$/gm, '$1\n  emulate -L sh') : body;
  const register = commandNames.map((name) => `complete -o default -F _helmts ${name}`).join('\n');
  return `${shell === 'zsh' ? ZSH_PREAMBLE : BASH_PREAMBLE}\n${functions}\n${register}\n`;
}

const BASH_PREAMBLE = `# bash completion for helmts, from \`helmts completion bash\`. Load it in ~/.bashrc with
#   source <(helmts completion bash)
# Commands and flags are those installed when it was generated (a new shell picks up new plugins);
# release, repository and plugin names are asked of helmts at each TAB.
`;

const ZSH_PREAMBLE = `#compdef helmts
# zsh completion for helmts, from \`helmts completion zsh\`. Load it in ~/.zshrc with
#   source <(helmts completion zsh)
# Commands and flags are those installed when it was generated (a new shell picks up new plugins);
# release, repository and plugin names are asked of helmts at each TAB.
(( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }
autoload -U +X bashcompinit && bashcompinit
`;

/** A shell word in single quotes (the tree holds no quotes, see command-tree's SAFE_WORD). */
const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

function argumentKinds(args: ArgumentCompletion[]): string {
  return args.map((a) => a.kind).join(' ');
}

/** `__helmts_node PATH` sets what may follow the command path PATH (in its caller's locals). */
function nodeFunction(nodes: CompletionNode[]): string {
  const arms = nodes.map((n) =>
    [
      `    ${quote(n.path)})`,
      `      subcommands=${quote(n.subcommands.join(' '))}`,
      `      flags=${quote(n.flags.join(' '))}`,
      `      value_flags=${quote(n.valueFlags.join(' '))}`,
      `      arg_kinds=${quote(argumentKinds(n.args))}`,
      '      ;;',
    ].join('\n'),
  );
  return [
    '__helmts_node() {',
    "  subcommands='' flags='' value_flags='' arg_kinds=''",
    '  case $1 in',
    ...arms,
    '  esac',
    '}',
  ].join('\n');
}

/** Case arms setting `candidates`, one per distinct word list, matched on `KEY`s. */
function wordArms(entries: [key: string, words: string[]][]): string[] {
  const byWords = new Map<string, string[]>();
  for (const [key, words] of entries) {
    const list = words.join(' ');
    byWords.set(list, [...(byWords.get(list) ?? []), key]);
  }
  return [...byWords].map(([list, keys]) => `    ${keys.map(quote).join(' | ')}) candidates=${quote(list)} ;;`);
}

/** `__helmts_flag_values PATH FLAG` sets `candidates` to the values a flag lists as its options. */
function flagValuesFunction(nodes: CompletionNode[]): string {
  const entries = nodes.flatMap((n) =>
    Object.entries(n.flagValues).map(([flag, words]): [string, string[]] => [`${n.path}|${flag}`, words]),
  );
  return ['__helmts_flag_values() {', "  candidates=''", '  case "$1|$2" in', ...wordArms(entries), '  esac', '}'].join(
    '\n',
  );
}

/** `__helmts_argument_words PATH POSITION` sets `candidates` to an argument's listed options. */
function argumentWordsFunction(nodes: CompletionNode[]): string {
  const entries = nodes.flatMap((n) =>
    n.args.flatMap((a, position): [string, string[]][] =>
      a.kind === 'words' ? [[`${n.path}|${position}`, a.words]] : [],
    ),
  );
  return [
    '__helmts_argument_words() {',
    "  candidates=''",
    '  case "$1|$2" in',
    ...wordArms(entries),
    '  esac',
    '}',
  ].join('\n');
}

/**
 * The part that does not depend on the commands. Variable names avoid zsh's special parameters
 * (`path`, `words`, `commands`, `options`, `status`), which its functions would otherwise change.
 */
const RUNTIME = `
# __helmts_reply CURRENT PREFIX WORD...: adds each WORD that starts with CURRENT to COMPREPLY
__helmts_reply() {
  local current=$1 prefix=$2 word before_colon=''
  shift 2
  # bash replaces only what follows the word's last : (it is in COMP_WORDBREAKS)
  [[ $current == *:* && \${COMP_WORDBREAKS-} == *:* ]] && before_colon=\${current%"\${current##*:}"}
  for word in "$@"; do
    [[ $word == "$current"* ]] && COMPREPLY+=("$prefix\${word#"$before_colon"}")
  done
  return 0
}

# __helmts_run ARG...: the helmts being completed (as typed, ~ expanded), its errors discarded
__helmts_run() {
  local program=\${line_words[0]}
  [[ $program == '~/'* ]] && program=$HOME/\${program#'~/'}
  "$program" "$@" 2>/dev/null
}

# The flags on this line that say where Tiller and the cluster are, for the commands run to ask
# for names; sets connection.
__helmts_connection() {
  local i word
  connection=()
  for ((i = 1; i < current_index; i++)); do
    word=\${line_words[i]}
    if [[ " $__helmts_connection_value_flags " == *" $word "* ]]; then
      connection+=("$word" "\${line_words[i + 1]}")
      i=$((i + 1))
    elif [[ " $__helmts_connection_flags " == *" \${word%%=*} "* ]]; then
      connection+=("$word")
    fi
  done
}

__helmts_releases() {
  local -a connection
  local names
  __helmts_connection
  # A TAB waits 5 s for Tiller, not the default 300, unless a timeout is set in the environment
  # or typed on the line.
  local -a timeout=(--tiller-connection-timeout 5)
  [[ -n \${HELMTS_TILLER_CONNECTION_TIMEOUT-}\${TILLER_CONNECTION_TIMEOUT-} ]] && timeout=()
  names=$(__helmts_run list "\${timeout[@]}" "\${connection[@]}" --all --short --max 1000 "^$cur") || return 0
  __helmts_reply "$cur" '' $names
}

# __helmts_names COMMAND...: the first column of a table helmts prints (repo list, plugin list)
__helmts_names() {
  local -a connection home
  local names i
  __helmts_connection
  for ((i = 0; i < \${#connection[@]}; i++)); do
    case \${connection[i]} in
      --home) home=(--home "\${connection[i + 1]}") ;;
      --home=*) home=("\${connection[i]}") ;;
    esac
  done
  names=$(__helmts_run "$@" "\${home[@]}" | awk 'NR > 1 { print $1 }') || return 0
  __helmts_reply "$cur" '' $names
}

__helmts_complete_argument() {
  local kinds=($arg_kinds)
  case \${kinds[position]-files} in
    releases) __helmts_releases ;;
    repositories) __helmts_names repo list ;;
    helm-plugins) __helmts_names plugin list ;;
    words)
      __helmts_argument_words "$command_path" "$position"
      __helmts_reply "$cur" '' $candidates
      ;;
  esac
  return 0
}

_helmts() {
  local cur line_words current_index
  if [[ -n \${ZSH_VERSION-} ]]; then
    # bashcompinit hands over zsh's own words (not split at = or :)
    cur=\${COMP_WORDS[COMP_CWORD]}
    line_words=("\${COMP_WORDS[@]}")
    current_index=$COMP_CWORD
  elif command -v _get_comp_words_by_ref >/dev/null 2>&1; then
    _get_comp_words_by_ref -n =: -c cur -w line_words -i current_index
  else
    # bash alone splits COMP_WORDS at = and : as well: split the line at blanks instead
    local line=\${COMP_LINE:0:COMP_POINT}
    read -r -a line_words <<<"$line"
    [[ $line == *[[:blank:]] ]] && line_words+=('')
    current_index=$((\${#line_words[@]} - 1))
    cur=\${line_words[current_index]}
  fi
  local command_path='' position=0 dashes='' pending='' word i
  local subcommands flags value_flags arg_kinds candidates
  # Walk the words before the cursor: command words, then arguments; a flag that takes a value
  # takes the next word with it.
  for ((i = 1; i < current_index; i++)); do
    word=\${line_words[i]}
    if [[ -n $pending ]]; then
      pending=''
      continue
    fi
    if [[ -z $dashes && $word == -?* ]]; then
      if [[ $word == -- ]]; then
        dashes=1
      elif [[ $word != *=* ]]; then
        __helmts_node "$command_path"
        [[ " $value_flags " == *" $word "* ]] && pending=$word
      fi
      continue
    fi
    __helmts_node "$command_path"
    if ((position == 0)) && [[ -z $dashes && " $subcommands " == *" $word "* ]]; then
      command_path=\${command_path:+$command_path }$word
    else
      position=$((position + 1))
    fi
  done
  __helmts_node "$command_path"
  COMPREPLY=()
  # A flag's value: the word after it, or after its = (bash completes after the = by itself)
  local flag=$pending value_prefix=''
  if [[ -z $flag && -z $dashes && $cur == -*=* ]]; then
    flag=\${cur%%=*}
    cur=\${cur#*=}
    [[ \${COMP_WORDBREAKS-} == *=* ]] || value_prefix="$flag="
  fi
  if [[ -n $flag ]]; then
    __helmts_flag_values "$command_path" "$flag"
    __helmts_reply "$cur" "$value_prefix" $candidates
    return 0
  fi
  if [[ -z $dashes && $cur == -* ]]; then
    __helmts_reply "$cur" '' $flags
    return 0
  fi
  if ((position == 0)) && [[ -n $subcommands ]]; then
    __helmts_reply "$cur" '' $subcommands
    [[ -n $arg_kinds ]] || return 0
  fi
  __helmts_complete_argument
}`;
