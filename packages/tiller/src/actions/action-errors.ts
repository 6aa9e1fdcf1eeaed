// Failures with a meaning the server maps to gRPC status codes.
export class InvalidArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}

/** The name is taken (install without --replace, or --replace of a live release). */
export class ReleaseNameInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseNameInUseError';
  }
}

/** The operation ran and failed; `release` is what was recorded (FAILED, …) if anything. */
export class OperationFailedError extends Error {
  constructor(
    message: string,
    readonly release?: unknown,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'OperationFailedError';
  }
}

const NAME_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])+$/;

/** Helm 2's server-side name check for every RPC but install (§1.8). */
export function validateReleaseName(name: string): void {
  if (!name) throw new InvalidArgumentError('no release provided');
  if (!NAME_RE.test(name) || name.length > 53) {
    throw new InvalidArgumentError(
      `invalid release name, must match regex ${NAME_RE.source} and the length must not be longer than 53`,
    );
  }
}
