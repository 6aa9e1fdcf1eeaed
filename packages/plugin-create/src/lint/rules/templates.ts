import { resolveChartValues } from '@helmts/chart';
import { KubeVersion, renderTemplates, resolveDialect, type ChartTree } from '@helmts/engine';
import { goQuote } from '@helmts/gotemplate';
import { parseYaml, readKubernetesYamlDocuments } from '@helmts/goyaml';

import { Linter, Severity } from '../linter.js';
import type { LintSettings, LintState, LintTarget } from '../lint-target.js';
import { deprecationOf } from './deprecated-apis.js';
import { objectNameProblem } from './kubernetes-names.js';

const DIR = 'templates/';
/** The template file extensions both Helms accept (and `.liquid` in a liquid chart). */
export const ALLOWED_EXTENSIONS = ['.yaml', '.yml', '.tpl', '.txt'];
const WORKLOADS_WITH_SELECTOR = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'];

/** Helm lints the rendered objects of these templates (the extension in any case). */
const YAML_EXTENSIONS = ['.yaml', '.yml'];

/**
 * A template whose first line with text is indented may read differently in different YAML
 * parsers (helm/helm#8467): Helm 4 warns.
 */
function topIndentProblem(content: string): string | undefined {
  const first = content.split(/\r?\n/).find((line) => line.trim() !== '');
  return first !== undefined && /^[ \t]/.test(first)
    ? `document starts with an illegal indent: ${goQuote(first)}, which may cause parsing problems`
    : undefined;
}

/** Tiller ignores helm.sh/resource-policy on a List's items; Helm reads them from the file's first document. */
function listAnnotationProblem(heads: unknown[]): string | undefined {
  const first = heads[0] as {
    items?: { metadata?: { annotations?: Record<string, unknown> | null } | null }[] | null;
  } | null;
  const items = Array.isArray(first?.items) ? first.items : [];
  return items.some((item) => Object.hasOwn(item?.metadata?.annotations ?? {}, 'helm.sh/resource-policy'))
    ? "annotation 'helm.sh/resource-policy' within List objects are ignored"
    : undefined;
}

interface ObjectHead {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown } | null;
}

export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot);
}

/**
 * templates/ as helm v4.1.4 lints it: the chart renders with its values and the user's (lint mode:
 * a missing `required` value is logged, not fatal), every template has an allowed extension, and
 * every rendered YAML template (.yaml, .yml) starts unindented, has valid document separators,
 * parses, names its objects as Kubernetes accepts, uses no API deprecated at the target Kubernetes
 * version, gives workloads a selector and no List item a resource policy.
 */
export async function lintTemplates(
  linter: Linter,
  target: LintTarget,
  settings: LintSettings,
  state: LintState,
): Promise<void> {
  if (!linter.check(Severity.Warning, DIR, target.hasTemplatesDir ? undefined : 'directory does not exist')) return;
  const chart = state.chart;
  if (chart === undefined) return;
  let kube: [number, number] = [1, 35];
  let kubeVersion: string | undefined;
  if (settings.kubeVersion !== undefined) {
    const parsed = KubeVersion.parse(settings.kubeVersion);
    kubeVersion = parsed.Version;
    const [, major, minor] = /^v?(\d+)\.(\d+)/.exec(parsed.Version) ?? [];
    kube = [Number(major), Number(minor)];
  }
  let rendered: Map<string, string>;
  try {
    const dialect = resolveDialect(settings.dialect ?? 'helm2');
    const { chart: tree, values } = resolveChartValues(chart, structuredClone(settings.userValues));
    rendered = await renderTemplates(tree as unknown as ChartTree, {
      values,
      release: dialect.releaseObject({ name: 'test-release', namespace: settings.namespace, revision: 1 }),
      capabilities: dialect.capabilities({ kubeVersion }),
      lintMode: true,
      warn: settings.warn,
      strict: settings.strict === true && (chart.metadata as { engine?: string }).engine === 'liquid',
      dialect,
    });
  } catch (error) {
    linter.check(Severity.Error, DIR, (error as Error).message);
    return;
  }
  // A liquid chart's partials are templates/_NAME.liquid (the engine's own convention, what create writes)
  const liquid = (chart.metadata as { engine?: string }).engine === 'liquid';
  for (const template of chart.templates) {
    const path = template.name;
    const extension = extensionOf(path);
    const allowed = ALLOWED_EXTENSIONS.includes(extension) || (liquid && extension === '.liquid');
    linter.check(
      Severity.Error,
      path,
      allowed
        ? undefined
        : liquid
          ? `file extension '${extension}' not valid. Valid extensions are .yaml, .yml, .tpl, .liquid, or .txt`
          : `file extension '${extension}' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt`,
    );
    if (!YAML_EXTENSIONS.includes(extension.toLowerCase())) continue;
    const content = rendered.get(`${chart.metadata.name}/${path}`) ?? '';
    if (content.trim() === '') continue;
    linter.check(Severity.Warning, path, topIndentProblem(content));
    // Helm reads the documents one by one (k8s' YAMLReader): those before a bad separator (`---apiVersion`,
    // what a `{{-` eating the newline after `---` leaves) are linted, then it stops
    const { documents, separatorError } = readKubernetesYamlDocuments(content);
    // each document as sigs.k8s.io/yaml over go-yaml v2.4 reads it: helm v4's words and line
    const heads: unknown[] = [];
    let broken: string | undefined;
    for (const document of documents) {
      try {
        heads.push(parseYaml(document, 'v2.4'));
      } catch (e) {
        broken = (e as Error).message;
        break;
      }
    }
    if (broken !== undefined) {
      linter.check(Severity.Error, path, `unable to parse YAML: ${broken}`);
      return;
    }
    for (const document of heads) {
      const head = document as ObjectHead | null;
      if (head === null || typeof head !== 'object') continue;
      const kind = typeof head.kind === 'string' ? head.kind : '';
      // a missing or empty name is Kubernetes' problem too
      const name = head.metadata && typeof head.metadata.name === 'string' ? head.metadata.name : '';
      linter.check(Severity.Warning, path, objectNameProblem(kind, name));
      if (typeof head.apiVersion === 'string')
        linter.check(Severity.Warning, path, deprecationOf(head.apiVersion, kind, kube));
      // Helm looks for a selector, and below for List items, in the whole file, not the document
      if (WORKLOADS_WITH_SELECTOR.includes(kind) && !/matchLabels|matchExpressions/.test(content)) {
        linter.check(
          Severity.Error,
          path,
          `a ${kind} must contain matchLabels or matchExpressions, and "${name}" does not`,
        );
      }
      if (kind === 'List') linter.check(Severity.Error, path, listAnnotationProblem(heads));
    }
    if (separatorError !== undefined) {
      linter.check(Severity.Error, path, `unable to parse YAML: ${separatorError}`);
      return;
    }
  }
}
