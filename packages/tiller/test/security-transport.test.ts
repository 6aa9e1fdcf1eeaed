// Transport security without a cluster: the listen policy, mutual TLS, the bin's refusal, the
// identity a verified client certificate gives, the audit line, and the chart-message limits.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { KubeConfig } from '@kubernetes/client-node';
import { createReleaseServiceClient, type ReleaseServiceClient } from '@helmts/proto';
import { startTiller, silentLogger, jsonLogger, type TillerHandle } from '../src/index.js';
import { InsecureListenError, isLoopbackHost } from '../src/security/listen-policy.js';
import { checkChartMessage } from '../src/security/chart-message-limits.js';
import { testPki } from './test-certs.js';

function offlineKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'none', server: 'https://127.0.0.1:1', skipTLSVerify: true }],
    users: [{ name: 'none' }],
    contexts: [{ name: 'none', cluster: 'none', user: 'none' }],
    currentContext: 'none',
  });
  return kc;
}

const base = {
  storage: 'memory' as const,
  kubeConfig: offlineKubeConfig(),
  namespace: 'kube-system',
  logger: silentLogger,
};

function history(client: ReleaseServiceClient, name: string): Promise<{ code: number; details: string }> {
  return new Promise((resolve) => {
    client.GetHistory({ name, max: 1 }, new grpc.Metadata(), { deadline: Date.now() + 5000 }, (err) =>
      resolve({ code: err?.code ?? 0, details: err?.details ?? '' }),
    );
  });
}

describe('security: transport', function () {
  this.timeout(60_000);

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) assert.equal(isLoopbackHost(h), true, h);
    for (const h of ['0.0.0.0', '', '::', '10.0.0.1', 'example.com', '128.0.0.1'])
      assert.equal(isLoopbackHost(h), false, h);
  });

  it('refuses to listen on 0.0.0.0 without TLS, or with TLS but no client verification', async () => {
    await assert.rejects(
      startTiller({ ...base, listen: '0.0.0.0:0' }),
      (e: Error) =>
        e instanceof InsecureListenError && /refusing to listen on 0\.0\.0\.0:0 with plaintext/.test(e.message),
    );
    const pki = testPki();
    await assert.rejects(
      startTiller({
        ...base,
        listen: '0.0.0.0:0',
        tls: { enable: true, verify: false, cert: pki.serverCert, key: pki.serverKey },
      }),
      /TLS without client certificate verification/,
    );
  });

  it('listens on 0.0.0.0 with --insecure-listen, logging a warning', async () => {
    const lines: string[] = [];
    const tiller = await startTiller({
      ...base,
      listen: '0.0.0.0:0',
      insecureListen: true,
      logger: jsonLogger((l) => lines.push(l)),
    });
    await tiller.stop(100);
    const warning = lines.map((l) => JSON.parse(l) as { level: string; msg: string }).find((l) => l.level === 'warn');
    assert.match(warning?.msg ?? '', /without mutual TLS \(--insecure-listen\)/);
  });

  it('the bin exits with the reason when told to listen on 0.0.0.0 in plaintext', () => {
    const bin = fileURLToPath(new URL('../bin/tiller.js', import.meta.url));
    const r = spawnSync(process.execPath, [bin, '--listen', '0.0.0.0:0', '--probe-listen', '', '--storage', 'memory'], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, KUBECONFIG: '/dev/null' },
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /refusing to listen on 0\.0\.0\.0:0 with plaintext/);
  });

  describe('mutual TLS', () => {
    const pki = testPki();
    const audit: Record<string, unknown>[] = [];
    let tiller: TillerHandle;
    before(async () => {
      tiller = await startTiller({
        ...base,
        listen: '0.0.0.0:0',
        tls: { enable: true, verify: true, cert: pki.serverCert, key: pki.serverKey, ca: pki.ca },
        audit: { onLine: (l) => audit.push(JSON.parse(l) as Record<string, unknown>) },
      });
    });
    after(() => tiller?.stop(100));
    const target = () => `127.0.0.1:${tiller.port}`;

    it('refuses a client without a certificate, and one with a certificate of another CA', async () => {
      const noCert = createReleaseServiceClient(target(), grpc.credentials.createSsl(pki.ca));
      const r1 = await history(noCert, 'x');
      noCert.close();
      assert.equal(r1.code, grpc.status.UNAVAILABLE, r1.details);
      const other = testPki('other-ca').client('mallory');
      const wrongCa = createReleaseServiceClient(target(), grpc.credentials.createSsl(pki.ca, other.key, other.cert));
      const r2 = await history(wrongCa, 'x');
      wrongCa.close();
      assert.equal(r2.code, grpc.status.UNAVAILABLE, r2.details);
      const plain = createReleaseServiceClient(target(), grpc.credentials.createInsecure());
      const r3 = await history(plain, 'x');
      plain.close();
      assert.equal(r3.code, grpc.status.UNAVAILABLE, r3.details);
      assert.equal(audit.length, 0, 'refused connections never reach a handler');
    });

    it('serves a client with a certificate of its CA, which names the caller in the audit log', async () => {
      const alice = pki.client('alice', ['team-a', 'devs']);
      const client = createReleaseServiceClient(target(), grpc.credentials.createSsl(pki.ca, alice.key, alice.cert));
      const r = await history(client, 'nosuch');
      client.close();
      assert.equal(r.code, grpc.status.NOT_FOUND, r.details);
      const line = audit.at(-1)!;
      assert.equal(line.method, 'GetHistory');
      assert.equal(line.user, 'alice');
      assert.deepEqual(line.groups, ['team-a', 'devs']);
      assert.equal(line.via, 'certificate');
      assert.equal(line.release, 'nosuch');
      assert.equal(line.result, 'failure');
      assert.equal(line.code, 'NOT_FOUND');
      assert.match(String(line.peer), /127\.0\.0\.1/);
    });
  });

  it('refuses chart messages over the chart library limits', () => {
    const meta = { name: 'c' } as never;
    const chart = (templates: number, bytes: number, deps: unknown[] = []) =>
      ({
        metadata: meta,
        templates: Array.from({ length: templates }, (_, i) => ({ name: `t${i}`, data: new Uint8Array(bytes) })),
        files: [],
        dependencies: deps,
        values: { raw: '' },
      }) as never;
    assert.doesNotThrow(() => checkChartMessage(chart(3, 10)));
    assert.throws(
      () => checkChartMessage(chart(1, 6 * 1024 * 1024)),
      /file "t0" is 6291456 bytes, over the limit of 5242880/,
    );
    assert.throws(
      () =>
        checkChartMessage(chart(10, 10), {
          maxFiles: 5,
          maxFileBytes: 100,
          maxTotalBytes: 1000,
          maxDependencyDepth: 3,
        }),
      /more than 5 files/,
    );
    let deep = chart(0, 0);
    for (let i = 0; i < 30; i++) deep = chart(0, 0, [deep]);
    assert.throws(() => checkChartMessage(deep), /nest deeper than 20 levels/);
  });
});
