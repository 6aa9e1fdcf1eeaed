import { basename } from 'node:path';

import { completionTree } from '../completion/command-tree.js';
import { COMPLETION_SHELLS, type CompletionShell, completionScript } from '../completion/completion-script.js';
import { discoverPlugins, pluginDirs } from '../legacy-plugins/discovery.js';
import { HelmtsCommand } from '../sdk/command.js';
import { HelmtsError } from '../sdk/errors.js';
import { globalFlags } from '../sdk/flags.js';
import { Args } from '../sdk/oclif.js';

const TOO_MANY = 'too many arguments, expected only the shell type';

export default class Completion extends HelmtsCommand<typeof Completion> {
  static override summary = 'Generate autocompletions script for the specified shell (bash or zsh).';
  static override description =
    "Prints a script that completes helmts's commands, flags and their values, and the names of releases, " +
    "repositories and Helm plugins (asked of helmts as you press TAB). Load it from your shell's rc file; it " +
    'covers the plugins installed when it is generated, so a new shell picks up new ones. Run through another ' +
    'name (a link called helm), the script completes that name too.';
  static override argumentErrors = { unexpected: TOO_MANY };
  static override args = {
    shell: Args.string({ description: 'The shell to complete in.', options: [...COMPLETION_SHELLS] }),
  };
  static override examples = [
    'source <(<%= config.bin %> completion bash)',
    'source <(<%= config.bin %> completion zsh)',
    '<%= config.bin %> completion bash > /etc/bash_completion.d/<%= config.bin %>',
  ];

  async run(): Promise<void> {
    const shell = this.args.shell as CompletionShell | undefined;
    if (!shell) throw new HelmtsError('shell not specified');
    const { plugins } = await discoverPlugins(pluginDirs(this.settings));
    const tree = completionTree(this.config.commands, {
      helmPlugins: plugins.map((p) => p.manifest.name),
      rootFlags: Object.entries(globalFlags).map(([name, flag]) => ({ ...flag, name })),
    });
    process.stdout.write(completionScript(shell, tree, this.commandNames()));
  }

  /** `helmts`, and the name this was run as when that differs (a link called `helm`). */
  private commandNames(): string[] {
    const invoked = basename(process.argv[1] ?? '');
    return [...new Set([this.config.bin, invoked])].filter((name) => /^[\w-]+$/.test(name));
  }

  /** Helm 2's words for a shell it does not know (oclif's would list the options). */
  protected override async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (/^Expected .* to be one of: /.test(error.message)) {
      const words = this.argv.filter((a) => !a.startsWith('-'));
      return super.catch(
        new HelmtsError(words.length > 1 ? TOO_MANY : `unsupported shell type ${JSON.stringify(words[0])}`),
      );
    }
    return super.catch(error);
  }
}
