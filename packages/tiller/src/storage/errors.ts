// Storage errors, worded as Helm 2 words them (callers and users match on these messages).

export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No record under the key (get/update/delete), or no record matched a query. */
export class ReleaseNotFoundError extends StorageError {
  constructor(readonly key: string) {
    super(`release: ${JSON.stringify(key)} not found`);
  }
}

/** create() of a key that already has a record. */
export class ReleaseExistsError extends StorageError {
  constructor(readonly key: string) {
    super(`release: ${JSON.stringify(key)} already exists`);
  }
}

/** A key that is not `<name>.v<revision>`. */
export class InvalidReleaseKeyError extends StorageError {
  constructor(readonly key: string) {
    super(`release: ${JSON.stringify(key)} invalid key`);
  }
}

/**
 * update() lost a race: the record changed since this writer read (or wrote) it. Retrying blindly
 * would overwrite the other writer's result; the caller re-reads and decides.
 */
export class StorageConflictError extends StorageError {
  constructor(
    readonly key: string,
    readonly expectedVersion: string,
    options?: { cause?: unknown },
  ) {
    super(
      `release: ${JSON.stringify(key)} was modified by another writer since it was read ` +
        `(record version ${expectedVersion} is stale); read it again and retry`,
      options,
    );
  }
}
