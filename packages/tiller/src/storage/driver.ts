import type { Release, ReleaseInput } from '@helmts/proto';
import type { LabelFilter, RecordLabels } from './record.js';

export interface UpdateOptions {
  /**
   * Only write if the stored record is still at this version (Kubernetes resourceVersion for the
   * ConfigMap/Secret drivers); otherwise StorageConflictError. Default: the version at which this
   * driver last returned or wrote this very release object, if it did; else an unconditional write.
   */
  recordVersion?: string;
}

/**
 * Where release records live (Helm 2's storage driver interface). Keys are `<name>.v<revision>`.
 * Releases returned are fresh objects; mutate and pass one back to update() and the write is
 * conditional on the record not having changed meanwhile.
 */
export interface Driver {
  /** "Memory", "ConfigMap" or "Secret", as in Tiller's logs. */
  readonly name: string;
  /** Stores a new record; ReleaseExistsError if the key is taken. */
  create(key: string, rel: ReleaseInput): Promise<void>;
  /** Overwrites a record (labels rewritten); ReleaseNotFoundError if missing, StorageConflictError on a lost race. */
  update(key: string, rel: ReleaseInput, options?: UpdateOptions): Promise<void>;
  /** Removes a record and returns what it held; ReleaseNotFoundError if missing. */
  delete(key: string): Promise<Release>;
  /** ReleaseNotFoundError if missing. */
  get(key: string): Promise<Release>;
  /**
   * Every record (all revisions of all releases) accepted by `filter`; with `select`, only records
   * whose labels it selects are read at all.
   */
  list(filter?: (rel: Release) => boolean, select?: LabelFilter): Promise<Release[]>;
  /**
   * Every record whose labels `select` selects, in one read, when there are at most `max` of them;
   * undefined when there are more (or when the driver cannot tell without reading them all).
   */
  listIfAtMost?(max: number, select?: LabelFilter): Promise<Release[] | undefined>;
  /**
   * The labels (NAME, STATUS, VERSION, ...) of every record, or of those `filter` selects, without
   * reading the releases: what recovery at start looks at to find the few releases it must read.
   */
  listLabels(filter?: LabelFilter): Promise<RecordLabels[]>;
  /** Records whose labels include all of `labels`; ReleaseNotFoundError when none match. */
  query(labels: RecordLabels): Promise<Release[]>;
  /** The record version this driver last saw for a release object it returned or wrote. */
  recordVersionOf(rel: ReleaseInput): string | undefined;
  /**
   * The release's lock was just taken: the driver may answer the history queries of the operation
   * from records it read a moment ago once it has made sure they have not changed (until a write).
   */
  confirmHistory?(name: string): Promise<void>;
  /** The release's lock is about to be released: answer its queries from the store again. */
  forgetHistory?(name: string): void;
}
