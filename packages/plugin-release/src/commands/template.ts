import { readFileSync } from 'node:fs';

import {
  Args,
  dialectFlag,
  downloaderGetters,
  Flags,
  HelmtsCommand,
  HelmtsError,
  UsageError,
  valuesFlags,
} from '@helmts/core';
import { templateChart } from '@helmts/engine';

/** Flags of Helm 3/4's `helm template` that Helm 2 did not have. */
const HELM3_ONLY_FLAGS = ['release-name', 'include-crds', 'skip-tests', 'no-hooks'] as const;

/**
 * `helmts template [NAME] CHART`: renders a chart locally, printed exactly like Helm 2.17.0's
 * `helm template` (`--dialect helm2`, the default) or Helm v4.1.4's (`--dialect helm3`). Helm 2's
 * flags (`--name`, `--name-template`, `-x`) and Helm 3's positional release name both work.
 * Works offline.
 */
export default class Template extends HelmtsCommand<typeof Template> {
  static override summary = 'Locally render templates.';
  static override description =
    'Renders chart templates locally and prints them, without Tiller or a cluster. By default the output is exactly ' +
    "Helm 2.17.0's (Service Tiller, one # Source: header per template file, Helm 2's install order); " +
    "--dialect helm3 prints exactly what today's Helm (v4.1.4) prints.";
  static override examples = [
    '<%= config.bin %> template ./mychart',
    '<%= config.bin %> template web ./mychart --namespace prod -f prod.yaml --set image.tag=1.2.3',
    '<%= config.bin %> template ./mychart --name web -x templates/deployment.yaml',
    '<%= config.bin %> template web ./mychart --dialect helm3 --include-crds',
  ];
  static override argumentErrors = { missing: 'chart is required' };
  static override args = {
    first: Args.string({ description: 'Release name, or the chart when only one argument is given.', required: true }),
    second: Args.string({ description: 'Chart directory or archive (when a release name is given first).' }),
  };
  static override flags = {
    ...valuesFlags,
    name: Flags.string({ char: 'n', summary: 'Release name (Helm 2 style; default "release-name").' }),
    'name-template': Flags.string({ summary: 'Specify template used to name the release.' }),
    dialect: dialectFlag,
    namespace: Flags.string({ summary: 'Namespace to install the release into (default "default").' }),
    'kube-version': Flags.string({ summary: 'Kubernetes version used for Capabilities.KubeVersion.' }),
    'api-versions': Flags.string({
      char: 'a',
      summary: 'Kubernetes api versions used for Capabilities.APIVersions.',
      multiple: true,
      delimiter: ',',
    }),
    'show-only': Flags.string({
      char: 's',
      aliases: ['execute'],
      charAliases: ['x'],
      summary: 'Only execute the given templates (-x/--execute, Helm 3: -s/--show-only).',
      multiple: true,
    }),
    'output-dir': Flags.string({ summary: 'Writes the executed templates to files in output-dir instead of stdout.' }),
    'release-name': Flags.boolean({ summary: 'Use the release name in the output-dir path (helm3).' }),
    notes: Flags.boolean({ summary: 'Show the rendered NOTES.txt as well.' }),
    'is-upgrade': Flags.boolean({ summary: 'Set .Release.IsUpgrade instead of .Release.IsInstall.' }),
    'include-crds': Flags.boolean({ summary: 'Include CRDs in the templated output (helm3).' }),
    'skip-tests': Flags.boolean({ summary: 'Skip tests from templated output (helm3).' }),
    'no-hooks': Flags.boolean({ summary: 'Prevent hooks from being rendered (helm3).' }),
  };

  async run(): Promise<void> {
    const { first, second } = this.args;
    const flags = this.flags;
    if (second !== undefined && flags.name !== undefined) {
      throw new UsageError('give the release name either as an argument or with --name, not both');
    }
    if (flags['name-template'] !== undefined && (second !== undefined || flags.name !== undefined)) {
      throw new UsageError('give either a release name or --name-template, not both');
    }
    const dialect = (flags.dialect ?? 'helm2') as 'helm2' | 'helm3';
    if (dialect === 'helm2') {
      const used = HELM3_ONLY_FLAGS.filter((f) => flags[f]);
      if (used.length > 0)
        throw new UsageError(`--${used[0]} is a flag of Helm 3's template: add --dialect helm3 to use it`);
    }
    const chart = second ?? first;
    const releaseName = second === undefined ? flags.name : first;
    const { fetchValueFiles } = await import('@helmts/repo/value-files');
    try {
      // `-f -` and URLs (and --set-file's) are read first, as Helm's readFile reads them
      const readValueFile = await fetchValueFiles(
        { valueFiles: flags.values, setFile: flags['set-file'] },
        {
          transport: { getters: await downloaderGetters(this.settings) },
          readLocal: (path) => readFileSync(path, 'utf8'),
          helm2: dialect === 'helm2',
        },
      );
      const result = await templateChart({
        readValueFile,
        chart,
        releaseName,
        nameTemplate: flags['name-template'],
        dialect,
        namespace: flags.namespace,
        valueFiles: flags.values,
        set: flags.set,
        setString: flags['set-string'],
        setFile: flags['set-file'],
        setJson: flags['set-json'],
        kubeVersion: flags['kube-version'],
        apiVersions: flags['api-versions'],
        showOnly: flags['show-only'],
        outputDir: flags['output-dir'],
        useReleaseName: flags['release-name'],
        notes: flags.notes,
        isUpgrade: flags['is-upgrade'],
        includeCrds: flags['include-crds'],
        skipTests: flags['skip-tests'],
        noHooks: flags['no-hooks'],
        onWarning: (message) => process.stderr.write(`level=WARN msg="${message}"\n`),
      });
      process.stdout.write(result.output);
    } catch (error) {
      if (error instanceof HelmtsError) throw error;
      throw new HelmtsError((error as Error).message, { cause: error });
    }
  }
}
