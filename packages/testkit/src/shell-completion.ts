import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { HELMTS_BIN } from './run-helmts.js';

export type CompletionShell = 'bash' | 'zsh';

/**
 * How the words reach the completion function: `bash` as bash alone gives them, `bash-completion`
 * with the bash-completion package loaded (it re-splits them), `zsh` through zsh's bashcompinit.
 */
export type CompletionMode = 'bash' | 'bash-completion' | 'zsh';

export const COMPLETION_MODES: readonly CompletionMode[] = ['bash', 'bash-completion', 'zsh'];

const BASH_COMPLETION = '/usr/share/bash-completion/bash_completion';

/**
 * Sets the variables bash (or zsh's bashcompinit) sets before calling a completion function, for
 * a line typed up to its end, then calls it and prints COMPREPLY one per line.
 */
const BASH_DRIVER = `
source "$1"
COMP_LINE=$2; COMP_POINT=\${#COMP_LINE}
read -r -a COMP_WORDS <<<"$COMP_LINE"; [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')
COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
_helmts
printf '%s\\n' "\${COMPREPLY[@]}"
`;
const DRIVER: Record<CompletionMode, string> = {
  bash: BASH_DRIVER,
  'bash-completion': `source ${BASH_COMPLETION}\n${BASH_DRIVER}`,
  zsh: `
source "$1"
COMP_LINE=$2; COMP_POINT=\${#COMP_LINE}
COMP_WORDS=(\${=COMP_LINE}); [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')
COMP_CWORD=$((\${#COMP_WORDS} - 1))
COMPREPLY=()
_helmts
print -rl -- "\${COMPREPLY[@]}"
`,
};

/**
 * A scratch directory whose `bin/helmts` is this checkout's CLI, for completion scripts that run
 * `helmts` from PATH. `dispose()` removes it.
 */
export function completionSandbox(): { dir: string; bin: string; path: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'helmts-completion-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(HELMTS_BIN, join(bin, 'helmts'));
  return {
    dir,
    bin,
    path: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * What the completion `script` offers for `line` (typed up to the cursor at its end; a trailing
 * space starts a new word), in `mode`. `env` is the shell's whole environment. Asynchronous, so
 * a Tiller in the test's own process can answer the `helmts list` the script runs.
 */
export async function completeLine(
  mode: CompletionMode,
  script: string,
  line: string,
  env: Record<string, string | undefined>,
): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'helmts-complete-'));
  try {
    const file = join(dir, `completion.${mode === 'zsh' ? 'zsh' : 'bash'}`);
    writeFileSync(file, script);
    const shell = mode === 'zsh' ? ['zsh', '-f'] : ['bash', '--norc', '--noprofile'];
    const child = spawn(shell[0], [...shell.slice(1), '-c', DRIVER[mode], 'complete', file, line], {
      env: { HOME: dir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const status = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (status !== 0) throw new Error(`${shell[0]} exited with ${status}: ${stderr}`);
    return stdout.split('\n').filter((word) => word !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface InteractiveCompletion {
  /** Types `keys` (text; `\t` is TAB) at the prompt and waits until the screen matches `until`. */
  type(keys: string, until: RegExp): Promise<string>;
  close(): void;
}

/**
 * A real interactive shell in a terminal (tmux, on a socket of its own) that has run `setup`
 * (e.g. `source <(helmts completion bash)`): what a user's TAB does, readline or zle included.
 * Fails when tmux is not installed (scripts/install-test-deps.sh installs it).
 */
export async function interactiveShell(
  shell: CompletionShell,
  setup: string,
  env: Record<string, string | undefined>,
): Promise<InteractiveCompletion> {
  const dir = mkdtempSync(join(tmpdir(), 'helmts-tmux-'));
  const socket = join(dir, 'tmux.sock');
  const tmux = (...args: string[]) => {
    const r = spawnSync('tmux', ['-S', socket, ...args], { encoding: 'utf8', env: { ...process.env, TMUX: '' } });
    if (r.error) throw new Error(`tmux: ${r.error.message} (scripts/install-test-deps.sh installs it)`);
    if (r.status !== 0) throw new Error(`tmux ${args[0]}: ${r.stderr}`);
    return r.stdout;
  };
  const environment = Object.entries({ HOME: dir, HISTFILE: '/dev/null', TERM: 'xterm', PS1: '$ ', ...env })
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${value}`);
  const command = shell === 'zsh' ? ['zsh', '-f'] : ['bash', '--norc', '--noprofile'];
  tmux('new-session', '-d', '-x', '160', '-y', '40', 'env', '-i', ...environment, ...command);
  const screen = () => tmux('capture-pane', '-p');
  const waitFor = async (until: RegExp) => {
    for (let waited = 0; waited < 30_000; waited += 100) {
      const text = screen();
      if (until.test(text)) return text;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the screen never matched ${until}:\n${screen()}`);
  };
  const send = (keys: string) => {
    for (const part of keys.split(/(\t)/)) {
      if (part === '\t') tmux('send-keys', 'Tab');
      else if (part) tmux('send-keys', '-l', '--', part);
    }
  };
  const close = () => {
    spawnSync('tmux', ['-S', socket, 'kill-server']);
    // the shell may still be writing its history as it exits
    rmSync(dir, { recursive: true, force: true, maxRetries: 10 });
  };
  try {
    if (shell === 'zsh') send("PS1='$ '\n");
    send(`${setup}; echo setup-done-$?\n`);
    await waitFor(/^setup-done-0$/m);
    tmux('send-keys', 'C-l');
    await waitFor(/^\$ ?$/m);
  } catch (error) {
    close();
    throw error;
  }
  return {
    type: async (keys, until) => {
      send(keys);
      return waitFor(until);
    },
    close,
  };
}
