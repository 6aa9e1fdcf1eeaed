#!/usr/bin/env node
// Template-rendering benchmark: generates a large chart (40 templates x 50 Deployments, ~3.6 MB of
// output) and one four times larger (160 templates), renders each with `helmts template` in both
// dialects beside the real `helm template` (v4, for --dialect helm3) and the real Helm 2.17.0 (for
// the helm2 dialect, helmts' default), runs interleaved so machine load hits all alike, and prints
// median wall time, median CPU (user + sys) and peak RSS of each, the ratios, and how helmts grows
// from 1x to 4x. Every helmts output must be byte-identical to the real Helm's (exit code 1 otherwise).
// Targets (issue 23): helm2 dialect <= 0.8x Helm 2.17's time and <= its peak memory; helm3 dialect
// <= 0.3x helm v4's time. Where NODE_EXTRA_CA_CERTS is set, helmts also runs without it (both ratios print).
//
//   node bench/template/run.mjs [--helm /path/to/helm] [--helm2 /path/to/helm2] [--runs 5] [--no-4x]
//
// BENCH_KEEP=1 keeps the generated charts (and prints where) for profiling.
//
// helmts is run as the CLI (`node packages/core/bin/run.cjs template`) when its build is present,
// otherwise through @helmts/engine's templateChart in a child node process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg, tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preflight } from '../preflight.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const firstExisting = (...paths) => paths.find((p) => p && existsSync(p)) ?? paths[0];
const helm = opt(
  '--helm',
  firstExisting(process.env.HELM_BIN, join(homedir(), '.cache/helmts/helm-oracle/helm/helm'), '/tmp/helmbin/helm/helm'),
);
const helm2 = opt(
  '--helm2',
  firstExisting(process.env.HELM2_BIN, join(homedir(), '.cache/helmts/helm2-oracle/helm'), '/tmp/helm2-oracle/helm'),
);
const runs = Number(opt('--runs', '5'));
// helm is optional here: without it the bench times helmts alone.
preflight('bench/template').build('packages/engine/dist/index.js');
const TEMPLATES = 40;
const ITEMS = 50;

/** Where generateChart wrote its charts, removed at the end. */
const chartDirs = [];

/** The bench chart with `templates` Deployment templates of ITEMS Deployments each. */
function generateChart(templates) {
  const dir = mkdtempSync(join(tmpdir(), 'helmts-bench-'));
  chartDirs.push(dir);
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
  for (let t = 0; t < templates; t++) {
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

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** One run: wall ms (measured here), CPU ms (user + sys) and peak RSS in MiB (GNU time), stdout. */
function runOnce(label, [cmd, cmdArgs], env = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(timeBin ?? cmd, timeBin ? ['-f', '%U %S %M', cmd, ...cmdArgs] : cmdArgs, {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, ...env },
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr}`);
  const [user, sys, kib] = timeBin ? r.stderr.trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { wall, cpu: (user + sys) * 1000, mib: kib / 1024, stdout: r.stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs every contestant `runs` times, interleaved, after one warm-up run each; medians per contestant. */
function race(contestants) {
  const samples = contestants.map(() => []);
  let outputs = contestants.map((c) => runOnce(c.label, c.command, c.env).stdout);
  for (let i = 0; i < runs; i++) {
    contestants.forEach((c, k) => {
      const r = runOnce(c.label, c.command, c.env);
      samples[k].push(r);
      outputs[k] = r.stdout;
    });
  }
  return contestants.map((c, k) => ({
    label: c.label,
    wall: median(samples[k].map((s) => s.wall)),
    cpu: median(samples[k].map((s) => s.cpu)),
    mib: Math.max(...samples[k].map((s) => s.mib)),
    bytes: Buffer.byteLength(outputs[k]),
    stdout: outputs[k],
  }));
}

const cli = join(repo, 'packages', 'core', 'bin', 'run.cjs');
const templateCommandBuilt = existsSync(join(repo, 'packages', 'plugin-release', 'dist', 'commands', 'template.js'));
/** the command that renders a chart with helmts in a dialect */
function helmtsCommand(chart, dialect) {
  if (existsSync(cli) && templateCommandBuilt)
    return [process.execPath, [cli, 'template', 'bench', chart, '--dialect', dialect]];
  const script = `import('@helmts/engine').then(async (m) => { const r = await m.templateChart({ chart: ${JSON.stringify(chart)}, releaseName: 'bench', dialect: '${dialect}' }); process.stdout.write(r.output); });`;
  return [process.execPath, ['--input-type=module', '-e', script]];
}
const env = { NODE_PATH: join(repo, 'node_modules') };
// Node 20 reads its whole root store and the named file at every start when NODE_EXTRA_CA_CERTS is
// set (~40 ms here; Helm, in Go, does not): helmts is also timed without it, so both ratios print.
const extraCaCerts = Boolean(process.env.NODE_EXTRA_CA_CERTS);
const NO_EXTRA_CAS = ' (no extra CAs)';
const helm2Env = { HELM_HOME: mkdtempSync(join(tmpdir(), 'helm2-home-')) };

const cpuModel = (() => {
  try {
    return /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  } catch {
    return cpus()[0]?.model;
  }
})();
const loadNow = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`machine: ${cpus().length} CPUs (${cpuModel}), node ${process.version}; load average ${loadNow()}`);
console.log(`runs: ${runs} per command, interleaved, after one warm-up (median wall, median CPU, max peak RSS)`);
if (!timeBin) console.log('(no /usr/bin/time: CPU and peak memory are not measured)');
if (!existsSync(helm)) console.log(`helm v4 not found at ${helm}; pass --helm PATH or set HELM_BIN`);
if (!existsSync(helm2)) console.log(`Helm 2.17.0 not found at ${helm2}; pass --helm2 PATH or set HELM2_BIN`);

const row = (r, base) =>
  `  ${r.label.padEnd(48)} ${r.wall.toFixed(0).padStart(6)} ms  cpu ${r.cpu.toFixed(0).padStart(5)} ms  ` +
  `peak ${r.mib.toFixed(1).padStart(6)} MiB  ${(r.bytes / 1e6).toFixed(2)} MB` +
  (base
    ? `   ${(r.wall / base.wall).toFixed(2)}x time, ${(r.cpu / base.cpu).toFixed(2)}x cpu, ${(r.mib / base.mib).toFixed(2)}x memory`
    : '');

const scales = args.includes('--no-4x') ? [1] : [1, 4];
const results = {};
for (const scale of scales) {
  const templates = TEMPLATES * scale;
  const chart = generateChart(templates);
  console.log(`\nchart ${scale}x: ${templates} templates x ${ITEMS} Deployments (${chart})`);
  const contestants = [{ label: 'helmts template --dialect helm3', command: helmtsCommand(chart, 'helm3'), env }];
  if (existsSync(helm))
    contestants.push({ label: 'helm template (v4)', command: [helm, ['template', 'bench', chart]] });
  contestants.push({ label: 'helmts template --dialect helm2', command: helmtsCommand(chart, 'helm2'), env });
  if (extraCaCerts)
    for (const dialect of ['helm3', 'helm2'])
      contestants.push({
        label: `helmts template --dialect ${dialect}${NO_EXTRA_CAS}`,
        command: helmtsCommand(chart, dialect),
        env: { ...env, NODE_EXTRA_CA_CERTS: undefined },
      });
  // Helm 2 takes the chart as its only argument and the name with --name
  if (existsSync(helm2))
    contestants.push({
      label: 'helm template (2.17.0)',
      command: [helm2, ['template', chart, '--name', 'bench']],
      env: helm2Env,
    });
  const got = race(contestants);
  const by = Object.fromEntries(got.map((r) => [r.label, r]));
  results[scale] = by;
  const h3 = by['helmts template --dialect helm3'];
  const h2 = by['helmts template --dialect helm2'];
  const h3Bare = by[`helmts template --dialect helm3${NO_EXTRA_CAS}`];
  const h2Bare = by[`helmts template --dialect helm2${NO_EXTRA_CAS}`];
  const v4 = by['helm template (v4)'];
  const v2 = by['helm template (2.17.0)'];
  console.log(row(h3, v4));
  if (h3Bare) console.log(row(h3Bare, v4));
  if (v4) console.log(row(v4));
  console.log(row(h2, v2));
  if (h2Bare) console.log(row(h2Bare, v2));
  if (v2) console.log(row(v2));
  /** `; without NODE_EXTRA_CA_CERTS 0.00x` when that run was made */
  const bare = (r, base) => (r ? `; without NODE_EXTRA_CA_CERTS ${(r.wall / base.wall).toFixed(2)}x` : '');
  const identical = (r, base) => !r || r.stdout === base.stdout;
  if (v4) {
    const same = identical(h3, v4) && identical(h3Bare, v4);
    console.log(
      `  helm3 dialect vs helm v4: ${(h3.wall / v4.wall).toFixed(2)}x time (target <= 0.30x)${bare(h3Bare, v4)}; ` +
        `output ${same ? 'byte-identical' : 'DIFFERS'}`,
    );
    if (!same) process.exitCode = 1;
  }
  if (v2) {
    const same = identical(h2, v2) && identical(h2Bare, v2);
    console.log(
      `  helm2 dialect vs Helm 2.17: ${(h2.wall / v2.wall).toFixed(2)}x time (target <= 0.80x)${bare(h2Bare, v2)}, ` +
        `${(h2.mib / v2.mib).toFixed(2)}x peak memory (target <= 1.00x); output ${same ? 'byte-identical' : 'DIFFERS'}`,
    );
    if (!same) process.exitCode = 1;
  }
}
if (results[4]) {
  console.log('\ngrowth from the 1x to the 4x chart (time, cpu, peak memory):');
  for (const label of Object.keys(results[1])) {
    const a = results[1][label];
    const b = results[4][label];
    console.log(
      `  ${label.padEnd(48)} ${(b.wall / a.wall).toFixed(2)}x time, ${(b.cpu / a.cpu).toFixed(2)}x cpu, ${(b.mib / a.mib).toFixed(2)}x memory`,
    );
  }
}
console.log(`\nload average at the end: ${loadNow()}`);
if (process.env.BENCH_KEEP) console.log(`kept: ${chartDirs.join(' ')}`);
else for (const dir of chartDirs) rmSync(dir, { recursive: true, force: true });
rmSync(helm2Env.HELM_HOME, { recursive: true, force: true });
