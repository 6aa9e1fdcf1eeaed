// Records what the real Helm 2.17.0 (gopkg.in/yaml.v2 v2.2.4 via ghodss/yaml) and Helm v4
// (go.yaml.in/yaml/v2 v2.4.3 via sigs.k8s.io/yaml) `fromYaml` return (as toJson text) for each
// input of syntax-error-inputs.mjs, into ../fixtures/syntax-error-oracle.json as
// [{ yaml, helm2, helm4 }]. One `helm template` run per Helm renders a chart whose template
// ranges over the base64-encoded cases. HELM2_BIN / HELM_BIN override the binaries.
// Neither Helm needs the network here: the chart is local and has no dependencies; their
// home/config/cache directories point into a throwaway temp dir.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntaxErrorInputs } from './syntax-error-inputs.mjs';

const helm2 = process.env.HELM2_BIN ?? join(homedir(), '.cache/helmts/helm2-oracle/helm');
const helm4 = process.env.HELM_BIN ?? join(homedir(), '.cache/helmts/helm-oracle/helm/helm');
const here = dirname(fileURLToPath(import.meta.url));

// No case currently has to be excluded: no input makes either Helm fail as a whole (fromYaml
// turns every go-yaml / JSON error, including go-yaml's recovered panics, into the "Error" key).
const cases = syntaxErrorInputs;

const work = mkdtempSync(join(tmpdir(), 'goyaml-syntax-oracle-'));

function makeChart(apiVersion) {
  const dir = join(work, `chart-${apiVersion}`);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: ${apiVersion}\nname: oracle\nversion: 0.1.0\n`);
  writeFileSync(
    join(dir, 'values.yaml'),
    JSON.stringify({ cases: cases.map((c) => Buffer.from(c, 'utf8').toString('base64')) }),
  );
  writeFileSync(
    join(dir, 'templates', 'out.yaml'),
    'data:\n{{- range $c := .Values.cases }}\n- {{ fromYaml (b64dec $c) | toJson | b64enc }}\n{{- end }}\n',
  );
  return dir;
}

function run(bin, args, env) {
  const home = join(work, 'home');
  mkdirSync(home, { recursive: true });
  const out = execFileSync(bin, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      HELM_HOME: join(home, '.helm'),
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_CACHE_HOME: join(home, 'cache'),
      XDG_DATA_HOME: join(home, 'data'),
      ...env,
    },
  });
  const lines = out.split('\n').filter((l) => l.startsWith('- '));
  if (lines.length !== cases.length) throw new Error(`${bin}: got ${lines.length} outputs for ${cases.length} cases`);
  return lines.map((l) => Buffer.from(l.slice(2), 'base64').toString('utf8'));
}

const out2 = run(helm2, ['template', makeChart('v1'), '--name', 'x']);
const out4 = run(helm4, ['template', 'x', makeChart('v2')]);
rmSync(work, { recursive: true, force: true });

const records = cases.map((yaml, i) => ({ yaml, helm2: out2[i], helm4: out4[i] }));
writeFileSync(join(here, '..', 'fixtures', 'syntax-error-oracle.json'), JSON.stringify(records, null, 1) + '\n');

// Summary
const errorOf = (json) => {
  const v = JSON.parse(json);
  return v && typeof v === 'object' && !Array.isArray(v) && typeof v.Error === 'string' && Object.keys(v).length === 1
    ? v.Error
    : undefined;
};
const strip = (e) => e.replace(/line \d+: /g, '');
const counts = new Map();
let errs2 = 0;
let errs4 = 0;
for (const r of records) {
  const e2 = errorOf(r.helm2);
  const e4 = errorOf(r.helm4);
  if (e2 !== undefined) errs2++;
  if (e4 !== undefined) errs4++;
  for (const e of new Set([e2, e4].filter((x) => x !== undefined).map(strip))) counts.set(e, (counts.get(e) ?? 0) + 1);
}
console.log(`recorded ${records.length} cases; errors: helm2 ${errs2}, helm4 ${errs4}`);
console.log(`${counts.size} distinct error messages (line numbers stripped):`);
for (const [e, n] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
  console.log(`${String(n).padStart(5)}  ${e}`);
const diffs = records.filter((r) => r.helm2 !== r.helm4);
console.log(`${diffs.length} cases where helm2 and helm4 differ:`);
for (const r of diffs) {
  console.log(`  yaml:  ${JSON.stringify(r.yaml.length > 300 ? r.yaml.slice(0, 300) + '…' : r.yaml)}`);
  console.log(`  helm2: ${r.helm2.length > 300 ? r.helm2.slice(0, 300) + '…' : r.helm2}`);
  console.log(`  helm4: ${r.helm4.length > 300 ? r.helm4.slice(0, 300) + '…' : r.helm4}`);
}
