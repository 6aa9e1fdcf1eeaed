// In-process storage (`--storage=memory`): for tests and local use; lost on restart.
import { decodeRelease, encodeRelease, type Release, type ReleaseInput } from '@helmts/proto';
import type { Driver, UpdateOptions } from './driver.js';
import { ReleaseExistsError, ReleaseNotFoundError, StorageConflictError } from './errors.js';
import {
  LABEL,
  labelFilterMatches,
  labelsMatch,
  parseRecordKey,
  releaseLabels,
  type LabelFilter,
  type RecordLabels,
} from './record.js';
import { RecordVersions } from './record-versions.js';

interface MemoryRecord {
  key: string;
  name: string;
  revision: number;
  labels: RecordLabels;
  // Stored encoded: a deep copy that cannot alias the caller's objects, and proof the release
  // is encodable, as it must be for the other drivers.
  payload: Uint8Array;
  version: number;
}

export class MemoryDriver implements Driver {
  readonly name = 'Memory';
  readonly #records = new Map<string, MemoryRecord>();
  readonly #versions = new RecordVersions();
  #clock = 0;

  async create(key: string, rel: ReleaseInput): Promise<void> {
    const { name, revision } = parseRecordKey(key);
    if (this.#records.has(key)) throw new ReleaseExistsError(key);
    const record = {
      key,
      name,
      revision,
      labels: releaseLabels(rel),
      payload: encodeRelease(rel),
      version: ++this.#clock,
    };
    this.#records.set(key, record);
    this.#versions.remember(rel, String(record.version));
  }

  async update(key: string, rel: ReleaseInput, options: UpdateOptions = {}): Promise<void> {
    parseRecordKey(key);
    const current = this.#records.get(key);
    if (!current) throw new ReleaseNotFoundError(key);
    const expected = options.recordVersion ?? this.#versions.of(rel);
    if (expected !== undefined && expected !== String(current.version)) throw new StorageConflictError(key, expected);
    const next = { ...current, labels: releaseLabels(rel), payload: encodeRelease(rel), version: ++this.#clock };
    this.#records.set(key, next);
    this.#versions.remember(rel, String(next.version));
  }

  async delete(key: string): Promise<Release> {
    parseRecordKey(key);
    const current = this.#records.get(key);
    if (!current) throw new ReleaseNotFoundError(key);
    this.#records.delete(key);
    return decodeRelease(current.payload);
  }

  async get(key: string): Promise<Release> {
    parseRecordKey(key);
    const current = this.#records.get(key);
    if (!current) throw new ReleaseNotFoundError(key);
    return this.#hand(current);
  }

  async list(filter: (rel: Release) => boolean = () => true, select?: LabelFilter): Promise<Release[]> {
    return this.#sorted()
      .filter((r) => labelFilterMatches(r.labels, select))
      .map((r) => this.#hand(r))
      .filter(filter);
  }

  async listIfAtMost(max: number, select?: LabelFilter): Promise<Release[] | undefined> {
    const all = await this.list(undefined, select);
    return all.length <= max ? all : undefined;
  }

  async listLabels(filter?: LabelFilter): Promise<RecordLabels[]> {
    return this.#sorted()
      .filter((r) => labelFilterMatches(r.labels, filter))
      .map((r) => ({ ...r.labels }));
  }

  async query(labels: RecordLabels): Promise<Release[]> {
    const found = this.#sorted()
      .filter((r) => labelsMatch(r.labels, labels))
      .map((r) => this.#hand(r));
    if (found.length === 0) throw new ReleaseNotFoundError(labels[LABEL.NAME] ?? '');
    return found;
  }

  recordVersionOf(rel: ReleaseInput): string | undefined {
    return this.#versions.of(rel);
  }

  #hand(record: MemoryRecord): Release {
    return this.#versions.remember(decodeRelease(record.payload), String(record.version));
  }

  #sorted(): MemoryRecord[] {
    return [...this.#records.values()].sort((a, b) =>
      a.name === b.name ? a.revision - b.revision : a.name < b.name ? -1 : 1,
    );
  }
}
