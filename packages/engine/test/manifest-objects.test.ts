import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'mocha';
import { readManifestObjects, readYamlDocument, splitYamlDocuments } from '../src/manifests/manifest-objects.js';

/** What the real Helm v4.1.4's fromYaml (sigs.k8s.io/yaml.Unmarshal, as Helm 2's kube client) made of each input. */
const helmOracle = JSON.parse(
  readFileSync(new URL('../../goyaml/test/fixtures/from-yaml-oracle.json', import.meta.url), 'utf8'),
) as { yaml: string; json: string }[];

describe('manifest objects (as Helm 2 reads a manifest)', () => {
  it('splits where a line is --- (trailing spaces allowed), not at --- inside a line or with text after it', () => {
    assert.deepEqual(splitYamlDocuments('\n---\n# Source: a\nx: 1\n---   \ny: "---"\n--- # c\nz: 3\n---'), [
      '\n',
      '# Source: a\nx: 1\n',
      'y: "---"\n--- # c\nz: 3\n',
    ]);
    assert.deepEqual(splitYamlDocuments(''), []);
    assert.deepEqual(splitYamlDocuments('a: 1'), ['a: 1']);
  });

  it('reads YAML 1.1 as go-yaml v2 does and keeps every field under the name it was written with', () => {
    const manifest = [
      '',
      '---',
      '# Source: c/templates/crd.yaml',
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'spec:',
      '  schema:',
      '    x-kubernetes-preserve-unknown-fields: true',
      '    $ref: "#/x"',
      '---',
      '# Source: c/templates/only-a-comment.yaml',
      '---',
      'kind: Pod',
      'mode: 0644',
      'hex: 0x1F',
      'enabled: yes',
      'off: off',
      'created: 2024-01-02T03:04:05Z',
      'futureField: {a: [1, 2.5]}',
      'base: &b {x: 1}',
      'merged: {<<: *b, z: 2}',
    ].join('\n');
    assert.deepEqual(readManifestObjects(manifest), [
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        spec: { schema: { 'x-kubernetes-preserve-unknown-fields': true, $ref: '#/x' } },
      },
      {
        kind: 'Pod',
        mode: 0o644,
        hex: 31,
        enabled: true,
        false: false,
        created: '2024-01-02T03:04:05Z',
        futureField: { a: [1, 2.5] },
        base: { x: 1 },
        merged: { x: 1, z: 2 },
      },
    ]);
  });

  it("reads each document as the real Helm's sigs.k8s.io/yaml does (@helmts/goyaml's recorded oracle)", () => {
    let compared = 0;
    for (const { yaml, json } of helmOracle) {
      const expected = JSON.parse(json) as unknown;
      // fromYaml and fromYamlArray turn a failure, or a value of the other shape, into an error
      // message: only successful reads compare
      if (expected === null || typeof expected !== 'object' || /"Error"|error unmarshaling/.test(json)) continue;
      const actual = readYamlDocument(yaml);
      // an empty document is null here, {} or [] from fromYaml and fromYamlArray
      if (actual === null) assert.equal(Object.keys(expected).length, 0, yaml);
      else assert.deepEqual(actual, expected, yaml);
      compared++;
    }
    assert.ok(compared >= 10, `${compared} inputs compared`);
  });

  it("fails with the YAML reader's message", () => {
    assert.throws(
      () => readManifestObjects('---\nkind: Pod\n  metadata: x\n'),
      /^Error: error converting YAML to JSON: yaml: line \d+: /,
    );
  });
});
