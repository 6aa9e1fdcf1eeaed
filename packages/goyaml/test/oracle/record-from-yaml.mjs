// Records what the real Helm's fromYaml / fromYamlArray return (as toJson text) for each input in
// from-yaml-inputs.mjs, into ../fixtures/from-yaml-oracle.json. HELM_BIN overrides the helm path.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromYamlInputs } from './from-yaml-inputs.mjs';

const helm = process.env.HELM_BIN ?? '/tmp/helmbin/helm/helm';
const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'goyaml-oracle-'));
mkdirSync(join(dir, 'templates'));
writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: oracle\nversion: 0.1.0\n');
const cases = fromYamlInputs.map((c) => Buffer.from(c.yaml).toString('base64'));
writeFileSync(
  join(dir, 'values.yaml'),
  JSON.stringify({ cases, kinds: fromYamlInputs.map((c) => (c.array ? 'a' : 'm')) }),
);
writeFileSync(
  join(dir, 'templates', 'out.yaml'),
  'data:\n{{- range $i, $c := .Values.cases }}\n{{- $y := b64dec $c }}\n- {{ if eq (index $.Values.kinds $i) "a" }}{{ fromYamlArray $y | toJson | b64enc }}{{ else }}{{ fromYaml $y | toJson | b64enc }}{{ end }}\n{{- end }}\n',
);
const out = execFileSync(helm, ['template', 'x', dir], { encoding: 'utf8' });
const lines = out.split('\n').filter((l) => l.startsWith('- '));
if (lines.length !== cases.length) throw new Error(`got ${lines.length} outputs for ${cases.length} cases`);
const records = fromYamlInputs.map((c, i) => ({
  ...c,
  json: Buffer.from(lines[i].slice(2), 'base64').toString('utf8'),
}));
writeFileSync(join(here, '..', 'fixtures', 'from-yaml-oracle.json'), JSON.stringify(records, null, 1) + '\n');
console.log(`recorded ${records.length} cases`);
