/**
 * Helm 2.17.0's own template functions (pkg/engine FuncMap): toYaml keeps go-yaml's final
 * newline, `required` fails with its plain message (Go prints `error calling required: MSG`), and
 * none of Helm 3's additions exist (lookup, fromYamlArray, fromJsonArray, mustToYaml, mustToJson,
 * toYamlPretty, mustToToml; Helm 2 leaves Sprig's `fail` alone). Its Sprig is v2.22.0: the helm2
 * dialect leaves out what v3 added (`absentFuncs`) and takes v2's versions of what v3 changed.
 */
import { defineGoFunc, type FuncMap } from '@helmts/gotemplate';
import { fromYaml, marshalYaml, YamlMarshalError } from '@helmts/goyaml';
import { sprigV2Funcs } from '@helmts/sprig/lazy';
import { helmFuncs, toTomlFunction, type HelmFuncOptions } from './helm-funcs.js';

/** chartutil.ToYaml: yaml.Marshal as it is, "" on error. */
export function toYamlKeepingNewline(value: unknown): string {
  try {
    return marshalYaml(value);
  } catch (e) {
    if (e instanceof YamlMarshalError || e instanceof RangeError) return '';
    throw e;
  }
}

export function helm2Funcs(options: HelmFuncOptions = {}): FuncMap {
  const shared = helmFuncs(options);
  return {
    ...sprigV2Funcs(),
    toYaml: defineGoFunc((v: unknown) => toYamlKeepingNewline(v), { params: 1 }),
    // ghodss/yaml over go-yaml v2.2.4: its syntax errors and its capitalised key error
    fromYaml: defineGoFunc((s: string) => fromYaml(s, 'v2.2'), { params: 1, types: ['string'] }),
    toJson: shared.toJson,
    fromJson: shared.fromJson,
    // BurntSushi/toml v0.3.1: stricter arrays and keys
    toToml: toTomlFunction('v0.3.1'),
    required: defineGoFunc(
      (warn: string, val: unknown) => {
        if (val === null || val === undefined || val === '') {
          if (options.lintMode) {
            // Helm 2 logs it (log.Printf) and renders on
            options.warn?.(`[INFO] Missing required value: ${warn}`);
            return '';
          }
          throw new Error(warn);
        }
        return val;
      },
      { params: 2, types: ['string', 'interface {}'] },
    ),
    fail: defineGoFunc(
      (msg: string) => {
        throw new Error(msg);
      },
      { params: 1, types: ['string'] },
    ),
  };
}
