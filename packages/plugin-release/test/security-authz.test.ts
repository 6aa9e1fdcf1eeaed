import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { AppsV1Api, CoreV1Api, RbacAuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { startTiller, silentLogger, type TillerHandle } from '@helmts/tiller';
import { kubeConfigFor, runHelmtsAsync, uniqueNamespace } from '@helmts/testkit';
import { hookCluster } from '@helmts/testkit/mocha-cluster-hook';

import {
  generateTillerTls,
  identityFromKubeconfigUser,
  tlsGenPaths,
  writeTillerTls,
  type TillerTlsBundle,
} from '../src/tiller-install/tls-gen.js';

/**
 * The done-when of the security issue, end to end: `helmts` child processes → mutual TLS →
 * a Tiller with --authz=impersonate running as the cluster admin → the local apiserver, where the
 * user `dev` (client certificate CN=dev, no RBAC bindings) only gets what a RoleBinding gives it.
 */
describe('security: mutual TLS, impersonation and the audit log @cluster', function () {
  this.timeout(240_000);
  let tiller: TillerHandle;
  let kc: KubeConfig;
  let core: CoreV1Api;
  let bundle: TillerTlsBundle;
  const audit: Record<string, unknown>[] = [];
  const tillerNs = uniqueNamespace('sec-tiller');
  const teamA = uniqueNamespace('team-a');
  const teamB = uniqueNamespace('team-b');
  const teamC = uniqueNamespace('team-c');
  let devHome: string;
  let adminHome: string;
  let noCertHome: string;
  let chart: string;

  const helmtsAs = (home: string, args: string[], extra: Record<string, string> = {}) =>
    runHelmtsAsync(args, {
      env: {
        HELMTS_HOME: home,
        HELMTS_HOST: `127.0.0.1:${tiller.port}`,
        TILLER_NAMESPACE: tillerNs,
        HELMTS_FORWARD_TOKEN: '0',
        ...extra,
      },
    });
  const dev = (args: string[]) => helmtsAs(devHome, [...args, '--tls-verify']);
  const admin = (args: string[]) => helmtsAs(adminHome, [...args, '--tls-verify']);
  const auditOf = (user: string, method: string, release: string) =>
    audit.filter((l) => l.user === user && l.method === method && l.release === release);

  before(async () => {
    const cluster = hookCluster();
    assert.ok(cluster?.restrictedContext, 'the local cluster has no restricted user "dev"');
    kc = kubeConfigFor(cluster);
    core = kc.makeApiClient(CoreV1Api);
    for (const ns of [tillerNs, teamA, teamB, teamC]) await core.createNamespace({ body: { metadata: { name: ns } } });

    // what `init --tls-gen` makes; dev's client certificate carries its kubeconfig identity
    const devIdentity = identityFromKubeconfigUser(
      kubeConfigFor(cluster, cluster.restrictedContext).getCurrentUser(),
      (p) => Buffer.from(p),
    );
    assert.equal(devIdentity.user, 'dev');
    bundle = generateTillerTls({ namespace: tillerNs, clientUser: devIdentity.user, clientGroups: devIdentity.groups });
    devHome = mkdtempSync(join(tmpdir(), 'helmts-sec-dev-'));
    await writeTillerTls(devHome, bundle);
    // an administrator's certificate from the same CA (group system:masters)
    adminHome = mkdtempSync(join(tmpdir(), 'helmts-sec-admin-'));
    const adminBundle = generateTillerTls({ namespace: tillerNs, clientUser: 'ops', clientGroups: ['system:masters'] });
    // re-sign: the admin's client certificate must come from the same CA as Tiller's
    const { createCertificate, generatePrivateKey, parseParentCertificate, pemDecode, pemEncode, privateKeyPem } =
      await import('@helmts/sprig/x509-builder');
    const { createPrivateKey } = await import('node:crypto');
    const caKey = createPrivateKey(bundle.caKey);
    const parent = parseParentCertificate(Buffer.from(pemDecode(bundle.caCert)!.bytes));
    const opsKey = generatePrivateKey('ecdsa');
    const now = new Date(Date.now() - 60_000);
    const opsCert = pemEncode(
      'CERTIFICATE',
      createCertificate(
        {
          commonName: 'ops',
          organizations: ['system:masters'],
          ipAddresses: [],
          dnsNames: [],
          notBefore: now,
          notAfter: new Date(now.getTime() + 86_400_000),
          isCA: false,
        },
        opsKey,
        caKey,
        parent,
      ),
    );
    await writeTillerTls(adminHome, {
      ...adminBundle,
      caCert: bundle.caCert,
      clientCert: opsCert,
      clientKey: privateKeyPem(opsKey),
    });
    // a home with only the CA: no client certificate
    noCertHome = mkdtempSync(join(tmpdir(), 'helmts-sec-nocert-'));
    writeFileSync(join(noCertHome, 'ca.pem'), bundle.caCert);

    chart = join(mkdtempSync(join(tmpdir(), 'helmts-sec-chart-')), 'deploy');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v1\nname: deploy\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'values.yaml'), 'image: registry.invalid/app:1\n');
    writeFileSync(
      join(chart, 'templates', 'deployment.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: 0\n  selector:\n    matchLabels: {app: {{ .Release.Name }}}\n' +
        '  template:\n    metadata:\n      labels: {app: {{ .Release.Name }}}\n    spec:\n      containers:\n      - name: app\n        image: {{ .Values.image }}\n',
    );

    tiller = await startTiller({
      listen: '127.0.0.1:0',
      storage: 'configmap',
      namespace: tillerNs,
      kubeConfig: kc,
      logger: silentLogger,
      authz: 'impersonate',
      tls: {
        enable: true,
        verify: true,
        cert: Buffer.from(bundle.serverCert),
        key: Buffer.from(bundle.serverKey),
        ca: Buffer.from(bundle.caCert),
      },
      audit: { onLine: (line) => audit.push(JSON.parse(line) as Record<string, unknown>) },
    });
  });

  after(async () => {
    await tiller?.stop();
    for (const home of [devHome, adminHome, noCertHome]) if (home) rmSync(home, { recursive: true, force: true });
    if (chart) rmSync(dirname(chart), { recursive: true, force: true });
    for (const ns of [tillerNs, teamA, teamB, teamC]) await core?.deleteNamespace({ name: ns }).catch(() => undefined);
  });

  it('init --tls-gen material is private: every file 0600, the server side carries no CA key', () => {
    for (const path of Object.values(tlsGenPaths(devHome))) assert.equal(statSync(path).mode & 0o777, 0o600, path);
  });

  it("refuses a client without a client certificate, in one line naming the address; the CA's certificate works", async () => {
    const address = `127.0.0.1:${tiller.port}`;
    const plain = await helmtsAs(noCertHome, ['list']);
    assert.notEqual(plain.status, 0);
    assert.match(
      plain.stderr,
      new RegExp(
        `^Error: .*Tiller at ${address.replace(/\./g, '\\.')}.*Tiller probably requires TLS: pass --tls-verify$`,
        'm',
      ),
    );
    // a certificate of another CA: refused in the TLS handshake, said in one line
    const strangerHome = mkdtempSync(join(tmpdir(), 'helmts-sec-stranger-'));
    const stranger = generateTillerTls({ namespace: tillerNs, clientUser: 'dev' });
    await writeTillerTls(strangerHome, { ...stranger, caCert: bundle.caCert });
    const foreign = await helmtsAs(strangerHome, ['list', '--tls-verify']);
    rmSync(strangerHome, { recursive: true, force: true });
    assert.notEqual(foreign.status, 0);
    assert.match(
      foreign.stderr,
      new RegExp(`^Error: .*Tiller at ${address.replace(/\./g, '\\.')}.*Tiller refused the TLS connection.*$`, 'm'),
    );
    const tlsNoCert = await helmtsAs(noCertHome, ['list', '--tls-verify']);
    assert.notEqual(tlsNoCert.status, 0);
    assert.match(tlsNoCert.stderr, /cannot read the TLS certificate .*cert\.pem/);
    const ok = await dev(['list']);
    assert.equal(ok.status, 0, ok.stderr);
  });

  it('dev cannot install into a namespace where it has no rights; the error names the permission', async () => {
    const r = await dev(['install', chart, '--name', 'dev-a1', '--namespace', teamA]);
    assert.notEqual(r.status, 0);
    assert.match(
      r.stderr,
      new RegExp(
        `user "dev" may not create release "dev-a1": that needs permission to create "configmaps" in namespace "${teamA}"`,
      ),
    );
    assert.equal(auditOf('dev', 'InstallRelease', 'dev-a1').at(-1)?.result, 'denied');
  });

  it('with the release permission but not Deployments, the apiserver refuses the Deployment as dev', async () => {
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace: teamA,
      body: {
        metadata: { name: 'releases' },
        rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'create', 'update', 'delete'] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: teamA,
      body: {
        metadata: { name: 'dev-releases' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'releases' },
        subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }],
      },
    });
    const r = await dev(['install', chart, '--name', 'dev-a2', '--namespace', teamA]);
    assert.notEqual(r.status, 0);
    assert.match(
      r.stderr,
      new RegExp(
        `^Error: release dev-a2 failed: deployments.apps "dev-a2" is forbidden: User "dev" cannot (get|patch) resource "deployments" in API group "apps" in the namespace "${teamA}"$`,
        'm',
      ),
    );
    const line = auditOf('dev', 'InstallRelease', 'dev-a2').at(-1);
    assert.equal(line?.result, 'denied');
    assert.equal(line?.code, 'PERMISSION_DENIED');
  });

  it('after a RoleBinding for Deployments dev can install, and only there', async () => {
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace: teamA,
      body: {
        metadata: { name: 'deployer' },
        rules: [
          {
            apiGroups: ['apps'],
            resources: ['deployments'],
            verbs: ['get', 'list', 'create', 'update', 'patch', 'delete'],
          },
        ],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: teamA,
      body: {
        metadata: { name: 'dev-deployer' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployer' },
        subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }],
      },
    });
    const r = await dev(['install', chart, '--name', 'dev-a3', '--namespace', teamA]);
    assert.equal(r.status, 0, r.stderr);
    const live = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'dev-a3', namespace: teamA });
    assert.equal(live.metadata?.managedFields?.[0]?.manager, 'tiller');
    const line = auditOf('dev', 'InstallRelease', 'dev-a3').at(-1);
    assert.deepEqual([line?.result, line?.namespace, line?.revision, line?.via], ['success', teamA, 1, 'certificate']);
    const elsewhere = await dev(['install', chart, '--name', 'dev-c1', '--namespace', teamC]);
    assert.notEqual(elsewhere.status, 0);
    assert.match(
      elsewhere.stderr,
      new RegExp(
        `may not create release "dev-c1": that needs permission to create "configmaps" in namespace "${teamC}"`,
      ),
    );
  });

  it("dev can neither see nor delete another team's release", async () => {
    const b = await admin(['install', chart, '--name', 'ops-b1', '--namespace', teamB]);
    assert.equal(b.status, 0, b.stderr);
    const adminList = await admin(['list', '--output', 'json']);
    assert.ok(
      (JSON.parse(adminList.stdout) as { Releases: { Name: string }[] }).Releases.some((x) => x.Name === 'ops-b1'),
    );
    const devList = await dev(['list', '--output', 'json']);
    assert.equal(devList.status, 0, devList.stderr);
    // dev's own (dev-a2 FAILED, dev-a3 DEPLOYED), not team B's
    assert.deepEqual(
      (JSON.parse(devList.stdout) as { Releases: { Name: string }[] }).Releases.map((x) => x.Name).sort(),
      ['dev-a2', 'dev-a3'],
    );
    const status = await dev(['status', 'ops-b1']);
    assert.notEqual(status.status, 0);
    assert.match(
      status.stderr,
      new RegExp(
        `user "dev" may not get release "ops-b1": that needs permission to get "configmaps" in namespace "${teamB}"`,
      ),
    );
    const del = await dev(['delete', 'ops-b1', '--purge']);
    assert.notEqual(del.status, 0);
    assert.match(del.stderr, /user "dev" may not delete release "ops-b1"/);
    // still there, untouched
    const after = await admin(['status', 'ops-b1']);
    assert.equal(after.status, 0, after.stderr);
    assert.match(after.stdout, /STATUS: DEPLOYED/);
  });

  it('the audit log has a line for each attempt', () => {
    const seen = audit.filter((l) => l.user === 'dev').map((l) => `${l.method} ${l.release ?? ''} ${l.result}`);
    for (const expected of [
      'InstallRelease dev-a1 denied',
      'InstallRelease dev-a2 denied',
      'InstallRelease dev-a3 success',
      'InstallRelease dev-c1 denied',
      'GetReleaseStatus ops-b1 denied',
      'UninstallRelease ops-b1 denied',
      'ListReleases  success',
    ])
      assert.ok(seen.includes(expected), `no audit line "${expected}" in:\n${seen.join('\n')}`);
    for (const line of audit) {
      assert.ok(
        typeof line.time === 'string' && typeof line.peer === 'string' && typeof line.method === 'string',
        JSON.stringify(line),
      );
    }
    assert.ok(audit.some((l) => l.user === 'ops' && l.method === 'InstallRelease' && l.result === 'success'));
  });

  it('TLS to an IP --host: no DEP0123 warning (no IP as the TLS server name), the certificate still checked', async () => {
    const r = await admin(['list']);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /DEP0123|DeprecationWarning/);
  });

  it('--tls-hostname is the name the certificate must hold, also when --host is an IP (as Helm 2)', async () => {
    const named = await admin(['list', '--tls-hostname', '127.0.0.1']);
    assert.equal(named.status, 0, named.stderr);
    const other = await admin(['list', '--tls-hostname', 'elsewhere.example.com']);
    assert.equal(other.status, 1, other.stdout);
    assert.match(other.stderr, /^Error: .*elsewhere\.example\.com/m);
    assert.doesNotMatch(other.stderr, /DEP0123|DeprecationWarning/);
  });
});
