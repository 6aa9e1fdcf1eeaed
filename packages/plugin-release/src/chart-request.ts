import { existsSync, readFileSync } from 'node:fs';

import {
  downloaderGetters,
  Flags,
  HelmtsError,
  type HelmHome,
  type Settings,
  valueSourcesFromFlags,
  valuesFlags,
} from '@helmts/core';

import { defaultKeyring } from '@helmts/repo/keyring';

import { progressFlag } from './progress/progress-flag.js';
import { checkValueFileSizes } from './request-size.js';
import {
  type Chart,
  checkDependencies,
  loadChart,
  mergeValueSources,
  processDependencies,
  toYaml,
  ValueSourceError,
  type ValuesTable,
} from '@helmts/chart';

/** Where the chart comes from: Helm 2's install/upgrade chart flags. */
const chartSourceFlags = {
  version: Flags.string({
    summary: 'Specify the exact chart version to install (or a semver range). Latest if omitted.',
  }),
  devel: Flags.boolean({ summary: 'Use development versions too (equivalent to version ">0.0.0-0").' }),
  repo: Flags.string({ summary: 'Chart repository URL where to locate the requested chart.' }),
  username: Flags.string({ summary: 'Chart repository username.' }),
  password: Flags.string({ summary: 'Chart repository password.' }),
  'cert-file': Flags.string({ summary: 'Identify HTTPS client using this SSL certificate file.' }),
  'key-file': Flags.string({ summary: 'Identify HTTPS client using this SSL key file.' }),
  'ca-file': Flags.string({ summary: 'Verify certificates of HTTPS-enabled servers using this CA bundle.' }),
  verify: Flags.boolean({ summary: 'Verify the package before installing it.' }),
  keyring: Flags.string({ summary: 'Location of public keys used for verification.', default: defaultKeyring() }),
};

/** Install/upgrade flags shared by both commands. */
export const releaseFlags = {
  ...valuesFlags,
  ...chartSourceFlags,
  'dry-run': Flags.boolean({ summary: 'Simulate an install/upgrade.' }),
  'no-hooks': Flags.boolean({ summary: 'Prevent hooks from running.' }),
  wait: Flags.boolean({ summary: 'Wait until all resources are ready before marking the release as successful.' }),
  timeout: Flags.integer({
    summary: 'Time in seconds to wait for any individual Kubernetes operation (and hooks).',
    default: 300,
  }),
  atomic: Flags.boolean({ summary: 'On failure, roll back (upgrade) or purge (install) the release. Implies --wait.' }),
  description: Flags.string({ summary: 'Specify a custom description for the release.', default: '' }),
  'render-subchart-notes': Flags.boolean({ summary: 'Render subchart notes along with the parent.' }),
  output: Flags.string({
    char: 'o',
    summary: 'Prints the status in the specified format.',
    options: ['table', 'json', 'yaml'],
    default: 'table',
  }),
  progress: progressFlag,
};

interface ChartSourceOptions {
  home: HelmHome;
  /** For the downloader plugins that handle non-http(s) repository URLs. */
  settings: Settings;
  version?: string;
  devel?: boolean;
  repo?: string;
  username?: string;
  password?: string;
  certFile?: string;
  keyFile?: string;
  caFile?: string;
  /** `--verify`: the chart must come with a valid .prov (`keyring` holds the signers' public keys). */
  verify?: boolean;
  keyring?: string;
  /** Helm 2's loader: only a name is required of Chart.yaml (LoadChartOptions.helm2). */
  helm2?: boolean;
}

/** Resolves a chart reference (directory, .tgz, URL, repo/name, name with --repo) and loads it. */
async function loadReferencedChart(
  reference: string,
  options: ChartSourceOptions,
  debug: (message: string) => void,
): Promise<{ chart: Chart; path: string }> {
  const { ChartLookupError, resolveChart, RepoError } = await import('@helmts/repo');
  const resolved = await resolveChart(reference, {
    home: options.home,
    getters: await downloaderGetters(options.settings),
    version: options.version,
    devel: options.devel,
    repoUrl: options.repo,
    transport: {
      username: options.username,
      password: options.password,
      certFile: options.certFile,
      keyFile: options.keyFile,
      caFile: options.caFile,
    },
    provenance: options.verify ? 'verify' : undefined,
    keyring: options.keyring,
    onWarning: (line) => process.stdout.write(`${line}\n`),
  }).catch((error: unknown) => {
    // Helm 2 (locateChartPath): a reference that is not a path and could not be downloaded (not in
    // a repository, a URL that failed, a download that did not verify) is "failed to download", the
    // reason only with --debug; what names a local chart or a missing ./path keeps its own error
    // ("cannot verify a directory", a local archive that fails --verify), and so does what --repo
    // did not find
    const e = error as Error;
    const downloadFailed =
      (e instanceof RepoError && !(e instanceof ChartLookupError)) || e?.name === 'ProvenanceError';
    if (
      !downloadFailed ||
      existsSync(reference) ||
      /^path "/.test(e.message) ||
      reference.startsWith('oci://') ||
      options.settings.debug
    )
      throw error;
    throw new HelmtsError(
      `failed to download ${JSON.stringify(reference)} (hint: running \`helmts repo update\` may help)`,
      {
        cause: error,
      },
    );
  });
  // Helm 2's locateChartPath: debug("Fetched %s to %s\n") after a download (the URL with --repo)
  if (resolved.source !== 'local')
    debug(`Fetched ${options.repo ? (resolved.url ?? reference) : reference} to ${resolved.path}\n`);
  const chart = loadChart(resolved.path, { helm2: options.helm2 });
  checkDependencies(chart, { helm2: options.helm2 });
  return { chart, path: resolved.path };
}

export interface UserValuesFlags {
  values?: string[];
  set?: string[];
  'set-string'?: string[];
  'set-file'?: string[];
  'set-json'?: string[];
}

/** -f files, then --set-json/--set/--set-string/--set-file, merged as Helm does. */
async function userValues(
  flags: UserValuesFlags & ChartSourceFlags,
  helm2: boolean,
  settings: Settings,
): Promise<ValuesTable> {
  const sources = valueSourcesFromFlags(flags);
  const { fetchValueFiles } = await import('@helmts/repo/value-files');
  // `-f -` and URLs (and --set-file's) are read first, as Helm's readFile: URLs with the chart's TLS files
  const readFile = await fetchValueFiles(sources, {
    transport: {
      certFile: flags['cert-file'],
      keyFile: flags['key-file'],
      caFile: flags['ca-file'],
      getters: await downloaderGetters(settings),
    },
    readLocal: (path) => readFileSync(path, 'utf8'),
    helm2,
  });
  try {
    return mergeValueSources(sources, { helm2, readFile });
  } catch (error) {
    // Helm 2's words and exit code (1), whether the file is unreadable or what it holds is not values
    if (error instanceof ValueSourceError) throw new HelmtsError(error.message, { cause: error });
    throw error;
  }
}

/** The YAML text Tiller receives as the release config (Helm 2's `values.raw`; `{}` when none, as Helm 2). */
export function valuesToRaw(values: ValuesTable): string {
  return toYaml(values);
}

/**
 * Conditions, tags and import-values are evaluated client-side before sending, as Helm 2 does, with
 * Helm 2's rules (its coalescing; imported values over the parent's) unless `--dialect helm3`.
 */
function chartForRelease(chart: Chart, values: ValuesTable, dialect: string | undefined): Chart {
  return processDependencies(chart, values, { helm2: dialect !== 'helm3' });
}

type ChartSourceFlags = {
  verify?: boolean;
  keyring?: string;
  version?: string;
  devel?: boolean;
  repo?: string;
  username?: string;
  password?: string;
  'cert-file'?: string;
  'key-file'?: string;
  'ca-file'?: string;
};

/**
 * What install, upgrade and diff do before talking to Tiller: merge the user's values, resolve
 * and load the chart, warn if it is deprecated, and evaluate its dependencies.
 */
export async function prepareRelease(
  reference: string,
  flags: ChartSourceFlags & UserValuesFlags & { dialect?: string },
  settings: Settings,
  home: HelmHome,
  warn: (line: string) => void,
  debug: (message: string) => void = () => {},
): Promise<{ chart: Chart; values: ValuesTable; path: string }> {
  await checkValueFileSizes([
    { flag: '-f', paths: flags.values ?? [] },
    { flag: '--set-file', paths: (flags['set-file'] ?? []).flatMap((s) => s.split(',')) },
  ]);
  const values = await userValues(flags, flags.dialect !== 'helm3', settings);
  if (!flags.version && flags.devel) debug('setting version to >0.0.0-0');
  const { chart: loaded, path } = await loadReferencedChart(
    reference,
    {
      home,
      settings,
      version: flags.version,
      devel: flags.devel,
      repo: flags.repo,
      username: flags.username,
      password: flags.password,
      certFile: flags['cert-file'],
      keyFile: flags['key-file'],
      caFile: flags['ca-file'],
      helm2: flags.dialect !== 'helm3',
      verify: flags.verify,
      keyring: flags.keyring,
    },
    debug,
  );
  if (loaded.metadata.deprecated) warn('WARNING: This chart is deprecated');
  return { chart: chartForRelease(loaded, values, flags.dialect), values, path };
}
