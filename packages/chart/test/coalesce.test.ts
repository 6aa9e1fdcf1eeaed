import assert from 'node:assert/strict';

import { coalesceValues, type Chart, type ValuesTable } from '../src/index.js';

// Expected values are what the real Helm 2.17 and Helm v4.1.4 printed for `toJson .Values` with the
// same chart and --set (engine's fixtures/helm2-oracle/values-nulls records Helm 2's).
function chart(name: string, raw: string | undefined, values: ValuesTable, dependencies: Chart[] = []): Chart {
  return {
    metadata: { apiVersion: 'v1', name, version: '0.1.0' },
    templates: [],
    values,
    rawValues: raw,
    files: [],
    crds: [],
    dependencies,
  } as unknown as Chart;
}

const user = (): ValuesTable =>
  ({
    new: null,
    keep: null,
    ann: { a: null },
    nested: { b: { z: null } },
    fresh: { q: null },
  }) as unknown as ValuesTable;
const parent = () =>
  chart('p', 'keep: 1\n', { keep: 1, ann: {}, nested: { a: 1, b: { c: 2 } } } as unknown as ValuesTable);

describe('coalesceValues: user nulls', () => {
  it('Helm 4 deletes a default a null overrides and keeps a null for a key with no default', () => {
    assert.deepEqual(coalesceValues(parent(), user()), {
      new: null,
      ann: { a: null },
      nested: { a: 1, b: { c: 2, z: null } },
      fresh: { q: null },
    });
  });

  it('Helm 2 drops every null where the user values meet the chart values', () => {
    assert.deepEqual(coalesceValues(parent(), user(), { helm2: true }), {
      ann: {},
      nested: { a: 1, b: { c: 2 } },
      fresh: { q: null },
    });
  });

  it('Helm 2 leaves the values of a chart without values.yaml as given', () => {
    const bare = chart('p', undefined, {} as ValuesTable);
    assert.deepEqual(coalesceValues(bare, { a: null } as unknown as ValuesTable, { helm2: true }), { a: null });
  });

  it("Helm 2 drops a subchart's nulls at the parent when the parent has values for it: the default comes back", () => {
    const sub = chart('sub', 'x: 5\n', { x: 5, w: 6 } as unknown as ValuesTable);
    const top = chart('p', 'sub: {x: 1}\n', { sub: { x: 1 } } as unknown as ValuesTable, [sub]);
    const given = { sub: { w: null, z: null } } as unknown as ValuesTable;
    assert.deepEqual(coalesceValues(top, given, { helm2: true }), { sub: { x: 1, w: 6, global: {} } });
    // Helm 4 merges a subchart's table, so its nulls reach the subchart
    assert.deepEqual(coalesceValues(top, structuredClone(given)), { sub: { x: 1, z: null, global: {} } });
  });
});
