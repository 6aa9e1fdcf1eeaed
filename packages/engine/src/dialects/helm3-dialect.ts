/** The `helm3` dialect: exactly Helm v4.1.4 (today's Helm), as the conformance column expects. */
import { isAbsolute } from 'node:path';
import type { RenderDialect, TemplateOutputContext } from './render-dialect.js';
import { makeReleaseObject } from '../builtin-objects/release.js';
import {
  makeCapabilities,
  Capabilities,
  HelmBuildInfo,
  KubeVersion,
  versionSet,
} from '../builtin-objects/capabilities.js';
import { helm3Functions } from './helm3-functions.js';
import { helm3ScopeObjects } from './helm3-scope.js';
import { sortManifests } from '../manifests/sort-manifests.js';
import type { RenderedChart } from '../manifests/rendered-chart.js';
import { extractNotes } from '../manifests/extract-notes.js';
import { formatTemplateOutput } from '../template-output.js';
import type { RenderedTemplates } from '../engine.js';

function helm3TemplateOutput(files: RenderedTemplates, context: TemplateOutputContext): string {
  const rendered: RenderedChart = extractNotes(files, context.chartName, false, helm3.sortManifests);
  const { options, crds, write } = context;
  const notesPath = `${context.chartName}/templates/NOTES.txt`;
  if (write) {
    const seen = new Set<string>();
    const lines: string[] = [];
    const put = (name: string, content: string): void => {
      lines.push(`wrote ${write(name, `---\n# Source: ${name}\n${content}\n`, seen.has(name))}\n`);
      seen.add(name);
    };
    if (options.includeCrds) for (const crd of crds) put(crd.filename, crd.content);
    for (const m of rendered.manifests) put(m.name, m.content);
    if (!options.noHooks) {
      for (const h of rendered.hooks) {
        if (options.skipTests && h.events.includes('test')) continue;
        put(h.path, h.manifest);
      }
    }
    if (options.notes && rendered.notes.trim() !== '') put(notesPath, rendered.notes);
    return lines.join('');
  }
  return formatTemplateOutput(rendered, {
    includeCrds: options.includeCrds,
    crds,
    skipTests: options.skipTests,
    noHooks: options.noHooks,
    showOnly: options.showOnly,
    notes: options.notes,
    notesPath,
  });
}

export const helm3: RenderDialect = {
  name: 'helm3',
  reproduces: 'Helm v4.1.4',
  templateRevision: 1,
  valuesCoalescing: 'helm4',
  templateChecksKubeVersion: true,
  warnsDeprecatedCharts: true,
  releaseObject: makeReleaseObject,
  capabilities: (o) =>
    o.serverVersion
      ? // a cluster: its version and discovery, as Helm 4's install/upgrade see them
        new Capabilities(
          KubeVersion.parse(o.serverVersion.gitVersion),
          versionSet(o.apiVersions ?? []),
          new HelmBuildInfo(),
        )
      : makeCapabilities({ kubeVersion: o.kubeVersion, apiVersions: o.apiVersions }),
  scopeObjects: helm3ScopeObjects,
  helmFuncs: helm3Functions.helmFuncs,
  errors: {
    ...helm3Functions.errors,
    missingDependencies: (names) =>
      'an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: ' +
      `found in Chart.yaml, but missing in charts/ directory: ${names.join(', ')}`,
    invalidKubeVersion: (value, err) => `invalid kube version '${value}': ${(err as Error).message}`,
    invalidReleaseName: () => undefined,
    missingOutputDir: () => undefined,
    // Helm 4 takes a name that is no path (no leading `.` or `/`) for a repository reference
    chartNotFound: (chart) =>
      isAbsolute(chart) || chart.startsWith('.')
        ? `path ${JSON.stringify(chart)} not found`
        : `non-absolute URLs should be in form of repo_name/path_to_chart, got: ${chart}`,
  },
  sortManifests: (files) => sortManifests(files),
  templateOutput: helm3TemplateOutput,
};
