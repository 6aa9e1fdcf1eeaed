#!/usr/bin/env node
// Template-rendering benchmark: generates a large chart (40 templates x 50 Deployments, ~4 MB of
// output), renders it with `helmts template --dialect helm3` and with the real `helm template`
// (v4) in one run, and prints both wall times and the ratio (target: helmts <= 0.5x helm), and
// checks that both printed the same bytes (exit code 1 otherwise). It then times the helm2 dialect
// (`helmts template`'s default) and, when the real Helm 2.17.0 is given, compares with it too.
//
//   node bench/template/run.mjs [--helm /path/to/helm] [--helm2 /path/to/helm2] [--runs 3]
//
// helmts is run as the CLI (`node packages/core/bin/run.cjs template`) when its build is present,
// otherwise through @helmts/engine's templateChart in a child node process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preflight } from '../preflight.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const helm = opt('--helm', process.env.HELM_BIN ?? '/tmp/helmbin/helm/helm');
const helm2 = opt('--helm2', process.env.HELM2_BIN ?? '/tmp/helm2-oracle/helm');
const runs = Number(opt('--runs', '3'));
// helm is optional here: without it the bench times helmts alone.
preflight('bench/template').build('packages/engine/dist/index.js');
const TEMPLATES = 40;
const ITEMS = 50;

function generateChart() {
  const dir = mkdtempSync(join(tmpdir(), 'helmts-bench-'));
  const chart = join(dir, 'bigchart');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  // apiVersion v1: Helm 2.17.0 refuses v2 charts
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v1\nname: bigchart\nversion: 1.0.0\nappVersion: "2.3.4"\n');
  const values = {
    image: { repository: 'registry.example.com/team/app', tag: 'v1.2.3', pullPolicy: 'IfNotPresent' },
    resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
    env: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`VAR_${i}`, `value-${i}`])),
    labels: { team: 'platform', tier: 'backend' },
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'app', effect: 'NoSchedule' }],
    replicas: 2,
  };
  writeFileSync(join(chart, 'values.yaml'), JSON.stringify(values, null, 2));
  writeFileSync(
    join(chart, 'templates', '_helpers.tpl'),
    `{{- define "bigchart.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "bigchart.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- range $k, $v := .Values.labels }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end -}}
`,
  );
  for (let t = 0; t < TEMPLATES; t++) {
    writeFileSync(
      join(chart, 'templates', `deployments-${String(t).padStart(2, '0')}.yaml`),
      `{{- $root := . }}
{{- range $i := until ${ITEMS} }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "bigchart.fullname" $root }}-${t}-{{ $i }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "bigchart.labels" $root | nindent 4 }}
    component: worker-${t}-{{ $i }}
spec:
  replicas: {{ $root.Values.replicas }}
  selector:
    matchLabels:
      app.kubernetes.io/instance: {{ $root.Release.Name }}
      component: worker-${t}-{{ $i }}
  template:
    metadata:
      labels:
        {{- include "bigchart.labels" $root | nindent 8 }}
        component: worker-${t}-{{ $i }}
      annotations:
        checksum/config: {{ printf "%s-%d" "${t}" $i | sha256sum }}
    spec:
      containers:
      - name: app
        image: "{{ $root.Values.image.repository }}:{{ $root.Values.image.tag }}"
        imagePullPolicy: {{ $root.Values.image.pullPolicy }}
        args: [{{ if eq (mod $i 2) 0 }}"--even"{{ else }}"--odd"{{ end }}, "--index={{ $i }}"]
        env:
        {{- range $k, $v := $root.Values.env }}
        - name: {{ $k }}
          value: {{ $v | quote }}
        {{- end }}
        resources:
          {{- toYaml $root.Values.resources | nindent 10 }}
      nodeSelector:
        {{- toYaml $root.Values.nodeSelector | nindent 8 }}
      tolerations:
        {{- toYaml $root.Values.tolerations | nindent 8 }}
{{- end }}
`,
    );
  }
  return chart;
}

function time(label, cmd, cmdArgs, env = {}) {
  const samples = [];
  let bytes = 0;
  let last = '';
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr}`);
    bytes = Buffer.byteLength(r.stdout);
    last = r.stdout;
    samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], bytes, stdout: last };
}

const chart = generateChart();
const cli = join(repo, 'packages', 'core', 'bin', 'run.cjs');
const templateCommandBuilt = existsSync(join(repo, 'packages', 'plugin-release', 'dist', 'commands', 'template.js'));
/** the command that renders the bench chart with helmts in a dialect */
function helmtsCommand(dialect) {
  if (existsSync(cli) && templateCommandBuilt)
    return [process.execPath, [cli, 'template', 'bench', chart, '--dialect', dialect]];
  const script = `import('@helmts/engine').then(async (m) => { const r = await m.templateChart({ chart: ${JSON.stringify(chart)}, releaseName: 'bench', dialect: '${dialect}' }); process.stdout.write(r.output); });`;
  return [process.execPath, ['--input-type=module', '-e', script]];
}
const env = { NODE_PATH: join(repo, 'node_modules') };
const ours = time('helmts', ...helmtsCommand('helm3'), env);
let theirs;
if (existsSync(helm)) theirs = time('helm', helm, ['template', 'bench', chart]);

console.log(`chart: ${chart} (${TEMPLATES} templates x ${ITEMS} Deployments)`);
console.log(`helmts template --dialect helm3: ${ours.median.toFixed(0)} ms (${(ours.bytes / 1e6).toFixed(2)} MB)`);
if (theirs) {
  console.log(
    `helm template (v4):              ${theirs.median.toFixed(0)} ms (${(theirs.bytes / 1e6).toFixed(2)} MB)`,
  );
  const ratio = ours.median / theirs.median;
  console.log(`ratio helmts/helm: ${ratio.toFixed(2)}x (target <= 0.50x)`);
  if (ours.stdout !== theirs.stdout) {
    console.log('OUTPUT DIFFERS from helm template');
    process.exitCode = 1;
  } else {
    console.log('output: byte-identical to helm template');
  }
} else {
  console.log(`helm not found at ${helm}; pass --helm PATH or set HELM_BIN`);
}

const ours2 = time('helmts', ...helmtsCommand('helm2'), env);
console.log(`helmts template --dialect helm2: ${ours2.median.toFixed(0)} ms (${(ours2.bytes / 1e6).toFixed(2)} MB)`);
if (existsSync(helm2)) {
  // Helm 2 takes the chart as its only argument and the name with --name
  const theirs2 = time('helm2', helm2, ['template', chart, '--name', 'bench'], {
    HELM_HOME: mkdtempSync(join(tmpdir(), 'helm2-home-')),
  });
  console.log(`helm template (2.17.0):          ${theirs2.median.toFixed(0)} ms`);
  console.log(`ratio helmts/helm2: ${(ours2.median / theirs2.median).toFixed(2)}x`);
  if (ours2.stdout !== theirs2.stdout) {
    console.log('OUTPUT DIFFERS from Helm 2.17.0 helm template');
    process.exitCode = 1;
  } else {
    console.log('output: byte-identical to Helm 2.17.0 helm template');
  }
} else {
  console.log(`Helm 2.17.0 not found at ${helm2}; pass --helm2 PATH or set HELM2_BIN`);
}
