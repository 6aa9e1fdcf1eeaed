import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { resolveSettings } from '@helmts/core';

import { contextNamespace } from '../src/kube-context-namespace.js';

describe('the default release namespace comes from the kube-context', () => {
  let dir: string;
  const kubeconfig = (current: string, contexts: [string, string?][]) =>
    [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${current}`,
      'contexts:',
      ...contexts.flatMap(([name, ns]) => [
        `- name: ${name}`,
        '  context:',
        '    cluster: c',
        ...(ns ? [`    namespace: ${ns}`] : []),
      ]),
    ].join('\n');

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'helmts-kubectx-'));
    writeFileSync(join(dir, 'a'), kubeconfig('team', [['team', 'team-a'], ['plain']]));
    writeFileSync(join(dir, 'b'), kubeconfig('other', [['other', 'from-b']]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("uses the current context's namespace", () => {
    assert.equal(contextNamespace(resolveSettings({ kubeconfig: join(dir, 'a') }, {})), 'team-a');
  });

  it('follows --kube-context, and says "default" when the context has none', () => {
    assert.equal(
      contextNamespace(resolveSettings({ kubeconfig: join(dir, 'a'), 'kube-context': 'plain' }, {})),
      'default',
    );
  });

  it('merges a KUBECONFIG list with the first current-context winning', () => {
    assert.equal(
      contextNamespace(resolveSettings({ kubeconfig: [join(dir, 'a'), join(dir, 'b')].join(delimiter) }, {})),
      'team-a',
    );
    assert.equal(
      contextNamespace(
        resolveSettings({ kubeconfig: [join(dir, 'a'), join(dir, 'b')].join(delimiter), 'kube-context': 'other' }, {}),
      ),
      'from-b',
    );
  });

  it('falls back to "default" without a readable kubeconfig', () => {
    assert.equal(contextNamespace(resolveSettings({ kubeconfig: join(dir, 'missing') }, {})), 'default');
  });
});
