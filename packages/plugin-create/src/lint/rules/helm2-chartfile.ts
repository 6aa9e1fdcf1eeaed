import { join } from 'node:path';

import { ChartFileDecodeError, decodeChartYaml, type Metadata, SemVersion } from '@helmts/chart';

import { Linter, Severity } from '../linter.js';
import type { LintSettings, LintTarget } from '../lint-target.js';

const FILE = 'Chart.yaml';

/**
 * govalidator's IsRequestURL, which Helm 2 checks sources and icons with: Go's
 * url.ParseRequestURI accepts it and it has a scheme.
 */
function isRequestUrl(text: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(text);
}

/**
 * govalidator's IsURL, for maintainers' urls: a scheme is optional, but without one the host
 * needs a dot or a port (`example.com`, `localhost:80`), and nothing may be blank.
 */
function isUrl(text: string): boolean {
  if (text.length <= 3 || text.length >= 2083 || text.startsWith('.') || /\s/.test(text)) return false;
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.exec(text);
  const rest = scheme ? text.slice(scheme[0].length) : text;
  const authority = rest.split(/[/?#]/)[0].replace(/^[^@]*@/, '');
  const host = authority.replace(/:\d{1,5}$/, '');
  if (host === '' || host.startsWith('.') || !/^[\p{L}\p{N}_.-]+$/u.test(host)) return false;
  return scheme !== null || host.includes('.') || authority !== host;
}

/** govalidator's IsEmail: a local part, `@`, and a domain with at least one dot. */
function isEmail(text: string): boolean {
  return /^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+\.?$/.test(text);
}

/** Semver v1.5's check Helm 2 runs: the version parses and is above `0.0.0-0`. */
function versionProblem(version: string): string | undefined {
  if (version === '') return 'version is required';
  const parsed = SemVersion.tryParse(version, { dialect: 'v1.5' });
  if (parsed === undefined) return `version '${version}' is not a valid SemVer`;
  if (parsed.compare(SemVersion.parse('0.0.0-0', { dialect: 'v1.5' })) <= 0)
    return `version ${parsed.toString()} is less than or equal to 0.0.0-0`;
  return undefined;
}

function maintainerProblem(metadata: Metadata): string | undefined {
  for (const maintainer of metadata.maintainers ?? []) {
    const name = maintainer?.name ?? '';
    const email = maintainer?.email ?? '';
    const url = maintainer?.url ?? '';
    if (name === '') return 'each maintainer requires a name';
    if (email !== '' && !isEmail(email)) return `invalid email '${email}' for maintainer '${name}'`;
    if (url !== '' && !isUrl(url)) return `invalid url '${url}' for maintainer '${name}'`;
  }
  return undefined;
}

/**
 * Chart.yaml as Helm 2.17 lints it (pkg/lint/rules/chartfile.go): readable and parseable, a name
 * (without dots, the directory's), apiVersion v1, a SemVer version, a known engine, named
 * maintainers, source and icon URLs. helmts also takes apiVersion v2, which it installs.
 */
export function lintHelm2Chartfile(linter: Linter, target: LintTarget, settings: LintSettings): void {
  if (target.chartYamlIsDirectory) {
    linter.check(Severity.Error, FILE, 'should be a file, not a directory');
    const path = join(target.absoluteDir ?? target.path, FILE);
    linter.check(Severity.Error, FILE, `unable to parse YAML\n\tread ${path}: is a directory`);
    return;
  }
  let metadata: Metadata;
  try {
    metadata = decodeChartYaml(Buffer.from(target.files.get(FILE) ?? new Uint8Array()).toString('utf8'));
  } catch (error) {
    if (!(error instanceof ChartFileDecodeError)) throw error;
    linter.check(Severity.Error, FILE, `unable to parse YAML\n\t${error.message}`);
    return;
  }
  const name = metadata.name ?? '';
  linter.check(Severity.Error, FILE, name === '' ? 'name is required' : undefined);
  linter.check(
    Severity.Warning,
    FILE,
    name.includes('.')
      ? 'name should be lower case letters and numbers. Words may be separated with dashes'
      : undefined,
  );
  // Helm 2 unpacks an archive into a folder named after the chart, so only a directory can differ
  const dirName = target.absoluteDir === undefined ? name : target.dirName;
  linter.check(
    Severity.Error,
    FILE,
    name !== dirName ? `directory name (${dirName}) and chart name (${name}) must be the same` : undefined,
  );
  const apiVersion = metadata.apiVersion ?? '';
  linter.check(
    Severity.Error,
    FILE,
    apiVersion === ''
      ? 'apiVersion is required'
      : apiVersion !== 'v1' && apiVersion !== 'v2'
        ? `apiVersion '${apiVersion}' is not valid. The value must be "v1"`
        : undefined,
  );
  linter.check(Severity.Error, FILE, versionProblem(metadata.version ?? ''));
  const engine = metadata.engine ?? '';
  linter.check(
    Severity.Error,
    FILE,
    engine !== '' && !settings.engines.includes(engine)
      ? `engine '${engine}' not valid. Valid options are [${settings.engines.join(' ')}]`
      : undefined,
  );
  linter.check(Severity.Error, FILE, maintainerProblem(metadata));
  const badSource = (metadata.sources ?? []).find((source) => source === '' || !isRequestUrl(source));
  linter.check(Severity.Error, FILE, badSource === undefined ? undefined : `invalid source URL '${badSource}'`);
  const icon = metadata.icon ?? '';
  linter.check(Severity.Info, FILE, icon === '' ? 'icon is recommended' : undefined);
  linter.check(Severity.Error, FILE, icon !== '' && !isRequestUrl(icon) ? `invalid icon URL '${icon}'` : undefined);
}
