import { readFileSync } from 'node:fs';

import { mergeValueSources, ValueSourceError } from '@helmts/chart';
import { defaultEngineRegistry } from '@helmts/engine';
import {
  Args,
  dialectFlag,
  downloaderGetters,
  Flags,
  HelmtsCommand,
  HelmtsError,
  valueSourcesFromFlags,
  valuesFlags,
} from '@helmts/core';

import { formatLintMessage, goLogLine, Severity } from '../lint/linter.js';
import { lintChart, NotAChartError, readLintTarget, subchartPaths } from '../lint/lint-chart.js';

export default class Lint extends HelmtsCommand<typeof Lint> {
  static override summary = 'Examine a chart for possible issues.';
  static override description = `Runs Helm 2.17's lint rules on each chart (a directory or a .tgz), as \`helm lint\` does: Chart.yaml fields, values.yaml parsing, the templates rendering with the chart's values (plus -f/--set), and each rendered YAML template reading as a Kubernetes object; with --kube-version, APIs deprecated there too.
With --dialect helm3, today's Helm rules instead: also values.schema.json, every rendered document, object names, workload selectors, deprecated APIs and declared dependencies.
Findings are printed as [INFO], [WARNING] or [ERROR] lines. A chart fails on an ERROR, or with --strict on a WARNING; the command exits 1 when any chart fails.`;
  static override examples = [
    '<%= config.bin %> lint ./mychart',
    '<%= config.bin %> lint ./mychart --strict --set image.tag=1.2 -f prod.yaml',
    '<%= config.bin %> lint ./mychart --with-subcharts --kube-version 1.21.0',
  ];

  static override strict = false;
  static override args = { path: Args.string({ description: 'charts to lint (directories or .tgz)', default: '.' }) };
  static override flags = {
    ...valuesFlags,
    namespace: Flags.string({ summary: 'Namespace to put the release into.', default: 'default' }),
    strict: Flags.boolean({ summary: 'Fail on lint warnings.' }),
    'with-subcharts': Flags.boolean({ summary: 'Lint dependent charts too.' }),
    'kube-version': Flags.string({ summary: 'Kubernetes version used for capabilities and deprecation checks.' }),
    quiet: Flags.boolean({ summary: 'Print only warnings and errors.' }),
    dialect: dialectFlag,
  };

  async run(): Promise<void> {
    const { flags } = this;
    const { argv } = await this.parse(Lint);
    const given = argv.length > 0 ? (argv as string[]) : ['.'];
    const sources = valueSourcesFromFlags(flags);
    const readLocal = (path: string) => readFileSync(path, 'utf8');
    let readFile = readLocal;
    // helm v4's lint reads `-f -` and URLs (and --set-file's) as its install does; Helm 2's reads local files only
    if (flags.dialect === 'helm3') {
      const { fetchValueFiles } = await import('@helmts/repo/value-files');
      const getters = await downloaderGetters(this.settings);
      readFile = await fetchValueFiles(sources, { transport: { getters }, readLocal });
    }
    let userValues;
    try {
      userValues = mergeValueSources(sources, { helm2: flags.dialect !== 'helm3', readFile });
    } catch (error) {
      // Helm exits 1 with its own words, whether a file is unreadable or a --set malformed
      if (error instanceof ValueSourceError) throw new HelmtsError(error.message, { cause: error });
      throw error;
    }
    const settings = {
      userValues,
      namespace: flags.namespace,
      kubeVersion: flags['kube-version'],
      strict: flags.strict,
      engines: defaultEngineRegistry().names(),
      // Helm 2.17.0's rules, and templates rendered as Tiller will install them, unless told otherwise
      dialect: (flags.dialect ?? 'helm2') as 'helm2' | 'helm3',
      // A missing `required` value is logged (stderr) and rendering goes on: Helm 2 logs with Go's log
      // package (local time first), today's Helm with slog's text handler (no time)
      warn: (message: string) =>
        process.stderr.write(flags.dialect === 'helm3' ? `${message}\n` : goLogLine(message, new Date())),
    };
    const paths: string[] = [];
    for (const path of given) {
      paths.push(path);
      if (flags['with-subcharts']) paths.push(...(await subchartPaths(path)));
    }
    const tolerance = flags.strict ? Severity.Warning : Severity.Error;
    const helm2 = settings.dialect === 'helm2';
    let failed = 0;
    let linted = 0;
    let out = '';
    for (const path of paths) {
      // Helm 2 skips what is not a chart (not counted as linted, counted as failed) before saying "Linting"
      const target = helm2
        ? await readLintTarget(path).catch((error: unknown) => {
            if (!(error instanceof NotAChartError)) throw error;
            out += `==> Skipping ${path}\n${error.message}\n\n`;
            failed++;
            return undefined;
          })
        : undefined;
      if (helm2 && target === undefined) continue;
      linted++;
      out += `==> Linting ${path}\n`;
      try {
        const linter = await lintChart(target ?? (await readLintTarget(path, false)), settings);
        if (helm2 && linter.messages.length === 0) out += 'Lint OK\n';
        for (const message of linter.messages) {
          if (!flags.quiet || message.severity > Severity.Info) out += `${formatLintMessage(message)}\n`;
        }
        if (linter.highestSeverity >= tolerance) failed++;
      } catch (error) {
        if (!(error instanceof NotAChartError)) throw error;
        out += `Error ${error.message}\n`;
        failed++;
      }
      out += '\n';
    }
    process.stdout.write(out);
    const summary = `${linted} chart(s) linted, ${failed} chart(s) failed`;
    if (failed > 0) throw new HelmtsError(summary);
    // Helm 2's words; today's Helm counts the failures even when there are none
    this.log(helm2 ? `${linted} chart(s) linted, no failures` : summary);
  }
}
