/**
 * The two render dialects. The Helm 2 side is checked against what the real Helm 2.17.0 printed
 * for the charts in fixtures/helm2-oracle (recorded by its record.sh): built-in objects, toYaml's
 * newline, per-file output and order, -x/--notes/--kube-version/--api-versions/--is-upgrade/
 * --name-template, and error texts. Both engines (gotpl, liquid) get the dialect's built-ins.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templateChart, type TemplateChartOptions } from '../src/index.js';
import { SPRIG_V3_ADDITIONS } from '@helmts/sprig';

const fixtures = new URL('./fixtures/helm2-oracle/', import.meta.url).pathname;

interface OracleCase {
  id: string;
  chart: string;
  args: string[];
}

/** Helm 2 `helm template` flags → templateChart options (the CLI does the same mapping). */
function optionsFromHelm2Args(args: string[]): Partial<TemplateChartOptions> {
  const o: Partial<TemplateChartOptions> & { showOnly: string[]; apiVersions: string[]; set: string[] } = {
    showOnly: [],
    apiVersions: [],
    set: [],
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--name' || a === '-n') o.releaseName = args[++i];
    else if (a === '--name-template') o.nameTemplate = args[++i];
    else if (a === '--namespace') o.namespace = args[++i];
    else if (a === '--kube-version') o.kubeVersion = args[++i];
    else if (a === '--api-versions' || a === '-a') o.apiVersions.push(args[++i]);
    else if (a === '-x' || a === '--execute') o.showOnly.push(args[++i]);
    else if (a === '--is-upgrade') o.isUpgrade = true;
    else if (a === '--notes') o.notes = true;
    else if (a === '--set') o.set.push(args[++i]);
    else throw new Error(`flag ${a} not mapped`);
  }
  return o;
}

describe('helm2 dialect against the real Helm 2.17.0 (fixtures/helm2-oracle)', () => {
  const cases = JSON.parse(readFileSync(join(fixtures, 'cases.json'), 'utf8')) as OracleCase[];
  for (const c of cases) {
    it(c.id, async () => {
      const chartDir = join(fixtures, c.chart);
      const errFile = join(fixtures, `${c.id}.err`);
      const run = templateChart({ chart: chartDir, cwd: chartDir, dialect: 'helm2', ...optionsFromHelm2Args(c.args) });
      if (existsSync(errFile)) {
        // the recording names the chart's absolute path where it was recorded
        const want = readFileSync(errFile, 'utf8')
          .replace(/^Error: /, '')
          .trimEnd()
          .replace(/\/\S*\/helm2-oracle\/probe\//, `${chartDir}/`);
        await assert.rejects(run, (e: Error) => {
          assert.equal(e.message, want);
          return true;
        });
        return;
      }
      const { output } = await run;
      assert.equal(output, readFileSync(join(fixtures, `${c.id}.out`), 'utf8'));
    });
  }

  it('--output-dir must exist, writes one file per non-blank template and says so', async () => {
    const chartDir = join(fixtures, 'probe');
    const out = mkdtempSync(join(tmpdir(), 'helmts-dialect-'));
    try {
      await assert.rejects(
        templateChart({ chart: chartDir, dialect: 'helm2', outputDir: join(out, 'nope') }),
        /output-dir '.*nope' does not exist/,
      );
      const r = await templateChart({ chart: chartDir, dialect: 'helm2', releaseName: 'w', outputDir: out });
      assert.ok(r.output.startsWith(`wrote ${out}/probe/templates/multi.yaml\n`));
      assert.ok(!r.output.includes('empty.yaml'), 'blank templates are not written');
      assert.equal(
        readFileSync(join(out, 'probe/templates/deploy.yaml'), 'utf8').split('\n').slice(0, 3).join('\n'),
        '---\n# Source: probe/templates/deploy.yaml\napiVersion: apps/v1',
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('dialect choice', () => {
  const chartDir = join(fixtures, 'probe');

  it('helm3 (the library default) renders like Helm 4: Service Helm, toYaml trimmed, split documents', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'helmts-dialect-'));
    try {
      mkdirSync(join(dir, 'templates'));
      writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v1\nname: t\nversion: 0.1.0\n');
      writeFileSync(join(dir, 'values.yaml'), 'm:\n  a: 1\n');
      writeFileSync(
        join(dir, 'templates', 'a.yaml'),
        'kind: Secret\ns: {{ .Release.Service }}\n---\nkind: Service\nm:\n{{ toYaml .Values.m | indent 2 }}\n',
      );
      writeFileSync(join(dir, 'templates', 'empty.yaml'), '{{ if false }}x{{ end }}\n');
      const h3 = await templateChart({ chart: dir, releaseName: 'web' });
      assert.equal(
        h3.output,
        '---\n# Source: t/templates/a.yaml\nkind: Secret\ns: Helm\n---\n# Source: t/templates/a.yaml\nkind: Service\nm:\n  a: 1\n',
      );
      const h2 = await templateChart({ chart: dir, releaseName: 'web', dialect: 'helm2' });
      assert.equal(
        h2.output,
        '---\n# Source: t/templates/a.yaml\nkind: Secret\ns: Tiller\n---\nkind: Service\nm:\n  a: 1\n  \n\n---\n# Source: t/templates/empty.yaml\n\n\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('.Release.Time exists in helm2 only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'helmts-dialect-'));
    try {
      mkdirSync(join(dir, 'templates'));
      writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v1\nname: t\nversion: 0.1.0\n');
      writeFileSync(join(dir, 'templates', 'a.yaml'), 'time: {{ .Release.Time.Seconds }} [{{ .Release.Time }}]\n');
      const time = new Date(1_700_000_000_500);
      const h2 = await templateChart({ chart: dir, dialect: 'helm2', time });
      assert.equal(
        h2.output,
        '---\n# Source: t/templates/a.yaml\ntime: 1700000000 [seconds:1700000000 nanos:500000000 ]\n\n',
      );
      await assert.rejects(
        templateChart({ chart: dir, dialect: 'helm3', time }),
        /nil pointer evaluating interface \{\}\.Seconds/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the liquid engine gets the dialect built-ins too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'helmts-dialect-'));
    try {
      mkdirSync(join(dir, 'templates'));
      writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v1\nname: l\nversion: 0.1.0\nengine: liquid\n');
      writeFileSync(join(dir, 'values.yaml'), 'm:\n  a: 1\n');
      writeFileSync(
        join(dir, 'templates', 'a.yaml'),
        'kind: ConfigMap\nservice: {{ Release.Service }}\nm: [{{ Values.m | toYaml }}]\n',
      );
      const h2 = await templateChart({ chart: dir, dialect: 'helm2' });
      assert.equal(h2.output, '---\n# Source: l/templates/a.yaml\nkind: ConfigMap\nservice: Tiller\nm: [a: 1\n]\n\n');
      const h3 = await templateChart({ chart: dir, dialect: 'helm3' });
      assert.equal(h3.output, '---\n# Source: l/templates/a.yaml\nkind: ConfigMap\nservice: Helm\nm: [a: 1]\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("helm2 has Sprig 2.22's functions: none of v3's additions (fail-sprig3 is the oracle's word), in gotpl and liquid", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'helmts-dialect-'));
    try {
      mkdirSync(join(dir, 'templates'));
      writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v1\nname: t\nversion: 0.1.0\n');
      for (const name of SPRIG_V3_ADDITIONS) {
        writeFileSync(join(dir, 'templates', 'a.yaml'), `x: {{ if false }}{{ ${name} }}{{ end }}\n`);
        // Helm 2 defines its own fromJson; every other addition is not there
        if (name === 'fromJson') await templateChart({ chart: dir, dialect: 'helm2' });
        else
          await assert.rejects(
            templateChart({ chart: dir, dialect: 'helm2' }),
            (e: Error) => e.message.endsWith(`function "${name}" not defined`),
            name,
          );
        await templateChart({ chart: dir, dialect: 'helm3' });
      }
      writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v1\nname: t\nversion: 0.1.0\nengine: liquid\n');
      writeFileSync(join(dir, 'templates', 'a.yaml'), 'x: {{ 3 | seq }}\n');
      assert.equal(
        (await templateChart({ chart: dir, dialect: 'helm3' })).output,
        '---\n# Source: t/templates/a.yaml\nx: 1 2 3\n',
      );
      await assert.rejects(templateChart({ chart: dir, dialect: 'helm2' }), /seq/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown dialect is refused by name', async () => {
    await assert.rejects(
      templateChart({ chart: chartDir, dialect: 'helm1' as never }),
      /unknown render dialect "helm1" \(known: helm2, helm3\)/,
    );
  });
});
