/**
 * Errors a user can act on. Each carries a hint saying what to do; the CLI prints
 * `Error: <message>` plus the hint on one more line, and the stack only with --debug.
 */
export class HelmtsError extends Error {
  readonly hint?: string
  readonly exitCode: number

  constructor(message: string, options: {hint?: string; exitCode?: number; cause?: unknown} = {}) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.name = new.target.name
    this.hint = options.hint
    this.exitCode = options.exitCode ?? 1
  }
}

/** The user asked for something that does not exist (a release, a chart, a repository). */
export class NotFoundError extends HelmtsError {}

/** The command line itself is wrong (bad flag value, bad --set string). */
export class UsageError extends HelmtsError {
  constructor(message: string, options: {hint?: string; cause?: unknown} = {}) {
    super(message, {...options, exitCode: 2})
  }
}

/** A server (Tiller, a chart repository, the Kubernetes API) could not be reached or refused us. */
export class ConnectionError extends HelmtsError {
  readonly address: string

  constructor(address: string, reason: string, options: {hint?: string; cause?: unknown} = {}) {
    super(`cannot reach ${address}: ${reason}`, options)
    this.address = address
  }
}

/** Formats any thrown value as the one or two lines a user sees. */
export function describeError(error: unknown, debug = false): string {
  if (!(error instanceof Error)) return `Error: ${String(error)}`
  const lines = [`Error: ${error.message}`]
  if (error instanceof HelmtsError && error.hint) lines.push(`Hint: ${error.hint}`)
  if (debug && error.stack) lines.push(error.stack)
  return lines.join('\n')
}
