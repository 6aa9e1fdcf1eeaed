/** One Helm 2 command line of the parity table, with what is known about it. */
export interface CommandLine {
  /** 1-based line number in the data file. */
  line: number;
  /** The shell command line, as a Helm 2 user types it (`helm ...`; $NS, $REPO, $CHARTS expand). */
  command: string;
  /** Why helmts's output cannot be identical here; absent: it must be identical. */
  explained?: string;
  /** Setup steps run in both phases but not compared (`!` prefix). */
  setup: boolean;
}

/**
 * Reads the table: one command line per line; `#` starts a comment line; a trailing
 * `  ## differs: REASON` marks a line whose difference is explained; a leading `! ` marks setup.
 */
export function parseCommandLines(text: string): CommandLine[] {
  const lines: CommandLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const marker = trimmed.indexOf('## differs:');
    let command = marker === -1 ? trimmed : trimmed.slice(0, marker).trim();
    const explained = marker === -1 ? undefined : trimmed.slice(marker + '## differs:'.length).trim();
    const setup = command.startsWith('! ');
    if (setup) command = command.slice(2).trim();
    lines.push({ line: index + 1, command, explained, setup });
  });
  return lines;
}
