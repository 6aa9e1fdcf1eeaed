/**
 * Errors a user can act on. Each carries a hint saying what to do; the CLI prints
 * `Error: <message>` plus the hint on one more line, and the stack only with --debug.
 */
export class HelmtsError extends Error {
  readonly hint?: string;
  readonly exitCode: number;

  constructor(message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** The user asked for something that does not exist (a release, a chart, a repository). */
export class NotFoundError extends HelmtsError {}

/** The command line itself is wrong (bad flag value, bad --set string). */
export class UsageError extends HelmtsError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, exitCode: 2 });
  }
}

/** A server (Tiller, a chart repository, the Kubernetes API) could not be reached or refused us. */
export class ConnectionError extends HelmtsError {
  readonly address: string;

  constructor(address: string, reason: string, options: { hint?: string; cause?: unknown } = {}) {
    super(`cannot reach ${address}: ${reason}`, options);
    this.address = address;
  }
}

/**
 * Formats any thrown value as the one or two lines a user sees. The hint is read from any error
 * with a string `hint` (libraries such as @helmts/repo have their own error classes).
 */
export function describeError(error: unknown, debug = false): string {
  if (!(error instanceof Error)) return `Error: ${String(error)}`;
  const lines = [`Error: ${error.message}`];
  const { hint } = error as { hint?: unknown };
  if (typeof hint === 'string' && hint) lines.push(`Hint: ${hint}`);
  if (debug && error.stack) lines.push(error.stack);
  return lines.join('\n');
}

/**
 * The status a command exits with for an error: a HelmtsError's own, else a valid `exitCode` the
 * error carries (a library's usage error says 2), else 1.
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof HelmtsError) return error.exitCode;
  const { exitCode } = (error ?? {}) as { exitCode?: unknown };
  return typeof exitCode === 'number' && Number.isInteger(exitCode) && exitCode > 0 && exitCode < 126 ? exitCode : 1;
}
