/**
 * Helm 2 takes its global flags anywhere, also before the command (`helm --debug
 * --tiller-namespace t list`). oclif reads the first words as the command id, so the CLI moves the
 * global flags that lead the command line to its end (before a `--`), where every command takes
 * them. Plain CommonJS with no imports: it runs on every start, before oclif loads.
 */

/** Helm 2's global flags that take a value (`--flag value` or `--flag=value`). */
const VALUE_FLAGS = new Set([
  '--home',
  '--host',
  '--kube-context',
  '--kubeconfig',
  '--tiller-namespace',
  '--tiller-connection-timeout',
]);
const BOOLEAN_FLAGS = new Set(['--debug']);

export function moveLeadingGlobalFlags(args: string[]): string[] {
  const moved: string[] = [];
  let at = 0;
  while (at < args.length) {
    const arg = args[at];
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (BOOLEAN_FLAGS.has(name)) {
      moved.push(arg);
      at += 1;
    } else if (VALUE_FLAGS.has(name)) {
      if (arg !== name) {
        moved.push(arg);
        at += 1;
      } else {
        moved.push(...args.slice(at, at + 2));
        at += 2;
      }
    } else break;
  }
  if (moved.length === 0 || at >= args.length) return args;
  const rest = args.slice(at);
  const dashdash = rest.indexOf('--');
  return dashdash === -1 ? [...rest, ...moved] : [...rest.slice(0, dashdash), ...moved, ...rest.slice(dashdash)];
}
