import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { readManifestObjects, splitYamlDocuments } from '../src/kube/manifest-objects.js';

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

  it("fails with the YAML reader's message", () => {
    assert.throws(
      () => readManifestObjects('---\nkind: Pod\n  metadata: x\n'),
      /^Error: error converting YAML to JSON: yaml: line \d+: /,
    );
  });
});
