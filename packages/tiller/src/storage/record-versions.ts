import type { ReleaseInput } from '@helmts/proto';

/**
 * Remembers, per release object handed out or written by a driver, the record version it
 * corresponds to, so that update(rel) of that object is a compare-and-swap without the caller
 * threading versions around. Weak: forgotten objects cost nothing.
 */
export class RecordVersions {
  readonly #versions = new WeakMap<object, string>();

  remember<T extends ReleaseInput>(rel: T, version: string | undefined): T {
    if (version !== undefined) this.#versions.set(rel, version);
    return rel;
  }

  of(rel: ReleaseInput): string | undefined {
    return this.#versions.get(rel);
  }
}
