import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertValuesMatchSchemas,
  loadChart,
  resolveChartValues,
  SchemaValidationError,
  validateAgainstSchema,
  mergeValueSources,
} from '../src/index.js';
import { helmOracle, runHelm } from './helm-oracle.js';

const schema = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string' },
    replicas: { type: 'integer', minimum: 1 },
    image: { type: 'object', properties: { tag: { type: 'string' } }, additionalProperties: false },
  },
});

describe('values.schema.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'helmts-chart-schema-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  before(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'templates'), { recursive: true });
    mkdirSync(join(dir, 'charts', 'sub', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: schemachart\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'values.yaml'), 'name: ok\nreplicas: 1\nimage: {tag: v1}\n');
    writeFileSync(join(dir, 'values.schema.json'), schema);
    writeFileSync(join(dir, 'templates', 'cm.yaml'), 'kind: ConfigMap\n');
    writeFileSync(join(dir, 'charts', 'sub', 'Chart.yaml'), 'apiVersion: v2\nname: sub\nversion: 0.1.0\n');
    writeFileSync(
      join(dir, 'charts', 'sub', 'values.schema.json'),
      JSON.stringify({ type: 'object', properties: { port: { type: 'number' } } }),
    );
  });

  it('accepts valid values (int64 from --set included)', () => {
    const chart = loadChart(dir);
    const { values } = resolveChartValues(chart, mergeValueSources({ set: ['replicas=3'] }));
    assert.equal(values.replicas, 3n);
  });

  it('reports every violation with its path, subcharts included', () => {
    const chart = loadChart(dir);
    const user = mergeValueSources({ set: ['name=null', 'replicas=0', 'image.extra=1', 'sub.port=abc'] });
    assert.throws(
      () => resolveChartValues(chart, user),
      (e: unknown) => {
        assert.ok(e instanceof SchemaValidationError);
        const found = e.violations.map((v) => `${v.chart} ${v.path} ${v.message}`);
        assert.ok(found.includes("schemachart  missing property 'name'"), found.join('\n'));
        assert.ok(found.includes('schemachart /replicas must be >= 1'), found.join('\n'));
        assert.ok(found.includes("schemachart /image additional properties 'extra' not allowed"), found.join('\n'));
        assert.ok(found.includes('schemachart/charts/sub /port must be number'), found.join('\n'));
        assert.match(
          e.message,
          /^values don't meet the specifications of the schema\(s\) in the following chart\(s\):\nschemachart:\n- at '': missing property 'name'/,
        );
        return true;
      },
    );
  });

  it('reports an invalid schema instead of throwing', () => {
    assert.deepEqual(
      validateAgainstSchema({}, '{not json', 'c').map((v) => v.chart),
      ['c'],
    );
  });

  it('helm refuses the same values', function () {
    const helm = helmOracle();
    if (!helm) this.skip();
    const bad = runHelm(helm!, ['template', 'x', dir, '--set', 'replicas=0']);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /values don't meet the specifications of the schema/);
    const good = runHelm(helm!, ['template', 'x', dir, '--set', 'replicas=2']);
    assert.equal(good.status, 0, good.stderr);
    assert.throws(() => assertValuesMatchSchemas(loadChart(dir), { name: 'ok', replicas: 0 }), SchemaValidationError);
  });
});
