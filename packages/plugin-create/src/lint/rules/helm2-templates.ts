import { type Chart, coalesceValues } from '@helmts/chart';
import { type ChartTree, KubeVersion, renderTemplates, resolveDialect, splitYamlDocuments } from '@helmts/engine';
import { parseYaml } from '@helmts/goyaml';

import { Linter, Severity } from '../linter.js';
import type { LintSettings, LintState, LintTarget } from '../lint-target.js';
import { deprecationOf } from './deprecated-apis.js';
import { ALLOWED_EXTENSIONS, extensionOf } from './templates.js';

const DIR = 'templates/';

/** The JSON kind Go's encoding/json names in "cannot unmarshal X into ...". */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string' || value instanceof Date) return 'string';
  return 'object';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  jsonKind(value) === 'object' && value !== null && value !== undefined;

/**
 * Helm 2 unmarshals a rendered template into `struct { Metadata struct { Namespace string } }`
 * with ghodss/yaml: only the first YAML document is read, it must be a map, its `metadata` (any
 * case, as encoding/json matches fields) a map, and the namespace in it a scalar.
 */
function firstDocumentProblem(content: string): string | undefined {
  let head: unknown;
  try {
    // go-yaml v2.2.4's reading of the first document: Helm 2's words and line for a syntax error
    head = parseYaml(content, 'v2.2');
  } catch (e) {
    return (e as Error).message;
  }
  if (head === null || head === undefined) return undefined;
  const decoding = 'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal';
  if (!isObject(head)) return `${decoding} ${jsonKind(head)} into Go value of type rules.K8sYamlStruct`;
  for (const [key, metadata] of Object.entries(head)) {
    if (key.toLowerCase() !== 'metadata' || metadata === null) continue;
    if (!isObject(metadata))
      return `${decoding} ${jsonKind(metadata)} into Go struct field K8sYamlStruct.Metadata of type struct { Namespace string }`;
    for (const [field, namespace] of Object.entries(metadata)) {
      if (field.toLowerCase() !== 'namespace') continue;
      // ghodss/yaml turns any scalar into the string the field wants
      if (Array.isArray(namespace) || isObject(namespace))
        return `${decoding} ${jsonKind(namespace)} into Go struct field .Metadata.Namespace of type string`;
    }
  }
  return undefined;
}

/** Whether a loader error is about a values.yaml (which Helm 2's loader keeps unparsed). */
/**
 * templates/ as Helm 2.17 lints it (pkg/lint/rules/template.go): the directory exists, the chart
 * loads and renders (lint mode, release `testRelease`, revision 0, no dependency conditions), every
 * template has an allowed extension (WARNING), and each `.yaml` template's first document reads
 * as a Kubernetes object head. With --kube-version (a helmts flag) deprecated APIs are warned about.
 */
export async function lintHelm2Templates(
  linter: Linter,
  target: LintTarget,
  settings: LintSettings,
  state: LintState,
): Promise<void> {
  const dirProblem = !target.hasTemplatesDir
    ? 'directory not found'
    : target.templatesIsFile
      ? 'not a directory'
      : undefined;
  if (!linter.check(Severity.Warning, DIR, dirProblem)) return;
  let chart: Chart;
  try {
    if (target.chartYamlIsDirectory)
      throw new Error(`cannot read Chart.Yaml in directory ${JSON.stringify(target.absoluteDir ?? target.path)}`);
    chart = target.load({ helm2: true });
  } catch (error) {
    linter.check(Severity.Error, DIR, (error as Error).message);
    return;
  }
  state.chart = chart;
  let kubeVersion: string | undefined;
  let kube: [number, number] | undefined;
  if (settings.kubeVersion !== undefined) {
    kubeVersion = KubeVersion.parse(settings.kubeVersion).Version;
    const [, major, minor] = /^v?(\d+)\.(\d+)/.exec(kubeVersion) ?? [];
    kube = [Number(major), Number(minor)];
  }
  const dialect = resolveDialect('helm2');
  const liquid = chart.metadata.engine === 'liquid';
  let values;
  try {
    values = coalesceValues(chart, structuredClone(settings.userValues), { helm2: true });
  } catch {
    // Helm 2 loads values.yaml unparsed, and stops silently when the values do not coalesce
    return;
  }
  let rendered: Map<string, string>;
  try {
    rendered = await renderTemplates(chart as unknown as ChartTree, {
      values,
      release: dialect.releaseObject({
        name: 'testRelease',
        namespace: settings.namespace,
        revision: 0,
        isInstall: false,
      }),
      capabilities: dialect.capabilities({ kubeVersion }),
      lintMode: true,
      strict: settings.strict === true && liquid,
      warn: settings.warn,
      dialect,
    });
  } catch (error) {
    linter.check(Severity.Error, DIR, (error as Error).message);
    return;
  }
  // A liquid chart's partials are templates/_NAME.liquid (the engine's own convention, what create writes)
  for (const template of chart.templates) {
    const path = template.name;
    const extension = extensionOf(path);
    const allowed = ALLOWED_EXTENSIONS.includes(extension) || (liquid && extension === '.liquid');
    linter.check(
      Severity.Warning,
      path,
      allowed
        ? undefined
        : `file extension '${extension}' not valid. Valid extensions are .yaml, .yml, .tpl${liquid ? ', .liquid' : ''}, or .txt`,
    );
    if (extension !== '.yaml') continue;
    const content = rendered.get(`${chart.metadata.name}/${path}`) ?? '';
    const problem = firstDocumentProblem(content);
    if (!linter.check(Severity.Error, path, problem === undefined ? undefined : `unable to parse YAML\n\t${problem}`))
      continue;
    if (kube === undefined) continue;
    for (const document of splitYamlDocuments(content)) {
      let head: { apiVersion?: unknown; kind?: unknown } | null;
      try {
        head = parseYaml(document, 'v2.2') as typeof head;
      } catch {
        break;
      }
      if (!isObject(head) || typeof head.apiVersion !== 'string') continue;
      linter.check(Severity.Warning, path, deprecationOf(head.apiVersion, String(head.kind ?? ''), kube));
    }
  }
}
