import { Args, Flags, HelmtsCommand, HelmtsError, UsageError, valuesFlags } from '@helmts/core';
import { templateChart } from '@helmts/engine';

/**
 * `helmts template [NAME] CHART`: renders a chart locally, printed like `helm template`
 * (Helm 3/4 argument order; Helm 2's `--name NAME` is accepted too). Works offline.
 */
export default class Template extends HelmtsCommand<typeof Template> {
  static override summary = 'Locally render templates.';
  static override description =
    'Renders chart templates locally and prints the manifests, sorted in install order, without Tiller or a cluster.';
  static override examples = [
    '<%= config.bin %> template ./mychart',
    '<%= config.bin %> template web ./mychart --namespace prod -f prod.yaml --set image.tag=1.2.3',
    '<%= config.bin %> template ./mychart --name web -x templates/deployment.yaml',
  ];
  static override args = {
    first: Args.string({ description: 'Release name, or the chart when only one argument is given.', required: true }),
    second: Args.string({ description: 'Chart directory or archive (when a release name is given first).' }),
  };
  static override flags = {
    ...valuesFlags,
    name: Flags.string({ char: 'n', summary: 'Release name (Helm 2 style; default "release-name").' }),
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
      summary: 'Only show manifests rendered from the given templates.',
      multiple: true,
    }),
    'output-dir': Flags.string({ summary: 'Writes the executed templates to files in output-dir instead of stdout.' }),
    'release-name': Flags.boolean({ summary: 'Use the release name in the output-dir path.' }),
    notes: Flags.boolean({ summary: 'Show the rendered NOTES.txt as well.' }),
    'is-upgrade': Flags.boolean({ summary: 'Set .Release.IsUpgrade instead of .Release.IsInstall.' }),
    'include-crds': Flags.boolean({ summary: 'Include CRDs in the templated output.' }),
    'skip-tests': Flags.boolean({ summary: 'Skip tests from templated output.' }),
    'no-hooks': Flags.boolean({ summary: 'Prevent hooks from being rendered.' }),
  };

  async run(): Promise<void> {
    const { first, second } = this.args;
    const flags = this.flags;
    if (second !== undefined && flags.name !== undefined) {
      throw new UsageError('give the release name either as an argument or with --name, not both');
    }
    const chart = second ?? first;
    const releaseName = second === undefined ? flags.name : first;
    try {
      const result = await templateChart({
        chart,
        releaseName,
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
