import { Flags } from './oclif.js';

import { DEFAULT_TILLER_CONNECTION_TIMEOUT, DEFAULT_TILLER_NAMESPACE } from './settings.js';

/**
 * The flags every helmts command accepts (Helm 2's global flags). Defined once here; the base
 * command carries them as `baseFlags`, so a plugin never re-declares them.
 * Environment variables are applied in resolveSettings (flags win), not through oclif's `env`,
 * so `--help` shows the real defaults and the precedence stays in one place.
 */
export const globalFlags = {
  home: Flags.string({
    summary: 'Location of your helmts config (HELMTS_HOME, default ~/.helmts).',
    helpGroup: 'GLOBAL',
  }),
  host: Flags.string({
    summary: 'Address of Tiller (host:port). Overrides HELMTS_HOST.',
    helpGroup: 'GLOBAL',
  }),
  'kube-context': Flags.string({
    summary: 'Name of the kubeconfig context to use.',
    helpGroup: 'GLOBAL',
  }),
  kubeconfig: Flags.string({
    summary: 'Absolute path to the kubeconfig file to use (KUBECONFIG).',
    helpGroup: 'GLOBAL',
  }),
  'tiller-namespace': Flags.string({
    summary: `Namespace of Tiller (TILLER_NAMESPACE, default "${DEFAULT_TILLER_NAMESPACE}").`,
    helpGroup: 'GLOBAL',
  }),
  'tiller-connection-timeout': Flags.integer({
    summary: `Seconds to wait for a connection to Tiller (default ${DEFAULT_TILLER_CONNECTION_TIMEOUT}).`,
    min: 1,
    helpGroup: 'GLOBAL',
  }),
  debug: Flags.boolean({
    summary: 'Enable verbose output (HELMTS_DEBUG).',
    helpGroup: 'GLOBAL',
    allowNo: false,
  }),
};

/** `-o/--output table|json|yaml`, as Helm's release and repository commands offer. */
export const outputFlag = (defaultFormat: 'table' | 'json' | 'yaml' = 'table') =>
  Flags.string({
    char: 'o',
    summary: 'Prints the output in the specified format.',
    options: ['table', 'json', 'yaml'],
    default: defaultFormat,
  });

/** Helm's repeatable value flags: -f, --set, --set-string, --set-file, --set-json. */
export const valuesFlags = {
  values: Flags.string({
    char: 'f',
    summary: 'Specify values in a YAML file or a URL (can specify multiple).',
    multiple: true,
    delimiter: ',',
  }),
  set: Flags.string({ summary: 'Set values on the command line (key1=val1,key2=val2).', multiple: true }),
  'set-string': Flags.string({ summary: 'Set STRING values on the command line.', multiple: true }),
  'set-file': Flags.string({ summary: 'Set values from files (key1=path1,key2=path2).', multiple: true }),
  'set-json': Flags.string({ summary: 'Set JSON values on the command line (key1=jsonval1).', multiple: true }),
};

/** What `valuesFlags` parsed, in the shape of @helmts/chart's ValueSources (mergeValueSources' input). */
export function valueSourcesFromFlags(flags: {
  values?: string[];
  set?: string[];
  'set-string'?: string[];
  'set-file'?: string[];
  'set-json'?: string[];
}): { valueFiles?: string[]; set?: string[]; setString?: string[]; setFile?: string[]; setJson?: string[] } {
  return {
    valueFiles: flags.values,
    set: flags.set,
    setString: flags['set-string'],
    setFile: flags['set-file'],
    setJson: flags['set-json'],
  };
}

/**
 * `--dialect helm2|helm3`: which Helm a render reproduces, Helm 2.17.0 (`helm2`) or today's Helm,
 * v4.1.4 (`helm3`). Without the flag: `template` and `lint` render as helm2, and install/upgrade
 * leave the choice to Tiller (whose own default is helm2).
 */
export const dialectFlag = Flags.string({
  summary: "Render as Helm 2.17.0 (helm2) or as today's Helm v4.1.4 (helm3).",
  options: ['helm2', 'helm3'],
});
