// A storage driver that "crashes" Tiller at one chosen write: that write and every storage call
// after it fail, as if the process had died just before the write reached the apiserver. Writes
// are numbered from 1 in the order the action makes them, so every write of an action can be a
// fault point, deterministically.
import type { Release, ReleaseInput } from '@helmts/proto';
import type { Driver, LabelFilter, RecordLabels, UpdateOptions } from '../src/index.js';

export class SimulatedCrash extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulatedCrash';
  }
}

export class CrashingDriver implements Driver {
  /** what each write was, e.g. `update web.v2 SUPERSEDED` */
  readonly writes: string[] = [];
  private dead = false;

  constructor(
    private readonly inner: Driver,
    /** the write (1-based) at which to crash; Infinity = never */
    private readonly crashAt = Infinity,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  private alive(): void {
    if (this.dead) throw new SimulatedCrash('Tiller is dead');
  }

  private async write<T>(what: string, fn: () => Promise<T>): Promise<T> {
    this.alive();
    this.writes.push(what);
    if (this.writes.length === this.crashAt) {
      this.dead = true;
      throw new SimulatedCrash(`crashed before write ${this.crashAt} (${what})`);
    }
    return fn();
  }

  create(key: string, rel: ReleaseInput): Promise<void> {
    return this.write(`create ${key} ${rel.info?.status?.code}`, () => this.inner.create(key, rel));
  }
  update(key: string, rel: ReleaseInput, options?: UpdateOptions): Promise<void> {
    return this.write(`update ${key} ${rel.info?.status?.code}`, () => this.inner.update(key, rel, options));
  }
  delete(key: string): Promise<Release> {
    return this.write(`delete ${key}`, () => this.inner.delete(key));
  }
  async get(key: string): Promise<Release> {
    this.alive();
    return this.inner.get(key);
  }
  async list(filter?: (rel: Release) => boolean, select?: LabelFilter): Promise<Release[]> {
    this.alive();
    return this.inner.list(filter, select);
  }
  async query(labels: RecordLabels): Promise<Release[]> {
    this.alive();
    return this.inner.query(labels);
  }
  async listLabels(filter?: LabelFilter): Promise<RecordLabels[]> {
    this.alive();
    return this.inner.listLabels(filter);
  }
  recordVersionOf(rel: ReleaseInput): string | undefined {
    return this.inner.recordVersionOf(rel);
  }
}
