// The Tiller image as on any cluster: pushed to a real registry (CNCF Distribution, started by
// `local-cluster.sh registry` on 127.0.0.1) with @helmts/oci-image's client, and PULLED by the
// node's kubelet/containerd when `helmts init --tiller-image 127.0.0.1:<port>/helmts/tiller:<tag>`
// deploys it (the image was never imported into the node).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { kubeConfigFor, localClusterScript, runHelmtsAsync, uniqueNamespace } from '@helmts/testkit';
import { hookCluster } from '@helmts/testkit/mocha-cluster-hook';
import { pushImageArchive } from '@helmts/oci-image';
import { buildTillerImage } from '@helmts/tiller-image';
import { freePort } from '@helmts/testkit';

describe('Tiller pulled from a registry by the node @cluster', function () {
  this.timeout(600_000);
  let scratch: string;
  let kc: KubeConfig;
  let tillerNs: string;
  let registry: string;
  let image: string;
  let digest: string;
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
    scratch = mkdtempSync(join(tmpdir(), 'helmts-registry-'));
    tillerNs = uniqueNamespace('tiller-pull');
    registry = execFileSync('bash', [localClusterScript(), 'registry'], { encoding: 'utf8' }).trim();
    assert.match(registry, /^127\.0\.0\.1:\d+$/);
    // A tag of its own: the node has never seen this reference, so it must pull it.
    image = `${registry}/helmts/tiller:pull-${tillerNs}`;
    const built = await buildTillerImage({ out: join(scratch, 'tiller.tar'), name: image });
    const pushed = await pushImageArchive(join(scratch, 'tiller.tar'));
    assert.equal(pushed.reference, image);
    assert.equal(pushed.digest, built.manifest.digest);
    digest = pushed.digest;
    await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: tillerNs } } });
  });

  const missingNs = uniqueNamespace('tiller-nopull');
  after(async () => {
    await helmts(['reset', '--force']).catch(() => undefined);
    await kc
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: missingNs })
      .catch(() => undefined);
    await kc
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: tillerNs })
      .catch(() => undefined);
    execFileSync('bash', [localClusterScript(), 'registry-stop'], { stdio: 'pipe' });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('the registry serves what was pushed, by tag and by digest', async () => {
    const [host, rest] = [registry, image.slice(registry.length + 1)];
    const [path, tag] = rest.split(':');
    const accept = { accept: 'application/vnd.oci.image.manifest.v1+json' };
    const byTag = await fetch(`http://${host}/v2/${path}/manifests/${tag}`, { headers: accept });
    assert.equal(byTag.status, 200);
    assert.equal(byTag.headers.get('docker-content-digest'), digest);
    const manifest = (await byTag.json()) as { layers: { digest: string; size: number }[] };
    for (const layer of manifest.layers) {
      const head = await fetch(`http://${host}/v2/${path}/blobs/${layer.digest}`, { method: 'HEAD' });
      assert.equal(head.status, 200, layer.digest);
      assert.equal(Number(head.headers.get('content-length')), layer.size);
    }
  });

  it('init --wait with the registry image: the kubelet pulls it and Tiller answers through the tunnel', async () => {
    const port = await freePort();
    const r = await helmts([
      'init',
      '--net-host',
      '--listen',
      `127.0.0.1:${port}`,
      '--tls-gen',
      '--tiller-image',
      image,
      '--wait',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const core = kc.makeApiClient(CoreV1Api);
    const pods = await core.listNamespacedPod({ namespace: tillerNs, labelSelector: 'app=helm,name=tiller' });
    assert.equal(pods.items.length, 1);
    const status = pods.items[0].status!.containerStatuses![0];
    assert.equal(status.ready, true);
    // The pod runs the pushed digest. containerd may name an image by another repository it got the
    // same digest from (this build pushed by an earlier test to another local registry, or loaded
    // into the node under another name), so the pull itself is checked by the kubelet's event naming
    // this registry's reference.
    assert.match(status.imageID, new RegExp(`^[^/]+/helmts/tiller@${digest}$`));
    const events = await core.listNamespacedEvent({
      namespace: tillerNs,
      fieldSelector: `involvedObject.name=${pods.items[0].metadata!.name}`,
    });
    assert.ok(
      events.items.some(
        (e) => e.reason === 'Pulled' && (e.message ?? '').includes(`Successfully pulled image "${image}"`),
      ),
      events.items.map((e) => `${e.reason}: ${e.message}`).join('\n'),
    );
    const version = await helmts(['version', '--server', '--short']);
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout, 'Server: v2.17.0\n');
  });

  it('init --wait with an image the registry does not have says why Tiller is not ready', async () => {
    await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: missingNs } } });
    const r = await runHelmtsAsync(
      ['init', '--net-host', '--tiller-image', `${registry}/helmts/tiller:never-pushed`, '--wait'],
      { env: { ...env(), TILLER_NAMESPACE: missingNs, HELMTS_TILLER_CONNECTION_TIMEOUT: '30' } },
    );
    assert.equal(r.status, 1, r.stderr);
    assert.match(
      r.stderr,
      /Error: Tiller was not ready after 30s \(Deployment [^)]+\): pod tiller-deploy-\S+ (ErrImagePull|ImagePullBackOff)/,
    );
  });
});
