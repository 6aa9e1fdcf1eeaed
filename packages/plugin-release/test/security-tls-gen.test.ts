import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runHelmtsAsync } from '@helmts/testkit';

import { tlsGenPaths } from '../src/tiller-install/tls-gen.js';

interface Item {
  kind: string;
  data?: Record<string, string>;
  spec?: { template: { spec: { containers: { args: string[]; env: { name: string; value: string }[] }[] } } };
}

describe('security: init --tls-gen', function () {
  this.timeout(60_000);
  let home: string;
  before(() => {
    home = mkdtempSync(join(tmpdir(), 'helmts-tlsgen-'));
  });
  after(() => rmSync(home, { recursive: true, force: true }));
  const helmts = (args: string[]) =>
    runHelmtsAsync(args, { env: { HELMTS_HOME: home, KUBECONFIG: join(home, 'no-kubeconfig') } });

  it('makes a CA, server (with --tiller-tls-hostname) and client certificates (0600) and puts only the server side into tiller-secret', async () => {
    const r = await helmts([
      'init',
      '--tls-gen',
      '-o',
      'json',
      '--tiller-namespace',
      'secure',
      '--tiller-tls-hostname',
      'tiller.example.com',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const paths = tlsGenPaths(home);
    for (const path of Object.values(paths)) assert.equal(statSync(path).mode & 0o777, 0o600, path);
    const items = (JSON.parse(r.stdout) as { items: Item[] }).items;
    const secret = items.find((i) => i.kind === 'Secret')!;
    const decoded = Object.fromEntries(
      Object.entries(secret.data!).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
    );
    assert.deepEqual(Object.keys(decoded).sort(), ['ca.crt', 'tls.crt', 'tls.key']);
    assert.equal(decoded['tls.key'], readFileSync(paths.serverKey, 'utf8'));
    assert.equal(decoded['ca.crt'], readFileSync(paths.caCert, 'utf8'));
    const caKey = readFileSync(paths.caKey, 'utf8');
    assert.ok(
      !r.stdout.includes(Buffer.from(caKey).toString('base64')) && !Object.values(decoded).includes(caKey),
      'the CA key left HELMTS_HOME',
    );
    const ca = new X509Certificate(readFileSync(paths.caCert));
    const server = new X509Certificate(readFileSync(paths.serverCert));
    const client = new X509Certificate(readFileSync(paths.clientCert));
    assert.ok(server.verify(ca.publicKey) && client.verify(ca.publicKey));
    assert.match(server.subjectAltName ?? '', /DNS:tiller-deploy\.secure\.svc/);
    // --tiller-tls-hostname: the name a client verifies with --tls-hostname is in the certificate too.
    assert.match(server.subjectAltName ?? '', /DNS:tiller\.example\.com/);
    const container = items.find((i) => i.kind === 'Deployment')!.spec!.template.spec.containers[0]!;
    assert.ok(!container.args.includes('--insecure-listen'), 'mutual TLS needs no --insecure-listen');
    assert.equal(container.env.find((e) => e.name === 'TILLER_TLS_VERIFY')?.value, '1');
  });

  it('refuses to overwrite certificates already in HELMTS_HOME', async () => {
    const r = await helmts(['init', '--tls-gen', '-o', 'json']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--tls-gen would overwrite .*ca\.pem/);
  });
});
