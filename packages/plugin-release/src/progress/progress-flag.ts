import { Flags } from '@helmts/core';

/** `--progress`: live on a terminal by default; `plain` prints one line per event (for logs). */
export const progressFlag = Flags.string({
  summary: "How to show the operation's progress: auto (live on a terminal, quiet when piped), tty, plain, none.",
  options: ['auto', 'tty', 'plain', 'none'],
  default: 'auto',
});
