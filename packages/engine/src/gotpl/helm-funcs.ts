/**
 * Helm's own template functions (engine/funcs.go) that do not depend on the template set:
 * YAML/JSON/TOML conversions, `required`, `fail`, `lookup`, and the disabled DNS lookup.
 */
import { defineGoFunc, goQuote, type FuncMap } from '@helmts/gotemplate';
import { toYaml, mustToYaml, fromYaml, fromYamlArray } from '@helmts/goyaml';
import { goJsonMarshal, goJsonUnmarshal } from '@helmts/sprig/lazy';
import type { HelmFunctionOptions } from '../engine.js';
import { warnWrap } from './helm-error-format.js';
import { toToml, type TomlVersion } from './toml-encoder.js';

function jsonMap(text: string): Record<string, unknown> {
  try {
    const v = goJsonUnmarshal(text);
    if (v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) {
      const what = Array.isArray(v)
        ? 'array'
        : typeof v === 'string'
          ? 'string'
          : typeof v === 'boolean'
            ? 'bool'
            : 'number';
      return { Error: `json: cannot unmarshal ${what} into Go value of type map[string]interface {}` };
    }
    return v as Record<string, unknown>;
  } catch (e) {
    return { Error: (e as Error).message };
  }
}

function jsonArray(text: string): unknown[] {
  try {
    const v = goJsonUnmarshal(text);
    if (v === null) return [];
    if (!Array.isArray(v)) {
      const what =
        typeof v === 'object'
          ? 'object'
          : typeof v === 'string'
            ? 'string'
            : typeof v === 'boolean'
              ? 'bool'
              : 'number';
      return [`json: cannot unmarshal ${what} into Go value of type []interface {}`];
    }
    return v;
  } catch (e) {
    return [(e as Error).message];
  }
}

/** chartutil.ToToml: the TOML text, or the encoder's error as the text (Helm's toToml never fails). */
/** A value as slog's text handler writes it: bare when printable without a space, `=` or `"`, else Go-quoted. */
function slogValue(value: string): string {
  return value === '' || /[\s="\u0000-\u001f\u007f]/.test(value) ? goQuote(value) : value;
}

export function toTomlFunction(version: TomlVersion) {
  return defineGoFunc(
    (v: unknown) => {
      try {
        return toToml(v, version);
      } catch (e) {
        return (e as Error).message;
      }
    },
    { params: 1 },
  );
}

export type HelmFuncOptions = HelmFunctionOptions;

export function helmFuncs(options: HelmFuncOptions = {}): FuncMap {
  const lookup = options.lookup;
  return {
    toYaml: defineGoFunc((v: unknown) => toYaml(v), { params: 1 }),
    mustToYaml: defineGoFunc((v: unknown) => mustToYaml(v), { params: 1 }),
    toYamlPretty: defineGoFunc((v: unknown) => toYaml(v), { params: 1 }),
    // sigs.k8s.io/yaml over go-yaml v2.4 (Helm 3 and 4)
    fromYaml: defineGoFunc((s: string) => fromYaml(s, 'v2.4'), { params: 1, types: ['string'] }),
    fromYamlArray: defineGoFunc((s: string) => fromYamlArray(s, 'v2.4'), { params: 1, types: ['string'] }),
    toJson: defineGoFunc(
      (v: unknown) => {
        try {
          return goJsonMarshal(v);
        } catch {
          return '';
        }
      },
      { params: 1 },
    ),
    mustToJson: defineGoFunc((v: unknown) => goJsonMarshal(v), { params: 1 }),
    fromJson: defineGoFunc((s: string) => jsonMap(s), { params: 1, types: ['string'] }),
    fromJsonArray: defineGoFunc((s: string) => jsonArray(s), { params: 1, types: ['string'] }),
    toToml: toTomlFunction('v1'),
    mustToToml: defineGoFunc((v: unknown) => toToml(v), { params: 1 }),
    required: defineGoFunc(
      (warn: string, val: unknown) => {
        if (val === null || val === undefined || val === '') {
          if (options.lintMode) {
            // today's Helm logs it with slog's text handler (no time): level=WARN msg=... message=...
            options.warn?.(`level=WARN msg="missing required value" message=${slogValue(warn)}`);
            return '';
          }
          throw new Error(warnWrap(warn));
        }
        return val;
      },
      { params: 2, types: ['string', 'interface {}'] },
    ),
    fail: defineGoFunc(
      (msg: string) => {
        if (options.lintMode) {
          options.warn?.(`fail: ${msg}`);
          return '';
        }
        throw new Error(warnWrap(msg));
      },
      { params: 1, types: ['string'] },
    ),
    lookup: defineGoFunc(
      (apiVersion: string, kind: string, namespace: string, name: string) =>
        lookup ? lookup(apiVersion, kind, namespace, name) : {},
      { params: 4, types: ['string', 'string', 'string', 'string'] },
    ),
    getHostByName: defineGoFunc((_name: string) => '', { params: 1, types: ['string'] }),
  };
}
