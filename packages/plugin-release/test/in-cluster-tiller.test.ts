// Tiller in the cluster, for real: the image built here, loaded into the local node, `helmts init
// --wait` deploying it as on any cluster (a pod on the pod network that reaches the API server
// through the "kubernetes" Service; mutual TLS, impersonation), and every client command reaching
// it through the port-forward tunnel with no --host. Then `reset`, the one-line fallback to a local
// Tiller when no Tiller pod exists, and plain `init` (no TLS) used with a bearer token.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { AppsV1Api, CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { kubeConfigFor, localClusterScript, runHelmtsAsync, uniqueNamespace } from '@helmts/testkit';
import { hookCluster } from '@helmts/testkit/mocha-cluster-hook';
import { buildTillerImage } from '@helmts/tiller-image';

const chart = fileURLToPath(new URL('fixtures/webapp', import.meta.url));
const IMAGE = 'localhost/helmts/tiller:in-cluster-test';
const FALLBACK = /running a local Tiller for this command/;
const TILLER_PORT = 44134; // in its own pod network, every Tiller pod has Helm 2's port

describe('Tiller in the cluster through the tunnel @cluster', function () {
  this.timeout(600_000);
  let scratch: string;
  let kc: KubeConfig;
  let tillerNs: string;
  let releaseNs: string;
  const env = () => ({
    HELMTS_HOME: join(scratch, 'home'),
    TILLER_NAMESPACE: tillerNs,
    HELM_TLS_VERIFY: '1',
    HELMTS_HOST: undefined,
    HELM_HOST: undefined,
  });
  const helmts = (args: string[]) => runHelmtsAsync(args, { env: env() });

  before(async function () {
    const cluster = hookCluster();
    assert.ok(cluster, 'no cluster');
    kc = kubeConfigFor(cluster);
    scratch = mkdtempSync(join(tmpdir(), 'helmts-in-cluster-'));
    tillerNs = uniqueNamespace('tiller');
    releaseNs = uniqueNamespace('rel');
    const archive = join(scratch, 'tiller.tar');
    await buildTillerImage({ out: archive, name: IMAGE });
    execFileSync('bash', [localClusterScript(), 'load-image', archive], { stdio: 'pipe' });
    const core = kc.makeApiClient(CoreV1Api);
    for (const name of [tillerNs, releaseNs]) await core.createNamespace({ body: { metadata: { name } } });
  });

  after(async () => {
    await helmts(['reset', '--force']).catch(() => undefined);
    const core = kc.makeApiClient(CoreV1Api);
    for (const name of [tillerNs, releaseNs]) await core.deleteNamespace({ name }).catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('with no Tiller pod, a command runs a local Tiller and says so in one line', async () => {
    const r = await helmts(['list']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, FALLBACK);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`no Tiller pod \\(app=helm,name=tiller\\) in namespace ${tillerNs}`));
  });

  it('version with no Tiller pod shows the client only; --server says in one line that none was found', async () => {
    const r = await helmts(['version']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Client: &version\.Version\{SemVer:"v[^"]+"[^\n]*\}\n$/);
    assert.equal(r.stderr, '');
    const server = await helmts(['version', '--server']);
    assert.equal(server.status, 1);
    assert.match(server.stderr, new RegExp(`^Error: cannot reach Tiller: no Tiller pod .* in namespace ${tillerNs}\n`));
    assert.doesNotMatch(server.stderr, FALLBACK);
  });

  it('init --wait deploys the image on the pod network; the pod is Ready, runs as nobody on a read-only root', async () => {
    const r = await helmts(['init', '--tls-gen', '--cluster-wide', '--tiller-image', IMAGE, '--wait']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Tiller .* has been installed/);
    const pods = await kc
      .makeApiClient(CoreV1Api)
      .listNamespacedPod({ namespace: tillerNs, labelSelector: 'app=helm,name=tiller' });
    assert.equal(pods.items.length, 1);
    const pod = pods.items[0];
    assert.ok(pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    const sc = pod.spec!.containers[0].securityContext!;
    assert.equal(sc.runAsUser, 65534);
    assert.equal(sc.readOnlyRootFilesystem, true);
    const deployment = await kc
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'tiller-deploy', namespace: tillerNs });
    // Not the host network: the pod has an address of the node's pod subnet, and dials the API
    // server at the address Kubernetes gave it (the "kubernetes" Service), not one init set.
    assert.notEqual(deployment.spec?.template.spec?.hostNetwork, true);
    assert.notEqual(pod.status?.podIP, pod.status?.hostIP);
    assert.match(pod.status?.podIP ?? '', /^10\.(2[0-4]\d)\.\d+\.\d+$/);
    const env = pod.spec!.containers[0].env ?? [];
    assert.deepEqual(
      env.filter((e) => e.name.startsWith('KUBERNETES_')),
      [],
    );
  });

  it("version reaches the Tiller pod's server part through the tunnel, with mutual TLS", async () => {
    const r = await helmts(['version']);
    assert.equal(r.status, 0, r.stderr);
    // Tiller speaks as Helm 2's v2.17.0 (the protocol it implements), with the commit "helmts".
    assert.match(
      r.stdout,
      /^Client: &version\.Version\{[^\n]*\}\nServer: &version\.Version\{SemVer:"v2\.17\.0", GitCommit:"helmts", GitTreeState:"clean"\}\n$/,
    );
    const json = await helmts(['version', '--server', '-o', 'json']);
    assert.equal(json.status, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), {
      server: { semVer: 'v2.17.0', gitCommit: 'helmts', gitTreeState: 'clean' },
    });
    // The pod serves mutual TLS only: without the TLS flags the client cannot talk to it.
    const plain = await runHelmtsAsync(['version', '--server', '--tiller-connection-timeout', '5'], {
      env: { ...env(), HELM_TLS_VERIFY: undefined },
    });
    assert.equal(plain.status, 1);
    assert.match(plain.stderr, /^Error: cannot reach Tiller at 127\.0\.0\.1:\d+: .*TLS/);
  });

  it('install, upgrade, rollback, history, delete: no --host, no local Tiller', async () => {
    const run = async (args: string[]) => {
      const r = await helmts(args);
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, FALLBACK);
      return r.stdout;
    };
    await run(['install', chart, '--name', 'tunnelled', '--namespace', releaseNs]);
    await run(['upgrade', 'tunnelled', chart, '--set', 'replicaCount=2']);
    await run(['rollback', 'tunnelled', '1']);
    const history = await run(['history', 'tunnelled']);
    assert.deepEqual(
      history
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t')[2].trim()),
      ['SUPERSEDED', 'SUPERSEDED', 'DEPLOYED'],
    );
    // The in-cluster Tiller stored them, in its namespace.
    const records = await kc
      .makeApiClient(CoreV1Api)
      .listNamespacedConfigMap({ namespace: tillerNs, labelSelector: 'OWNER=TILLER,NAME=tunnelled' });
    assert.equal(records.items.length, 3);
    // status reads the live objects as the caller (impersonated): none may be reported MISSING
    const status = await run(['status', 'tunnelled']);
    assert.match(status, /\nRESOURCES:\n==> v1\/ConfigMap\n/);
    assert.doesNotMatch(status, /MISSING/);
    await run(['delete', '--purge', 'tunnelled']);
    assert.equal((await run(['list', '--all'])).trim(), '');
  });

  it('a plugin.yaml plugin with useTunnel gets TILLER_HOST at a tunnel to the pod, open while it runs', async () => {
    const dir = join(scratch, 'home', 'plugins', 'tunnelcheck');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'plugin.yaml'),
      'name: tunnelcheck\nversion: 0.1.0\nusage: ask Tiller through the tunnel\nuseTunnel: true\ncommand: "$HELM_PLUGIN_DIR/run.sh"\n',
    );
    writeFileSync(
      join(dir, 'run.sh'),
      '#!/bin/sh\necho "TILLER_HOST=$TILLER_HOST HELM_HOST=$HELM_HOST"\nexec "$HELM_BIN" version --server --host "$TILLER_HOST"\n',
      { mode: 0o755 },
    );
    const r = await helmts(['tunnelcheck']);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, FALLBACK);
    const m =
      /^TILLER_HOST=(127\.0\.0\.1:(\d+)) HELM_HOST=\1\nServer: &version\.Version\{SemVer:"v2\.17\.0", GitCommit:"helmts"/.exec(
        r.stdout,
      );
    assert.ok(m, r.stdout);
    // The tunnel's local end, not the pod's own port; closed once the plugin has exited.
    assert.notEqual(Number(m[2]), TILLER_PORT);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(m[2]), '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });
    assert.ok(refused, `the tunnel at ${m[1]} is still open`);
  });

  it('a tunnel that breaks mid-command (the Tiller pod deleted) ends it with one error naming the pod', async () => {
    // A Deployment that never turns Ready keeps `install --wait` inside Tiller for minutes.
    const dir = join(scratch, 'never-ready');
    mkdirSync(join(dir, 'templates'), { recursive: true });
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v1\nname: never-ready\nversion: 0.1.0\n');
    writeFileSync(
      join(dir, 'templates', 'deployment.yaml'),
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: "{{ .Release.Name }}"}',
        'spec:',
        '  selector: {matchLabels: {app: "{{ .Release.Name }}"}}',
        '  template:',
        '    metadata: {labels: {app: "{{ .Release.Name }}"}}',
        '    spec:',
        '      containers:',
        '        - name: main',
        '          image: localhost/helmts/busybox:1.35.0',
        '          imagePullPolicy: Never',
        '          command: [sleep, "3600"]',
        '          readinessProbe: {exec: {command: ["false"]}, periodSeconds: 2}',
        '',
      ].join('\n'),
    );
    const core = kc.makeApiClient(CoreV1Api);
    const [pod] = (await core.listNamespacedPod({ namespace: tillerNs, labelSelector: 'app=helm,name=tiller' })).items;
    const install = helmts(['install', dir, '--name', 'cut', '--namespace', releaseNs, '--wait', '--timeout', '300']);
    // Once Tiller holds the release (its PENDING_INSTALL record), take the pod away.
    for (let i = 0; i < 120; i++) {
      const records = await core.listNamespacedConfigMap({ namespace: tillerNs, labelSelector: 'NAME=cut' });
      if (records.items.length > 0) break;
      await new Promise((res) => setTimeout(res, 500));
    }
    await core.deleteNamespacedPod({ name: pod.metadata!.name!, namespace: tillerNs, gracePeriodSeconds: 0 });
    const r = await install;
    assert.equal(r.status, 1, r.stdout);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('Error:') || /^\s+at /.test(l));
    assert.deepEqual(errors.length, 1, r.stderr);
    // Deleting the pod also ends its ServiceAccount token at once, while the kubelet stops the
    // container a moment later: either the tunnel breaks first, or Tiller, its credentials refused,
    // fails the operation first. Each is one line saying which.
    const tunnelBroke = new RegExp(
      `^Error: cannot reach Tiller pod ${tillerNs}/${pod.metadata!.name}: the tunnel broke: `,
    );
    const tokenEnded =
      /^Error: release cut failed: the API server refused Tiller's credentials \(Unauthorized\); a ServiceAccount token ends with its pod$/;
    assert.ok(tunnelBroke.test(errors[0]!) || tokenEnded.test(errors[0]!), errors[0]);
    if (tunnelBroke.test(errors[0]!)) assert.match(r.stderr, /\nHint: run the command again/);
    // The record is intact: the Deployment's next Tiller pod serves it.
    const history = await helmts(['history', 'cut']);
    assert.equal(history.status, 0, history.stderr);
    assert.match(history.stdout, /\n1\s+\t[^\n]*never-ready-0\.1\.0/);
  });

  it('reset --force removes Tiller; the next command falls back to a local Tiller', async () => {
    const r = await helmts(['reset', '--force']);
    assert.equal(r.status, 0, r.stderr);
    const apps = kc.makeApiClient(AppsV1Api);
    await assert.rejects(apps.readNamespacedDeployment({ name: 'tiller-deploy', namespace: tillerNs }));
    // The pod goes with its ReplicaSet: wait for it, then the client finds none.
    const core = kc.makeApiClient(CoreV1Api);
    for (let i = 0; i < 60; i++) {
      const pods = await core.listNamespacedPod({ namespace: tillerNs, labelSelector: 'app=helm,name=tiller' });
      if (pods.items.length === 0) break;
      await new Promise((res) => setTimeout(res, 1000));
    }
    const list = await runHelmtsAsync(['list'], { env: { ...env(), HELM_TLS_VERIFY: undefined } });
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stderr, FALLBACK);
  });

  it('plain init (no TLS, no --net-host): Ready; a bearer-token user lists and installs through the tunnel', async () => {
    // The default path, exactly as a user types it.
    const plain = { ...env(), HELM_TLS_VERIFY: undefined };
    const init = await runHelmtsAsync(['init', '--tiller-image', IMAGE, '--wait'], { env: plain });
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout, /has been installed into your Kubernetes Cluster\.\n\nPlease note: .*insecure/);
    const core = kc.makeApiClient(CoreV1Api);
    const [pod] = (await core.listNamespacedPod({ namespace: tillerNs, labelSelector: 'app=helm,name=tiller' })).items;
    assert.notEqual(pod.spec?.hostNetwork, true);
    assert.ok(pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    // Without TLS the client hands Tiller its kubeconfig's bearer token: a ServiceAccount's, which
    // may find and port-forward to the Tiller pod (what Helm 2's users need in Tiller's namespace)
    // and manage the release namespace (admin there), nothing else. Tiller acts as that user.
    await core.createNamespacedServiceAccount({ namespace: tillerNs, body: { metadata: { name: 'deployer' } } });
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    const subjects = [{ kind: 'ServiceAccount', name: 'deployer', namespace: tillerNs }];
    await rbac.createNamespacedRole({
      namespace: tillerNs,
      body: {
        metadata: { name: 'reach-tiller' },
        rules: [
          { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
          { apiGroups: [''], resources: ['pods/portforward'], verbs: ['create', 'get'] },
        ],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: tillerNs,
      body: {
        metadata: { name: 'deployer-reach-tiller' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reach-tiller' },
        subjects,
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: releaseNs,
      body: {
        metadata: { name: 'deployer-admin' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
        subjects,
      },
    });
    const { status } = await core.createNamespacedServiceAccountToken({
      name: 'deployer',
      namespace: tillerNs,
      body: { spec: { audiences: [], expirationSeconds: 3600 } },
    });
    const deployer = new KubeConfig();
    deployer.loadFromClusterAndUser(kc.getCurrentCluster()!, { name: 'deployer', token: status!.token });
    const kubeconfig = join(scratch, 'deployer-kubeconfig');
    writeFileSync(kubeconfig, deployer.exportConfig(), { mode: 0o600 });
    const asDeployer = async (args: string[]) => {
      const r = await runHelmtsAsync(args, { env: { ...plain, KUBECONFIG: kubeconfig } });
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, FALLBACK);
      return r.stdout;
    };
    assert.equal(await asDeployer(['list']), '');
    assert.match(
      await asDeployer(['install', chart, '--name', 'plain', '--namespace', releaseNs]),
      /\nSTATUS: DEPLOYED\n/,
    );
    assert.match(
      await asDeployer(['list']),
      new RegExp(`\\nplain\\s*\\t1\\s*\\t[^\\n]*\\tDEPLOYED\\s*\\twebapp-0\\.1\\.0[^\\n]*\\t${releaseNs}`),
    );
    // The pod's Tiller wrote the record in its namespace (it reached the API server from the pod network).
    const records = await core.listNamespacedConfigMap({
      namespace: tillerNs,
      labelSelector: 'OWNER=TILLER,NAME=plain',
    });
    assert.equal(records.items.length, 1);
    // The same kubeconfig's user may not touch another namespace: Tiller says so, as that user.
    const denied = await runHelmtsAsync(['install', chart, '--name', 'elsewhere', '--namespace', tillerNs], {
      env: { ...plain, KUBECONFIG: kubeconfig },
    });
    assert.equal(denied.status, 1);
    assert.match(
      denied.stderr,
      /^Error: [^\n]*user "system:serviceaccount:[^"]+:deployer" may not create release "elsewhere"/,
    );
    await asDeployer(['delete', '--purge', 'plain']);
    const reset = await runHelmtsAsync(['reset', '--force'], { env: plain });
    assert.equal(reset.status, 0, reset.stderr);
  });
});
