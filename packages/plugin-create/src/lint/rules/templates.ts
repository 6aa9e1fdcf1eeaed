import { resolveChartValues } from '@helmts/chart';
import { KubeVersion, renderTemplates, resolveDialect, type ChartTree } from '@helmts/engine';
import { parseAllDocuments } from 'yaml';

import { Linter, Severity } from '../linter.js';
import type { LintSettings, LintState, LintTarget } from '../lint-target.js';
import { deprecationOf } from './deprecated-apis.js';

const DIR = 'templates/';
/** The template file extensions both Helms accept (and `.liquid` in a liquid chart). */
export const ALLOWED_EXTENSIONS = ['.yaml', '.yml', '.tpl', '.txt'];
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const WORKLOADS_WITH_SELECTOR = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'];

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

/** Kubernetes' own name rule for the kind (Services and Namespaces are labels, the rest subdomains). */
const PATH_SEGMENT_NAMED = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

function nameProblem(kind: string, name: string): string | undefined {
  if (PATH_SEGMENT_NAMED.includes(kind)) {
    const bad =
      name === '.' || name === '..'
        ? `may not be '${name}'`
        : name.includes('/')
          ? "may not contain '/'"
          : name.includes('%')
            ? "may not contain '%'"
            : undefined;
    return bad === undefined
      ? undefined
      : `object name does not conform to Kubernetes naming requirements: "${name}": metadata.name: Invalid value: "${name}": ${bad}`;
  }
  const [rule, text] =
    kind === 'Service'
      ? [
          DNS1035_LABEL,
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        ]
      : kind === 'Namespace'
        ? [
            DNS1123_LABEL,
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          ]
        : [
            DNS1123_SUBDOMAIN,
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
          ];
  const limit = kind === 'Service' || kind === 'Namespace' ? 63 : 253;
  if (rule.test(name) && name.length <= limit) return undefined;
  return `object name does not conform to Kubernetes naming requirements: "${name}": metadata.name: Invalid value: "${name}": ${name.length > limit ? `must be no more than ${limit} characters` : text}`;
}

/**
 * templates/: the chart renders with its values and the user's (lint mode: `required` does not
 * stop it), every template has an allowed extension, and every rendered YAML template parses,
 * names its objects as Kubernetes accepts, uses no API deprecated at the target Kubernetes
 * version, and gives workloads a selector.
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
    if (extension !== '.yaml') continue;
    const content = rendered.get(`${chart.metadata.name}/${path}`) ?? '';
    if (content.trim() === '') continue;
    const documents = parseAllDocuments(content, { version: '1.1', uniqueKeys: false });
    const broken = (Array.isArray(documents) ? documents : [documents]).flatMap((doc) => doc.errors);
    if (broken.length > 0) {
      const error = broken[0];
      const line = error.linePos?.[0].line;
      linter.check(
        Severity.Error,
        path,
        `unable to parse YAML: ${line === undefined ? '' : `line ${line}: `}${error.message.split('\n')[0]}`,
      );
      return;
    }
    for (const document of Array.isArray(documents) ? documents : [documents]) {
      const head = document.toJS() as ObjectHead | null;
      if (head === null || typeof head !== 'object') continue;
      const kind = typeof head.kind === 'string' ? head.kind : '';
      const name = head.metadata && typeof head.metadata.name === 'string' ? head.metadata.name : '';
      if (name !== '') linter.check(Severity.Warning, path, nameProblem(kind, name));
      if (typeof head.apiVersion === 'string')
        linter.check(Severity.Warning, path, deprecationOf(head.apiVersion, kind, kube));
      if (WORKLOADS_WITH_SELECTOR.includes(kind) && !/matchLabels|matchExpressions/.test(document.toString())) {
        linter.check(
          Severity.Error,
          path,
          `a ${kind} must contain matchLabels or matchExpressions, and "${name}" does not`,
        );
      }
    }
  }
}
