/**
 * Liquid reaches object members by name only and calls a function-valued member with no
 * arguments. The Go structs of the built-in objects (`.Capabilities`, `.Files`, `.Release.Time`)
 * have methods with arguments (`Files.Get name`, `Capabilities.APIVersions.Has v`), so they are
 * wrapped: a method without parameters reads as a field (`Files.AsConfig`,
 * `Capabilities.KubeVersion.GitVersion`), a method with one parameter reads as a table indexed by
 * its argument (`Files.Get["config.ini"]`, `Capabilities.APIVersions.Has["apps/v1"]`).
 */
import { Drop } from 'liquidjs';

function isPlainData(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of Object.getOwnPropertyNames(v)) {
    if (typeof (v as Record<string, unknown>)[key] === 'function') return false;
  }
  return true;
}

/** The value as Liquid should see it: Go structs and method-carrying maps become drops. */
export function toLiquidObject(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Uint8Array || v instanceof Drop) return v;
  return isPlainData(v) ? v : new GoObjectDrop(v);
}

class GoObjectDrop extends Drop {
  constructor(private readonly target: object) {
    super();
  }

  override liquidMethodMissing(key: unknown): unknown {
    if (typeof key !== 'string') return undefined;
    const target = this.target as Record<string, unknown>;
    if (!(key in target) || key === 'constructor') return undefined;
    const member = target[key];
    if (typeof member === 'function') {
      const method = member as (...args: unknown[]) => unknown;
      if (method.length === 0) return toLiquidObject(method.call(target));
      return new GoMethodDrop((arg) => method.call(target, arg));
    }
    return toLiquidObject(member);
  }

  /** The Go object itself, for filters (toYaml, toJson, ...). */
  unwrap(): object {
    return this.target;
  }

  override valueOf(): unknown {
    const stringer = (this.target as { String?: unknown }).String;
    return typeof stringer === 'function' ? (stringer as () => unknown).call(this.target) : this.target;
  }
}

class GoMethodDrop extends Drop {
  constructor(private readonly call: (arg: unknown) => unknown) {
    super();
  }

  override liquidMethodMissing(key: unknown): unknown {
    return toLiquidObject(this.call(key));
  }
}

/** The underlying Go value of a drop (filters receive the Go value model). */
export function fromLiquidObject(v: unknown): unknown {
  return v instanceof GoObjectDrop ? v.unwrap() : v;
}
