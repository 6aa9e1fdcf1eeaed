// The real Helm 2.17 `tiller` in the cluster, driven by the helmts client through the helmts
// tunnel: the tiller binary built by shared/tools/helm2-oracle.sh is packed into an image the
// daemonless way (@helmts/oci-image), pushed to the local cluster's registry, and deployed with the
// real `helm init --tiller-image` (its Deployment and Service, labels app=helm,name=tiller); the
// kubelet pulls it. helmts then finds the pod by its labels and port name as Helm 2 does, with no
// --host, and runs the release lifecycle against it; `helmts reset` removes what helm init made.
// Plain `helm init`, as on any cluster: the pod is on the pod network and reaches the API server
// through the "kubernetes" Service, which the local node routes to it.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { AppsV1Api, CoreV1Api, RbacAuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { helm2Oracle, kubeConfigFor, localClusterScript, runHelmtsAsync, uniqueNamespace } from '@helmts/testkit';
import { hookCluster } from '@helmts/testkit/mocha-cluster-hook';
import { hostFile, pushImageArchive, writeImageArchive } from '@helmts/oci-image';

const run = promisify(execFile);
const chart = fileURLToPath(new URL('fixtures/webapp', import.meta.url));

describe('the real Helm 2.17 tiller in the cluster (helm init), driven by helmts through its tunnel @cluster', function () {
  this.timeout(600_000);
  let scratch: string;
  let kc: KubeConfig;
  let tillerNs: string;
  let releaseNs: string;
  const env = () => ({
    HELMTS_HOME: join(scratch, 'helmts-home'),
    TILLER_NAMESPACE: tillerNs,
    HELMTS_HOST: undefined,
    HELM_HOST: undefined,
  });
  const helmts = async (args: string[]) => {
    const r = await runHelmtsAsync(args, { env: env() });
    assert.equal(r.status, 0, `helmts ${args.join(' ')}: ${r.stderr}`);
    // Through the tunnel to the pod: never the local-Tiller fallback.
    assert.doesNotMatch(r.stderr, /running a local Tiller/);
    return r.stdout;
  };

  before(async () => {
    const cluster = hookCluster();
    assert.ok(cluster, 'no cluster');
    kc = kubeConfigFor(cluster);
    const helm2Dir = helm2Oracle();
    scratch = mkdtempSync(join(tmpdir(), 'helmts-real-tiller-'));
    tillerNs = uniqueNamespace('h2-tiller');
    releaseNs = uniqueNamespace('h2-tiller-rel');
    const core = kc.makeApiClient(CoreV1Api);
    for (const name of [tillerNs, releaseNs]) await core.createNamespace({ body: { metadata: { name } } });
    // Helm 2's usual set-up: a ServiceAccount bound to cluster-admin.
    await core.createNamespacedServiceAccount({ namespace: tillerNs, body: { metadata: { name: 'tiller' } } });
    await kc.makeApiClient(RbacAuthorizationV1Api).createClusterRoleBinding({
      body: {
        metadata: { name: tillerNs },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
        subjects: [{ kind: 'ServiceAccount', name: 'tiller', namespace: tillerNs }],
      },
    });

    const registry = execFileSync('bash', [localClusterScript(), 'registry'], { encoding: 'utf8' }).trim();
    const image = `${registry}/helm2/tiller:v2.17.0-${tillerNs}`;
    const archive = join(scratch, 'tiller.tar');
    await writeImageArchive(archive, {
      name: image,
      layers: [
        [
          await hostFile(join(helm2Dir, 'tiller'), '/tiller'), // statically linked Go
          { type: 'directory', path: '/tmp', mode: 0o1777 },
        ],
      ],
      config: { entrypoint: ['/tiller'], user: '65534' },
    });
    await pushImageArchive(archive);

    await run(
      join(helm2Dir, 'helm'),
      ['init', '--skip-repos', '--tiller-namespace', tillerNs, '--service-account', 'tiller', '--tiller-image', image],
      { env: { ...process.env, HOME: scratch, HELM_HOME: join(scratch, 'helm-home'), KUBECONFIG: cluster.kubeconfig } },
    );
  });

  after(async () => {
    if (!scratch) return;
    const core = kc.makeApiClient(CoreV1Api);
    for (const name of [tillerNs, releaseNs]) await core.deleteNamespace({ name }).catch(() => undefined);
    await kc
      .makeApiClient(RbacAuthorizationV1Api)
      .deleteClusterRoleBinding({ name: tillerNs })
      .catch(() => undefined);
    execFileSync('bash', [localClusterScript(), 'registry-stop'], { stdio: 'pipe' });
    rmSync(scratch, { recursive: true, force: true });
  });

  it("helmts version reaches the real tiller through the tunnel (its own commit, not helmts')", async () => {
    // The first command also waits for the pod helm init created to turn Ready.
    const out = await helmts(['version', '--server']);
    assert.match(
      out,
      /^Server: &version\.Version\{SemVer:"v2\.17\.0", GitCommit:"[0-9a-f]{40}", GitTreeState:"clean"\}\n$/,
    );
    // The kubelet pulled the image from the registry; the pod is on the pod network.
    const pods = await kc
      .makeApiClient(CoreV1Api)
      .listNamespacedPod({ namespace: tillerNs, labelSelector: 'app=helm,name=tiller' });
    assert.equal(pods.items.length, 1);
    assert.match(pods.items[0].status?.containerStatuses?.[0].imageID ?? '', /\/helm2\/tiller@sha256:[0-9a-f]{64}$/);
    assert.notEqual(pods.items[0].spec?.hostNetwork, true);
    assert.notEqual(pods.items[0].status?.podIP, pods.items[0].status?.hostIP);
  });

  it('install, upgrade, rollback, history, list, status, delete --purge through the real tiller', async () => {
    assert.match(
      await helmts(['install', chart, '--name', 'realtiller', '--namespace', releaseNs]),
      /STATUS: DEPLOYED/,
    );
    assert.match(await helmts(['upgrade', 'realtiller', chart, '--set', 'replicaCount=2']), /has been upgraded/);
    assert.match(await helmts(['rollback', 'realtiller', '1']), /Rollback was a success/);
    const statuses = (await helmts(['history', 'realtiller'])).match(/\b(SUPERSEDED|DEPLOYED)\b/g);
    assert.deepEqual(statuses, ['SUPERSEDED', 'SUPERSEDED', 'DEPLOYED']);
    assert.match(await helmts(['list']), /\nrealtiller\s+3\s+.*\bDEPLOYED\s+webapp-0\.1\.0/);
    assert.match(await helmts(['status', 'realtiller']), /STATUS: DEPLOYED/);
    // The real tiller stored them, as Helm 2 does: ConfigMaps in its namespace.
    const records = await kc
      .makeApiClient(CoreV1Api)
      .listNamespacedConfigMap({ namespace: tillerNs, labelSelector: 'OWNER=TILLER,NAME=realtiller' });
    assert.equal(records.items.length, 3);
    await helmts(['delete', '--purge', 'realtiller']);
    assert.doesNotMatch(await helmts(['list', '--all']), /realtiller/);
  });

  it('helmts reset removes the Tiller helm init installed', async () => {
    await helmts(['reset']);
    const apps = kc.makeApiClient(AppsV1Api);
    await assert.rejects(apps.readNamespacedDeployment({ name: 'tiller-deploy', namespace: tillerNs }));
    await assert.rejects(
      kc.makeApiClient(CoreV1Api).readNamespacedService({ name: 'tiller-deploy', namespace: tillerNs }),
    );
  });
});
