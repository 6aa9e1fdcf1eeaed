/**
 * The `helm2` dialect: exactly Helm 2.17.0. `.Release.Service` is `Tiller` and `.Release.Time`
 * exists, `.Capabilities` has `TillerVersion` and a version.Info `KubeVersion`, toYaml keeps its
 * final newline, errors are Helm 2's one-liners, and `helm template` prints each template file
 * whole under one `# Source:` header (see helm2-template-output.ts).
 */
import { goPathError } from '@helmts/chart';
import { SPRIG_V3_ADDITIONS } from '@helmts/sprig/lazy';
import type { RenderDialect, TemplateOutputContext } from './render-dialect.js';
import { makeHelm2ReleaseObject } from '../builtin-objects/release.js';
import { makeHelm2Capabilities } from '../builtin-objects/helm2-capabilities.js';
import { Helm2ChartMetadata } from '../builtin-objects/chart-object.js';
import { makeChartFiles } from '../builtin-objects/chart-files.js';
import { helm2Funcs, toYamlKeepingNewline } from '../gotpl/helm2-funcs.js';
import {
  formatHelm2ExecError,
  formatHelm2ParseError,
  formatHelm2TplExecError,
  formatHelm2TplParseError,
  helm2TplTemplateName,
} from '../gotpl/helm2-error-format.js';
import { sortManifests } from '../manifests/sort-manifests.js';
import { HELM2_INSTALL_ORDER } from '../manifests/kind-order.js';
import { formatHelm2TemplateOutput, helm2TemplateFiles } from '../manifests/helm2-template-output.js';
import type { RenderedTemplates } from '../engine.js';
import { dns1123SubdomainErrors } from '../release-name.js';

const BLANK = /^\s*$/;

function helm2TemplateOutput(files: RenderedTemplates, context: TemplateOutputContext): string {
  const options = { execute: context.options.showOnly, notes: context.options.notes, chartDir: context.chartDir };
  const { write } = context;
  if (!write) return formatHelm2TemplateOutput(files, options);
  let printed = '';
  for (const f of helm2TemplateFiles(files, options)) {
    if (BLANK.test(f.content)) continue;
    printed += `wrote ${write(f.name, `---\n# Source: ${f.name}\n${f.content}`, false)}\n`;
  }
  return printed;
}

export const helm2: RenderDialect = {
  name: 'helm2',
  reproduces: 'Helm 2.17.0',
  templateRevision: 0,
  valuesCoalescing: 'helm2',
  templateChecksKubeVersion: false,
  warnsDeprecatedCharts: false,
  releaseObject: makeHelm2ReleaseObject,
  capabilities: (o) => makeHelm2Capabilities(o),
  scopeObjects: (i) => ({
    Chart: new Helm2ChartMetadata(i.metadata),
    Files: makeChartFiles(i.files, { yaml: toYamlKeepingNewline, linesKeepFinalNewline: true }),
    Release: i.release,
    Capabilities: i.capabilities,
    Values: i.values,
  }),
  helmFuncs: helm2Funcs,
  absentFuncs: SPRIG_V3_ADDITIONS,
  tplTemplateName: helm2TplTemplateName,
  errors: {
    parse: formatHelm2ParseError,
    exec: formatHelm2ExecError,
    tplParse: formatHelm2TplParseError,
    tplExec: formatHelm2TplExecError,
    missingDependencies: (names) => `found in requirements.yaml, but missing in charts/ directory: ${names.join(', ')}`,
    invalidKubeVersion: (_value, err) => (err as Error).message,
    invalidReleaseName: (name) => {
      const problems = name === '' ? [] : dns1123SubdomainErrors(name);
      return problems.length > 0 ? `release name ${name} is invalid: ${problems.join(';')}` : undefined;
    },
    missingOutputDir: (dir) => `output-dir '${dir}' does not exist`,
    chartNotFound: (chart, error) => goPathError('stat', chart, error),
  },
  sortManifests: (files) => sortManifests(files, HELM2_INSTALL_ORDER),
  templateOutput: helm2TemplateOutput,
};
