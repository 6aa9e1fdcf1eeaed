// What the release logic uses (reference §2.7–2.8): records by name and revision, Helm 2's
// history helpers and --history-max pruning, over any Driver.
import type { Release, ReleaseInput } from '@helmts/proto';
import type { Driver, UpdateOptions } from './driver.js';
import { ReleaseNotFoundError, StorageError } from './errors.js';
import { LABEL, OWNER_TILLER, recordKey, statusOf, type LabelFilter, type RecordLabels } from './record.js';

export interface StorageOptions {
  /** --history-max: revisions kept per release, 0 = unlimited. */
  maxHistory?: number;
  /** Told about prune failures (they do not fail the create, as in Helm 2). */
  onWarning?: (message: string) => void;
}

/** Thrown by deployed() when a release has no DEPLOYED revision. */
export class NoDeployedReleaseError extends StorageError {
  constructor(readonly release: string) {
    super(`${JSON.stringify(release)} has no deployed releases`);
  }
}

/** Thrown by last() when a release has no revision at all; Helm 2's storage driver's words. */
export class NoRevisionError extends StorageError {
  constructor(
    readonly release: string,
    context?: string,
  ) {
    super(`${context ? `${context}: ` : ''}release: ${JSON.stringify(release)} not found`);
  }
}

/** Releases whose latest written revision last() remembers (the most recently written). */
const LATEST_WRITTEN = 256;

function byRevision(a: Release, b: Release): number {
  return a.version - b.version;
}

export class Storage {
  readonly driver: Driver;
  maxHistory: number;
  readonly #onWarning: (message: string) => void;
  /** By release name: the highest revision this storage wrote last (a hint for last()). */
  readonly #latestWritten = new Map<string, number>();

  constructor(driver: Driver, options: StorageOptions = {}) {
    this.driver = driver;
    this.maxHistory = options.maxHistory ?? 0;
    this.#onWarning = options.onWarning ?? (() => {});
  }

  /** Revision `version` of `name`; ReleaseNotFoundError if missing. */
  get(name: string, version: number): Promise<Release> {
    return this.driver.get(recordKey(name, version));
  }

  /** Stores a new revision, pruning history first when maxHistory > 0. */
  async create(rel: ReleaseInput): Promise<void> {
    const name = rel.name ?? '';
    if (this.maxHistory > 0) await this.#prune(name, this.maxHistory - 1);
    await this.driver.create(recordKey(name, rel.version ?? 0), rel);
    this.#wrote(name, rel.version ?? 0);
  }

  /**
   * Overwrites the record of `rel`'s revision. Conditional on the record being unchanged since
   * `rel` was read or written through this storage (or since options.recordVersion):
   * StorageConflictError otherwise.
   */
  async update(rel: ReleaseInput, options?: UpdateOptions): Promise<void> {
    await this.driver.update(recordKey(rel.name ?? '', rel.version ?? 0), rel, options);
    this.#wrote(rel.name ?? '', rel.version ?? 0);
  }

  /** Removes one revision, returning it. */
  delete(name: string, version: number): Promise<Release> {
    if (this.#latestWritten.get(name) === version) this.#latestWritten.delete(name);
    return this.driver.delete(recordKey(name, version));
  }

  #wrote(name: string, version: number): void {
    const known = this.#latestWritten.get(name);
    if (known !== undefined && known >= version) return;
    this.#latestWritten.delete(name);
    if (this.#latestWritten.size >= LATEST_WRITTEN)
      this.#latestWritten.delete(this.#latestWritten.keys().next().value!);
    this.#latestWritten.set(name, version);
  }

  /**
   * The latest revision read by name, when this storage wrote revision `version` of `name` last:
   * it is the latest if it still exists and the next one does not (revisions are only ever added
   * on top, and a purge removes them all). Undefined when that does not hold, or on any doubt.
   * A list of records right after a write to another kind (the release's Lease) waits in the API
   * server for its watch cache (~90 ms): Helm 2's client asks for the status after an upgrade.
   */
  async #lastWritten(name: string, version: number): Promise<Release | undefined> {
    try {
      const [rel, next] = await Promise.all([
        this.driver.get(recordKey(name, version)),
        this.driver.get(recordKey(name, version + 1)).then(
          () => true,
          (err: unknown) => (err instanceof ReleaseNotFoundError ? false : Promise.reject(err)),
        ),
      ]);
      return next ? undefined : rel;
    } catch {
      return undefined;
    }
  }

  /** Every revision of every release, or of those whose labels `select` selects. */
  listReleases(select?: LabelFilter): Promise<Release[]> {
    return this.driver.list(undefined, select);
  }

  /**
   * Every revision whose labels `select` selects, read at once, when there are no more than `max`;
   * undefined when there are more, or when the driver cannot tell without reading them all.
   */
  listReleasesIfAtMost(max: number, select?: LabelFilter): Promise<Release[] | undefined> {
    return this.driver.listIfAtMost?.(max, select) ?? Promise.resolve(undefined);
  }

  /** The labels (NAME, STATUS, VERSION, ...) of every record or those `filter` selects, without reading the releases. */
  recordLabels(filter?: LabelFilter): Promise<RecordLabels[]> {
    return this.driver.listLabels(filter);
  }

  /** Every revision whose status is DELETED. */
  listDeleted(): Promise<Release[]> {
    return this.driver.list((r) => statusOf(r) === 'DELETED');
  }

  /** Every revision whose status is DEPLOYED. */
  listDeployed(): Promise<Release[]> {
    return this.driver.list((r) => statusOf(r) === 'DEPLOYED');
  }

  /** Revisions accepted by every filter. */
  listFilterAll(...filters: ((rel: Release) => boolean)[]): Promise<Release[]> {
    return this.driver.list((r) => filters.every((f) => f(r)));
  }

  /** Revisions accepted by at least one filter. */
  listFilterAny(...filters: ((rel: Release) => boolean)[]): Promise<Release[]> {
    return this.driver.list((r) => filters.some((f) => f(r)));
  }

  /** All DEPLOYED revisions of `name` (normally one); NoDeployedReleaseError if none. */
  async deployedAll(name: string): Promise<Release[]> {
    try {
      return await this.driver.query({ [LABEL.NAME]: name, [LABEL.OWNER]: OWNER_TILLER, [LABEL.STATUS]: 'DEPLOYED' });
    } catch (err) {
      if (err instanceof ReleaseNotFoundError) throw new NoDeployedReleaseError(name);
      throw err;
    }
  }

  /** The highest DEPLOYED revision of `name`; NoDeployedReleaseError if none. */
  async deployed(name: string): Promise<Release> {
    const all = await this.deployedAll(name);
    return all.sort(byRevision).at(-1)!;
  }

  /** With the release's lock just taken (Driver.confirmHistory). */
  async confirmHistory(name: string): Promise<void> {
    await this.driver.confirmHistory?.(name);
  }

  /** Before the release's lock is released (Driver.forgetHistory). */
  forgetHistory(name: string): void {
    this.driver.forgetHistory?.(name);
  }

  /** All revisions of `name`, oldest first; ReleaseNotFoundError if there are none. */
  async history(name: string): Promise<Release[]> {
    const all = await this.driver.query({ [LABEL.NAME]: name, [LABEL.OWNER]: OWNER_TILLER });
    return all.sort(byRevision);
  }

  /** The highest revision of `name`, whatever its status; NoRevisionError if none. */
  async last(name: string): Promise<Release> {
    const written = this.#latestWritten.get(name);
    if (written !== undefined) {
      const rel = await this.#lastWritten(name, written);
      if (rel) return rel;
    }
    let all: Release[];
    try {
      all = await this.history(name);
    } catch (err) {
      if (err instanceof ReleaseNotFoundError) throw new NoRevisionError(name);
      throw err;
    }
    return all.at(-1)!;
  }

  /**
   * Helm 2's pruning: keep at most `max` revisions (plus the one about to be created), deleting
   * the oldest first but never the newest DEPLOYED one. Does nothing when the release has no
   * DEPLOYED revision (Helm 2 quirk). Failures are reported, not thrown.
   */
  async #prune(name: string, max: number): Promise<void> {
    let history: Release[];
    try {
      history = await this.history(name);
    } catch (err) {
      if (err instanceof ReleaseNotFoundError) return;
      this.#onWarning(`history-max: cannot read the history of ${name}: ${(err as Error).message}`);
      return;
    }
    if (history.length <= max) return;
    let keep: number;
    try {
      keep = (await this.deployed(name)).version;
    } catch {
      return;
    }
    const doomed: number[] = [];
    for (const rel of history) {
      if (history.length - doomed.length <= max) break;
      if (rel.version !== keep) doomed.push(rel.version);
    }
    for (const version of doomed) {
      try {
        await this.delete(name, version);
      } catch (err) {
        this.#onWarning(`history-max: cannot delete ${recordKey(name, version)}: ${(err as Error).message}`);
      }
    }
  }
}
