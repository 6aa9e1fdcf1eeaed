import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { AppsV1Api, CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { startTiller, silentLogger, type TillerHandle } from '@helmts/tiller';
import { kubeConfigFor, runHelmtsAsync, uniqueNamespace } from '@helmts/testkit';
import { hookCluster } from '@helmts/testkit/mocha-cluster-hook';
import { parseAllDocuments } from 'yaml';

const chart = fileURLToPath(new URL('fixtures/webapp', import.meta.url));

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

interface TillerContainer {
  name: string;
  image: string;
  args: string[];
  env: { name: string; value: string }[];
  ports: { containerPort: number; name: string }[];
  livenessProbe: { httpGet: { path: string; port: number } };
  readinessProbe: { httpGet: { path: string; port: number } };
  volumeMounts?: { name: string; mountPath: string }[];
  command?: string[];
}

function tillerContainer(deployment: Manifest): TillerContainer {
  return (deployment.spec as { template: { spec: { containers: TillerContainer[] } } }).template.spec.containers[0];
}

function byKind(objects: Manifest[], kind: string): Manifest {
  const found = objects.find((o) => o.kind === kind);
  assert.ok(found, `no ${kind} among ${objects.map((o) => o.kind).join(', ')}`);
  return found;
}

describe('helmts init: Tiller manifests (no cluster)', function () {
  this.timeout(60_000);
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'helmts-init-manifests-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  const helmts = (args: string[]) =>
    runHelmtsAsync(args, { env: { HELMTS_HOME: join(scratch, 'home'), KUBECONFIG: join(scratch, 'no-kubeconfig') } });

  it('--dry-run -o yaml prints a namespaced install: ServiceAccount, Role, bindings, Deployment, Service', async () => {
    const r = await helmts([
      'init',
      '--dry-run',
      '-o',
      'yaml',
      '--tiller-namespace',
      'team-a',
      '--history-max',
      '7',
      '--storage',
      'secret',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const objects = parseAllDocuments(r.stdout).map((d) => d.toJS() as Manifest);
    assert.deepEqual(
      objects.map((o) => o.kind),
      ['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'Deployment', 'Service'],
    );
    for (const o of objects) assert.deepEqual(o.metadata.labels, { app: 'helm', name: 'tiller' }, `${o.kind} labels`);
    for (const o of objects.filter((x) => !x.kind.startsWith('Cluster')))
      assert.equal(o.metadata.namespace, 'team-a', `${o.kind} namespace`);

    // Namespaced by default: a Role covering storage, leases and the usual chart kinds...
    const role = byKind(objects, 'Role') as Manifest & {
      rules: { apiGroups?: string[]; resources?: string[]; verbs: string[] }[];
    };
    const allows = (group: string, resource: string) =>
      role.rules.some(
        (rule) =>
          rule.apiGroups?.includes(group) && rule.resources?.includes(resource) && rule.verbs.includes('create'),
      );
    for (const [group, resource] of [
      ['', 'configmaps'],
      ['', 'secrets'],
      ['coordination.k8s.io', 'leases'],
      ['apps', 'deployments'],
      ['', 'services'],
    ]) {
      assert.ok(allows(group, resource), `Role does not allow ${group}/${resource}`);
    }
    // ...and the only cluster-scoped grant is reading its own Namespace.
    const clusterRole = byKind(objects, 'ClusterRole') as Manifest & { rules: unknown[] };
    assert.equal(clusterRole.metadata.name, 'tiller-team-a-namespace');
    assert.deepEqual(clusterRole.rules, [
      { apiGroups: [''], resources: ['namespaces'], resourceNames: ['team-a'], verbs: ['get'] },
      { apiGroups: [''], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] },
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
    ]);
    assert.deepEqual((byKind(objects, 'RoleBinding') as Manifest & { subjects: unknown }).subjects, [
      { kind: 'ServiceAccount', name: 'tiller', namespace: 'team-a' },
    ]);

    const deployment = byKind(objects, 'Deployment');
    assert.equal(deployment.metadata.name, 'tiller-deploy');
    const container = tillerContainer(deployment);
    assert.match(container.image, /^ghcr\.io\/helmts\/tiller:v\d+\.\d+\.\d+/);
    assert.deepEqual(container.ports, [
      { containerPort: 44134, name: 'tiller' },
      { containerPort: 44135, name: 'http' },
    ]);
    assert.deepEqual(container.livenessProbe.httpGet, { path: '/liveness', port: 44135 });
    assert.deepEqual(container.readinessProbe.httpGet, { path: '/readiness', port: 44135 });
    assert.deepEqual(container.env, [
      { name: 'TILLER_NAMESPACE', value: 'team-a' },
      { name: 'TILLER_HISTORY_MAX', value: '7' },
      { name: 'HOME', value: '/tmp' },
    ]);
    assert.deepEqual(container.args, [
      '--listen=0.0.0.0:44134',
      '--probe-listen=0.0.0.0:44135',
      '--storage=secret',
      '--history-max=7',
      '--insecure-listen',
    ]);
    assert.equal(
      (deployment.spec as { template: { spec: { serviceAccountName: string } } }).template.spec.serviceAccountName,
      'tiller',
    );

    const service = byKind(objects, 'Service') as Manifest & { spec: { ports: unknown; selector: unknown } };
    assert.equal(service.metadata.name, 'tiller-deploy');
    assert.deepEqual(service.spec.ports, [{ name: 'tiller', port: 44134, targetPort: 'tiller' }]);
    assert.deepEqual(service.spec.selector, { app: 'helm', name: 'tiller' });
    // Printing the manifests sets nothing up.
    assert.equal(existsSync(join(scratch, 'home')), false);
  });

  it('--cluster-wide -o json binds a ClusterRole instead, and --override edits the Deployment', async () => {
    const r = await helmts([
      'init',
      '-o',
      'json',
      '--tiller-namespace',
      'ops',
      '--cluster-wide',
      '--service-account',
      'deployer',
      '--replicas',
      '2',
      '--node-selectors',
      'disk=ssd,zone=a',
      '--override',
      'spec.template.spec.containers[0].command={node,/app/tiller.js}',
      '--override',
      'metadata.annotations.team=ops',
      '--tiller-image',
      'registry.example/tiller:v1.2.3',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const list = JSON.parse(r.stdout) as { kind: string; items: Manifest[] };
    assert.equal(list.kind, 'List');
    assert.deepEqual(
      list.items.map((o) => o.kind),
      ['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Deployment', 'Service'],
    );
    const clusterRole = byKind(list.items, 'ClusterRole') as Manifest & { rules: unknown[] };
    assert.equal(clusterRole.metadata.name, 'tiller-ops');
    assert.deepEqual(clusterRole.rules[0], { apiGroups: ['*'], resources: ['*'], verbs: ['*'] });
    assert.deepEqual((byKind(list.items, 'ClusterRoleBinding') as Manifest & { subjects: unknown }).subjects, [
      { kind: 'ServiceAccount', name: 'deployer', namespace: 'ops' },
    ]);
    const deployment = byKind(list.items, 'Deployment') as Manifest & {
      spec: { replicas: number; template: { spec: { nodeSelector: unknown; serviceAccountName: string } } };
    };
    assert.equal(deployment.spec.replicas, 2);
    assert.deepEqual(deployment.spec.template.spec.nodeSelector, { disk: 'ssd', zone: 'a' });
    assert.equal(deployment.spec.template.spec.serviceAccountName, 'deployer');
    assert.deepEqual((deployment.metadata as { annotations?: unknown }).annotations, { team: 'ops' });
    assert.deepEqual(tillerContainer(deployment).command, ['node', '/app/tiller.js']);
    assert.equal(tillerContainer(deployment).image, 'registry.example/tiller:v1.2.3');
  });

  it('--canary-image installs the canary tag, always pulled; with --tiller-image it is refused', async () => {
    const r = await helmts(['init', '-o', 'json', '--canary-image']);
    assert.equal(r.status, 0, r.stderr);
    const container = tillerContainer(byKind((JSON.parse(r.stdout) as { items: Manifest[] }).items, 'Deployment'));
    assert.equal(container.image, 'ghcr.io/helmts/tiller:canary');
    assert.equal((container as { imagePullPolicy?: string }).imagePullPolicy, 'Always');
    const plain = await helmts(['init', '-o', 'json']);
    const usual = tillerContainer(byKind((JSON.parse(plain.stdout) as { items: Manifest[] }).items, 'Deployment'));
    assert.equal((usual as { imagePullPolicy?: string }).imagePullPolicy, 'IfNotPresent');
    const both = await helmts(['init', '-o', 'json', '--canary-image', '--tiller-image', 'x.example/t:v1']);
    assert.equal(both.status, 2);
    assert.equal(both.stderr, 'Error: --canary-image and --tiller-image choose the image both: give one\n');
  });

  it('with --tiller-tls-verify adds Secret tiller-secret and mounts it', async () => {
    const file = (name: string, text: string) => {
      const path = join(scratch, name);
      writeFileSync(path, text);
      return path;
    };
    const r = await helmts([
      'init',
      '--dry-run',
      '-o',
      'yaml',
      '--tiller-namespace',
      'secure',
      '--tiller-tls-verify',
      '--tiller-tls-cert',
      file('tls.crt', 'CERT'),
      '--tiller-tls-key',
      file('tls.key', 'KEY'),
      '--tls-ca-cert',
      file('ca.crt', 'CA'),
    ]);
    assert.equal(r.status, 0, r.stderr);
    const objects = parseAllDocuments(r.stdout).map((d) => d.toJS() as Manifest);
    const secret = byKind(objects, 'Secret') as Manifest & { type: string; data: Record<string, string> };
    assert.equal(secret.metadata.name, 'tiller-secret');
    assert.equal(secret.type, 'Opaque');
    assert.deepEqual(
      Object.fromEntries(Object.entries(secret.data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()])),
      { 'tls.crt': 'CERT', 'tls.key': 'KEY', 'ca.crt': 'CA' },
    );
    const container = tillerContainer(byKind(objects, 'Deployment'));
    assert.deepEqual(container.volumeMounts, [
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'tiller-certs', mountPath: '/etc/certs', readOnly: true },
    ]);
    assert.deepEqual(
      container.env.filter((e) => e.name.startsWith('TILLER_TLS')),
      [
        { name: 'TILLER_TLS_VERIFY', value: '1' },
        { name: 'TILLER_TLS_ENABLE', value: '1' },
        { name: 'TILLER_TLS_CERTS', value: '/etc/certs' },
      ],
    );
  });

  it('--net-host: loopback Tiller on the host network, told where the loopback API server is; read-only root', async () => {
    const kubeconfig = join(scratch, 'loopback-kubeconfig');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters: [{name: k, cluster: {server: "https://127.0.0.1:6443"}}]\n' +
        'users: [{name: u, user: {token: t}}]\ncontexts: [{name: c, context: {cluster: k, user: u}}]\n',
    );
    const r = await runHelmtsAsync(['init', '-o', 'yaml', '--net-host', '--listen', '127.0.0.1:46000'], {
      env: { HELMTS_HOME: join(scratch, 'home'), KUBECONFIG: kubeconfig },
    });
    assert.equal(r.status, 0, r.stderr);
    const deployment = byKind(
      parseAllDocuments(r.stdout).map((d) => d.toJS() as Manifest),
      'Deployment',
    ) as Manifest & {
      spec: {
        strategy: { type: string };
        template: { spec: { hostNetwork: boolean; volumes: { name: string }[] } };
      };
    };
    assert.equal(deployment.spec.template.spec.hostNetwork, true);
    assert.equal(deployment.spec.strategy.type, 'Recreate');
    const container = tillerContainer(deployment) as TillerContainer & {
      securityContext: { readOnlyRootFilesystem: boolean; runAsUser: number };
      readinessProbe: { httpGet: { host?: string } };
    };
    assert.ok(container.args.includes('--listen=127.0.0.1:46000'));
    assert.ok(container.args.includes('--probe-listen=127.0.0.1:46001'));
    assert.ok(!container.args.includes('--insecure-listen'));
    assert.deepEqual(container.readinessProbe.httpGet, { path: '/readiness', port: 46001, host: '127.0.0.1' });
    assert.deepEqual(container.ports, [
      { containerPort: 46000, name: 'tiller' },
      { containerPort: 46001, name: 'http' },
    ]);
    const env = Object.fromEntries(container.env.map((e) => [e.name, e.value]));
    assert.equal(env.KUBERNETES_SERVICE_HOST, '127.0.0.1');
    assert.equal(env.KUBERNETES_SERVICE_PORT, '6443');
    assert.equal(container.securityContext.readOnlyRootFilesystem, true);
    assert.equal(container.securityContext.runAsUser, 65534);
    assert.deepEqual(container.volumeMounts, [{ name: 'tmp', mountPath: '/tmp' }]);
  });

  it('says which TLS file is missing, and rejects a bad --override', async () => {
    const tls = await helmts(['init', '-o', 'yaml', '--tiller-tls']);
    assert.equal(tls.status, 2);
    assert.match(tls.stderr, /^Error: TLS for Tiller needs --tiller-tls-cert\n/);
    const override = await helmts(['init', '-o', 'yaml', '--override', 'spec.replicas']);
    assert.equal(override.status, 2);
    assert.match(override.stderr, /^Error: invalid --override "spec\.replicas"/);
  });
});

/**
 * `init` and `reset` against the local kube-apiserver. It has no kubelet, so the Deployment never
 * becomes ready (no --wait); the RBAC is proven instead by running a Tiller as the installed
 * ServiceAccount (impersonated) and installing a chart through it.
 */
describe('helmts init and reset @cluster', function () {
  this.timeout(180_000);
  const ns = uniqueNamespace('tiller-init');
  let home: string;
  let kc: KubeConfig;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let rbac: RbacAuthorizationV1Api;
  let tiller: TillerHandle | undefined;

  const helmts = (args: string[], env: Record<string, string> = {}) =>
    runHelmtsAsync(args, { env: { HELMTS_HOME: home, TILLER_NAMESPACE: ns, ...env } });
  const gone = async (read: () => Promise<unknown>) =>
    read().then(
      () => false,
      (e: { code?: number }) => e.code === 404,
    );
  const image = async () =>
    (await apps.readNamespacedDeployment({ name: 'tiller-deploy', namespace: ns })).spec?.template.spec?.containers[0]
      .image;

  before(() => {
    const cluster = hookCluster();
    assert.ok(cluster, 'the cluster hook did not run');
    kc = kubeConfigFor(cluster);
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
    rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    home = mkdtempSync(join(tmpdir(), 'helmts-init-'));
  });

  after(async () => {
    await tiller?.stop();
    rmSync(home, { recursive: true, force: true });
    await core?.deleteNamespace({ name: ns }).catch(() => undefined);
    for (const name of [`tiller-${ns}-namespace`, `tiller-${ns}`]) {
      await rbac?.deleteClusterRoleBinding({ name }).catch(() => undefined);
      await rbac?.deleteClusterRole({ name }).catch(() => undefined);
    }
  });

  it('installs Tiller: home set up, namespace, ServiceAccount, RBAC, Deployment and Service created', async () => {
    const r = await helmts(['init', '--history-max', '10']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`\\$HELM_HOME has been configured at ${home}\\.\\n`));
    assert.match(
      r.stdout,
      /\nTiller \(the Helm server-side component\) has been installed into your Kubernetes Cluster\.\n/,
    );
    assert.match(r.stdout, /insecure 'allow unauthenticated users' policy/);
    assert.ok(existsSync(join(home, 'repository', 'repositories.yaml')));

    const deployment = await apps.readNamespacedDeployment({ name: 'tiller-deploy', namespace: ns });
    assert.deepEqual(deployment.metadata?.labels, { app: 'helm', name: 'tiller' });
    const container = deployment.spec?.template.spec?.containers[0];
    assert.match(container?.image ?? '', /^ghcr\.io\/helmts\/tiller:v/);
    assert.deepEqual(
      container?.env?.map((e) => [e.name, e.value]),
      [
        ['TILLER_NAMESPACE', ns],
        ['TILLER_HISTORY_MAX', '10'],
        ['HOME', '/tmp'],
      ],
    );
    assert.equal(deployment.spec?.template.spec?.serviceAccountName, 'tiller');
    const service = await core.readNamespacedService({ name: 'tiller-deploy', namespace: ns });
    assert.equal(service.spec?.ports?.[0].port, 44134);
    assert.ok(await core.readNamespacedServiceAccount({ name: 'tiller', namespace: ns }));
    const binding = await rbac.readNamespacedRoleBinding({ name: 'tiller', namespace: ns });
    assert.deepEqual({ ...binding.roleRef }, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'tiller' });
    assert.ok(await rbac.readClusterRole({ name: `tiller-${ns}-namespace` }));
    // Namespaced by default: no cluster-wide role.
    assert.ok(await gone(() => rbac.readClusterRole({ name: `tiller-${ns}` })));
  });

  it('warns, changing nothing, when Tiller is already installed', async () => {
    const before = await apps.readNamespacedDeployment({ name: 'tiller-deploy', namespace: ns });
    const r = await helmts(['init', '--tiller-image', 'ghcr.io/helmts/tiller:v9.0.0']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /\nWarning: Tiller is already installed in the cluster\.\n\(Use --client-only to suppress this message, or --upgrade to upgrade Tiller to the current version\.\)\n$/,
    );
    const after = await apps.readNamespacedDeployment({ name: 'tiller-deploy', namespace: ns });
    assert.equal(after.metadata?.resourceVersion, before.metadata?.resourceVersion);
  });

  it('--upgrade updates the image; an older image needs --force-upgrade', async () => {
    const up = await helmts([
      'init',
      '--upgrade',
      '--tiller-image',
      'ghcr.io/helmts/tiller:v9.0.0',
      '--history-max',
      '10',
    ]);
    assert.equal(up.status, 0, up.stderr);
    assert.match(
      up.stdout,
      /Tiller \(the Helm server-side component\) has been updated to ghcr\.io\/helmts\/tiller:v9\.0\.0 \.\n$/,
    );
    assert.equal(await image(), 'ghcr.io/helmts/tiller:v9.0.0');

    const down = await helmts(['init', '--upgrade', '--tiller-image', 'ghcr.io/helmts/tiller:v8.0.0']);
    assert.equal(down.status, 1);
    assert.match(
      down.stderr,
      /^Error: current Tiller version 9\.0\.0 is newer than the one to install 8\.0\.0, use --force-upgrade to downgrade\n/,
    );
    assert.equal(await image(), 'ghcr.io/helmts/tiller:v9.0.0');

    const forced = await helmts([
      'init',
      '--force-upgrade',
      '--tiller-image',
      'ghcr.io/helmts/tiller:v8.0.0',
      '--history-max',
      '10',
    ]);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(await image(), 'ghcr.io/helmts/tiller:v8.0.0');
  });

  it('grants the ServiceAccount enough to run releases in its namespace', async () => {
    // A Tiller acting as system:serviceaccount:<ns>:tiller, as the pod would.
    const asTiller = new KubeConfig();
    asTiller.loadFromOptions({
      clusters: kc.clusters,
      contexts: kc.contexts,
      currentContext: kc.currentContext,
      users: kc.users.map((u) => ({ ...u, impersonateUser: `system:serviceaccount:${ns}:tiller` })),
    });
    tiller = await startTiller({
      listen: '127.0.0.1:0',
      storage: 'configmap',
      namespace: ns,
      kubeConfig: asTiller,
      logger: silentLogger,
    });
    const r = await helmts(['install', chart, '--name', 'kept', '--namespace', ns], { HELMTS_HOST: tiller.address });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /STATUS: DEPLOYED/);
    assert.ok(await core.readNamespacedConfigMap({ name: 'kept-config', namespace: ns }));
    await tiller.stop();
    tiller = undefined;
  });

  it('reset refuses while a release is DEPLOYED and leaves Tiller in place', async () => {
    const r = await helmts(['reset']);
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      'Error: there are still 1 deployed releases (Tip: use --force to remove Tiller. Releases will not be deleted.)\n',
    );
    assert.ok(await apps.readNamespacedDeployment({ name: 'tiller-deploy', namespace: ns }));
  });

  it('reset --force removes Tiller and what init created, keeping the release records', async () => {
    const r = await helmts(['reset', '--force']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      'Tiller (the Helm server-side component) has been uninstalled from your Kubernetes Cluster.\n',
    );
    assert.ok(await gone(() => apps.readNamespacedDeployment({ name: 'tiller-deploy', namespace: ns })));
    assert.ok(await gone(() => core.readNamespacedService({ name: 'tiller-deploy', namespace: ns })));
    assert.ok(await gone(() => core.readNamespacedServiceAccount({ name: 'tiller', namespace: ns })));
    assert.ok(await gone(() => rbac.readNamespacedRole({ name: 'tiller', namespace: ns })));
    assert.ok(await gone(() => rbac.readNamespacedRoleBinding({ name: 'tiller', namespace: ns })));
    assert.ok(await gone(() => rbac.readClusterRole({ name: `tiller-${ns}-namespace` })));
    assert.ok(await gone(() => rbac.readClusterRoleBinding({ name: `tiller-${ns}-namespace` })));
    const record = await core.readNamespacedConfigMap({ name: 'kept.v1', namespace: ns });
    assert.equal(record.metadata?.labels?.STATUS, 'DEPLOYED');
  });

  it('reset with nothing installed says so; --remove-helm-home removes HELMTS_HOME', async () => {
    const r = await helmts(['reset', '--force', '--remove-helm-home']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `Deleting ${home}\nTiller is not installed in namespace "${ns}"; nothing to uninstall.\n`);
    assert.equal(existsSync(home), false);
  });

  it('a user-made ServiceAccount is used as it is and survives reset', async () => {
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'deployer' } } });
    const init = await helmts(['init', '--service-account', 'deployer', '--cluster-wide']);
    assert.equal(init.status, 0, init.stderr);
    assert.deepEqual(
      (await core.readNamespacedServiceAccount({ name: 'deployer', namespace: ns })).metadata?.labels,
      undefined,
    );
    const binding = await rbac.readClusterRoleBinding({ name: `tiller-${ns}` });
    assert.deepEqual(
      binding.subjects?.map((s) => ({ ...s })),
      [{ kind: 'ServiceAccount', name: 'deployer', namespace: ns }],
    );
    const reset = await helmts(['reset', '--force']);
    assert.equal(reset.status, 0, reset.stderr);
    assert.ok(await core.readNamespacedServiceAccount({ name: 'deployer', namespace: ns }));
    assert.ok(await gone(() => rbac.readClusterRole({ name: `tiller-${ns}` })));
  });
});
