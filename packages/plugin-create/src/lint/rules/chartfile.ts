import { isValidSemver, SemVersion } from '@helmts/chart';
import { parse as parseYaml } from 'yaml';

import { Linter, Severity } from '../linter.js';
import type { LintSettings, LintTarget } from '../lint-target.js';

const FILE = 'Chart.yaml';

function isUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol !== '' && url.host !== '';
  } catch {
    return false;
  }
}

/**
 * The fields today's Helm reads; others make it warn. `engine` is a helmts field (Helm 2 had it):
 * naming a helmts engine is not warned about, `engine: gotpl` (a Helm 2 leftover) is, as Helm does.
 */
const HELM_METADATA_KEYS = new Set([
  'apiVersion',
  'name',
  'version',
  'kubeVersion',
  'description',
  'type',
  'keywords',
  'home',
  'sources',
  'dependencies',
  'maintainers',
  'icon',
  'appVersion',
  'deprecated',
  'annotations',
]);

const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** Chart.yaml: present and parseable, name, apiVersion, version, engine, maintainers, sources, icon, type. */
export function lintChartfile(linter: Linter, target: LintTarget, settings: LintSettings): void {
  if (
    !linter.check(Severity.Error, FILE, target.chartYamlIsDirectory ? 'should be a file, not a directory' : undefined)
  )
    return;
  const data = target.files.get(FILE);
  if (data === undefined) {
    linter.check(Severity.Error, FILE, 'file does not exist');
    return;
  }
  let chartfile: Record<string, unknown>;
  try {
    const parsed = parseYaml(Buffer.from(data).toString('utf8'), { version: '1.1' }) as unknown;
    if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed)))
      throw new Error('Chart.yaml is not a map');
    chartfile = (parsed ?? {}) as Record<string, unknown>;
  } catch (error) {
    linter.check(Severity.Error, FILE, `unable to parse YAML\n\t${(error as Error).message}`);
    return;
  }
  const unknown = Object.keys(chartfile).filter(
    (key) => !HELM_METADATA_KEYS.has(key) && !(key === 'engine' && chartfile.engine !== 'gotpl'),
  );
  // Helm decodes Chart.yaml as JSON with its keys sorted, and names the first field it does not know
  if (unknown.length > 0)
    linter.check(
      Severity.Warning,
      FILE,
      `failed to strictly parse chart metadata file\n\terror unmarshaling JSON: while decoding JSON: json: unknown field "${unknown.sort()[0]}"`,
    );
  const text = (key: string): string => {
    const value = chartfile[key];
    return value === undefined || value === null ? '' : String(value);
  };
  const name = text('name');
  linter.check(
    Severity.Error,
    FILE,
    name === ''
      ? 'name is required'
      : name.includes('/') || name === '.' || name === '..'
        ? `chart name "${name}" is invalid`
        : undefined,
  );
  const apiVersion = text('apiVersion');
  linter.check(
    Severity.Error,
    FILE,
    apiVersion === ''
      ? 'apiVersion is required. The value must be either "v1" or "v2"'
      : apiVersion !== 'v1' && apiVersion !== 'v2'
        ? `apiVersion '${apiVersion}' is not valid. The value must be either "v1" or "v2"`
        : undefined,
  );
  const version = text('version');
  linter.check(
    Severity.Error,
    FILE,
    version === ''
      ? 'version is required'
      : !isValidSemver(version)
        ? `version '${version}' is not a valid SemVer`
        : SemVersion.tryParse(version)?.toString() === '0.0.0'
          ? `version ${version} is less than or equal to 0.0.0`
          : undefined,
  );
  for (const key of ['version', 'appVersion']) {
    const value = chartfile[key];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      linter.check(
        Severity.Error,
        FILE,
        `${key} should be of type string but it's of type ${typeof value === 'number' ? 'float64' : typeof value === 'boolean' ? 'bool' : 'map[string]interface {}'}`,
      );
    }
  }
  const engine = text('engine');
  if (engine !== '' && !settings.engines.includes(engine)) {
    linter.check(
      Severity.Error,
      FILE,
      `engine '${engine}' not valid. Valid options are [${settings.engines.join(' ')}]`,
    );
  }
  const maintainers = chartfile.maintainers;
  if (Array.isArray(maintainers)) {
    for (const maintainer of maintainers as Array<Record<string, unknown> | null>) {
      const who = String(maintainer?.name ?? '');
      if (who === '') linter.check(Severity.Error, FILE, 'each maintainer requires a name');
      else if (maintainer?.email && !EMAIL.test(String(maintainer.email)))
        linter.check(Severity.Error, FILE, `invalid email '${String(maintainer.email)}' for maintainer '${who}'`);
      else if (maintainer?.url && !isUrl(String(maintainer.url)))
        linter.check(Severity.Error, FILE, `invalid url '${String(maintainer.url)}' for maintainer '${who}'`);
    }
  }
  if (Array.isArray(chartfile.sources)) {
    for (const source of chartfile.sources as unknown[]) {
      if (source === null || source === '' || !isUrl(String(source)))
        linter.check(Severity.Error, FILE, `invalid source URL '${String(source ?? '')}'`);
    }
  }
  const icon = text('icon');
  linter.check(Severity.Info, FILE, icon === '' ? 'icon is recommended' : undefined);
  if (icon !== '' && !isUrl(icon)) linter.check(Severity.Error, FILE, `invalid icon URL '${icon}'`);
  const type = text('type');
  if (type !== '' && apiVersion === 'v1')
    linter.check(Severity.Error, FILE, "chart type is not valid in apiVersion 'v1'. It is valid in apiVersion 'v2'");
  if (type !== '' && type !== 'application' && type !== 'library')
    linter.check(
      Severity.Error,
      FILE,
      `chart type '${type}' is not valid. The value must be "application" or "library"`,
    );
  if (apiVersion === 'v1' && Array.isArray(chartfile.dependencies)) {
    linter.check(
      Severity.Warning,
      FILE,
      "dependencies are not valid in the Chart file with apiVersion 'v1'. They are valid in apiVersion 'v2'",
    );
  }
  // last, as Helm runs it
  if (version !== '' && !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(version)) {
    linter.check(Severity.Warning, FILE, `version '${version}' is not a valid SemVerV2`);
  }
}
