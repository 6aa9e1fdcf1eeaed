// Records what the real Helm's toYaml prints for each value in to-yaml-inputs.mjs, into
// ../fixtures/to-yaml-oracle.json. Needs a helm binary: HELM_BIN (default /tmp/helmbin/helm/helm).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toYamlInputs } from './to-yaml-inputs.mjs';

const helm = process.env.HELM_BIN ?? '/tmp/helmbin/helm/helm';
const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'goyaml-oracle-'));
mkdirSync(join(dir, 'templates'));
writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: oracle\nversion: 0.1.0\n');
// YAML readers reject raw control characters and escaped surrogates: keep the values file ASCII by
// escaping inside each case's JSON text (JSON accepts surrogate pair escapes)
const cases = toYamlInputs.map((v) =>
  JSON.stringify({ v }).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
);
writeFileSync(join(dir, 'values.yaml'), JSON.stringify({ cases }));
writeFileSync(
  join(dir, 'templates', 'out.yaml'),
  'data:\n{{- range .Values.cases }}\n- {{ (fromJson .).v | toYaml | b64enc }}\n{{- end }}\n',
);
const out = execFileSync(helm, ['template', 'x', dir], { encoding: 'utf8' });
const lines = out.split('\n').filter((l) => l.startsWith('- '));
if (lines.length !== cases.length) throw new Error(`got ${lines.length} outputs for ${cases.length} cases`);
const records = cases.map((json, i) => ({ json, toYaml: Buffer.from(lines[i].slice(2), 'base64').toString('utf8') }));
writeFileSync(join(here, '..', 'fixtures', 'to-yaml-oracle.json'), JSON.stringify(records, null, 1) + '\n');
console.log(`recorded ${records.length} cases`);
