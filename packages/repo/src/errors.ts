/**
 * Errors of the repository library a user can act on. `hint` says what to do next; a CLI prints
 * it under the message (@helmts/core's describeError prints the hint of any error that has one).
 */
export class RepoError extends Error {
  readonly hint?: string;

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** Something asked for does not exist: a repository, a chart, a version, a path. */
export class RepoNotFoundError extends RepoError {}

/**
 * `--repo URL CHART` found no such chart there, or could not read the repository: Helm 2 prints these
 * as they are (its FindChartInRepoURL), where other download failures become "failed to download".
 */
export class ChartLookupError extends RepoError {}

/**
 * The request itself is wrong (a bad version constraint, repository name or URL, search pattern).
 * `exitCode` is the status a CLI conventionally exits with for such a usage error.
 */
export class InvalidRequestError extends RepoError {
  readonly exitCode = 2;
}

/** A chart repository could not be reached or refused the connection. */
export class RepoConnectionError extends RepoError {
  readonly address: string;

  /** `message`: the whole text, when Go's words for the failure are known (see download.ts). */
  constructor(address: string, reason: string, options: { hint?: string; cause?: unknown; message?: string } = {}) {
    super(options.message ?? `cannot reach ${address}: ${reason}`, options);
    this.address = address;
  }
}
