import assert from 'node:assert/strict';

import fc from 'fast-check';
import { parse, stringify } from 'yaml';

import { parseSimpleKubeconfigYaml } from '../src/tunnel/kubeconfig-yaml.js';

// What kubectl writes (`kubectl config view --raw`): sequences at their key's column, `{}`.
const KUBECTL = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJtakNDQVQrZ0F3SUJBZ0lV
    server: https://127.0.0.1:6443
  name: kind-kind
contexts:
- context:
    cluster: kind-kind
    namespace: team-a
    user: kind-kind
  name: kind-kind
current-context: kind-kind
kind: Config
preferences: {}
users:
- name: kind-kind
  user:
    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJyVENDQVZLZ0F3SUJBZ0lV
    client-key-data: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JR0hBZ0VBTUJNR0J5cUdTTTQ5QWdF
- name: "quoted user"
  user:
    token: 'it''s a token'
    insecure: true
`;

describe('the kubeconfig read without the YAML library', () => {
  it('reads what kubectl writes exactly as the YAML library does', () => {
    const fast = parseSimpleKubeconfigYaml(KUBECTL);
    assert.notEqual(fast, undefined);
    assert.deepEqual(fast, parse(KUBECTL));
  });

  it('reads indented sequences, comments and CRLF line ends as the YAML library does', () => {
    const text =
      '# generated\r\nclusters:\r\n  - name: a\r\n    cluster:\r\n      server: https://h:1\r\n\r\ncurrent-context: a\r\n';
    assert.deepEqual(parseSimpleKubeconfigYaml(text), parse(text));
  });

  it('leaves to the YAML library what it does not read (never a different answer)', () => {
    for (const text of [
      'a: 1\n', // a number
      'a: null\n',
      'a: [x, y]\n',
      'a: |\n  block\n',
      'a: &x b\nc: *x\n',
      'a: !!str b\n',
      'a: b # comment\n',
      'a: "esc\\n"\n',
      'a: b\na: c\n', // duplicate key
      'a: multi\n  line\n',
      'a:\tb\n',
      '---\na: b\n',
      'a:b\n',
      '__proto__: x\n',
      '',
    ])
      assert.equal(parseSimpleKubeconfigYaml(text), undefined, JSON.stringify(text));
  });

  it('agrees with the YAML library on generated kubeconfig-like documents in any style it writes', () => {
    const word = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_./-]{0,8}$/);
    const leaf = fc.oneof(
      fc.string({ maxLength: 12 }),
      // what kubeconfigs hold: names, URLs, base64, paths (most documents then take the fast path)
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9:/._=+ '"-]{0,24}$/),
      fc.boolean(),
      fc.integer(),
      fc.constant(null),
      fc.constant({}),
      fc.constant([]),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('map'), tie('list')),
      map: fc.dictionary(word, tie('node'), { maxKeys: 4 }),
      list: fc.array(tie('node'), { maxLength: 3 }),
    })).map;
    fc.assert(
      fc.property(value, fc.boolean(), fc.boolean(), (doc, indentSeq, quoted) => {
        const text = stringify(doc, {
          indentSeq,
          defaultStringType: quoted ? 'QUOTE_SINGLE' : 'PLAIN',
          defaultKeyType: 'PLAIN',
        });
        const fast = parseSimpleKubeconfigYaml(text);
        if (fast !== undefined) assert.deepEqual(fast, parse(text), text);
      }),
      { numRuns: 2000 },
    );
  });
});
