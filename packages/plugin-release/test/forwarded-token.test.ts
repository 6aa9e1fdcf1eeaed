import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { resolveSettings } from '@helmts/core';

import { forwardedToken, userHasNoToken } from '../src/tiller/forwarded-token.js';

// userHasNoToken lets a command to a local Tiller skip loading the Kubernetes client when the
// kubeconfig user authenticates with a certificate; it must never skip a user that has a token.
describe('the kubeconfig user is read without the Kubernetes client when it has no token', () => {
  let dir: string;
  const kubeconfig = (current: string, users: [string, string[]][]) =>
    [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${current}`,
      'clusters:',
      '- name: c',
      '  cluster:',
      '    server: https://127.0.0.1:1',
      'contexts:',
      ...users.flatMap(([name]) => [`- name: ${name}`, '  context:', '    cluster: c', `    user: ${name}`]),
      'users:',
      ...users.flatMap(([name, lines]) => [`- name: ${name}`, '  user:', ...lines.map((l) => `    ${l}`)]),
    ].join('\n');
  const settings = (file: string, context?: string) =>
    resolveSettings({ kubeconfig: file, ...(context ? { 'kube-context': context } : {}) }, {});

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'helmts-token-'));
    writeFileSync(
      join(dir, 'a'),
      kubeconfig('cert', [
        ['cert', ['client-certificate-data: AAAA', 'client-key-data: AAAA']],
        ['tok', ['token: s3cret']],
        ['exec', ['exec:', '  apiVersion: client.authentication.k8s.io/v1', '  command: /bin/false']],
      ]),
    );
    writeFileSync(join(dir, 'b'), kubeconfig('tok', [['tok', ['client-certificate-data: AAAA']]]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('says so for a certificate user, and not for a token or exec user', () => {
    assert.equal(userHasNoToken(settings(join(dir, 'a'))), true);
    assert.equal(userHasNoToken(settings(join(dir, 'a'), 'tok')), false);
    assert.equal(userHasNoToken(settings(join(dir, 'a'), 'exec')), false);
  });

  it('merges KUBECONFIG lists as kubectl does: the first file naming a user wins', () => {
    assert.equal(userHasNoToken(settings([join(dir, 'a'), join(dir, 'b')].join(delimiter), 'tok')), false);
    assert.equal(userHasNoToken(settings([join(dir, 'b'), join(dir, 'a')].join(delimiter), 'tok')), true);
  });

  it('is in doubt (false) when a kubeconfig file is missing', () => {
    assert.equal(userHasNoToken(settings(join(dir, 'missing'))), false);
  });

  it('still forwards a static token to a loopback Tiller', async () => {
    const s = settings(join(dir, 'a'), 'tok');
    assert.equal(await forwardedToken(s, { tls: false, address: '127.0.0.1:44134' }), 's3cret');
    assert.equal(await forwardedToken(settings(join(dir, 'a')), { tls: false, address: '127.0.0.1:44134' }), undefined);
  });
});
