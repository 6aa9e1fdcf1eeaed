// The real Helm 2.17 `helm` client against helmts' Tiller in the cluster, through helm's OWN tunnel:
// with no --host, helm 2 lists the pods labelled app=helm,name=tiller in $TILLER_NAMESPACE and
// port-forwards to port 44134 of a Running one (its portforwarder), then speaks gRPC with
// `--tls --tls-verify` and the files `helmts init --tls-gen` wrote where Helm 2 looks
// ($HELM_HOME/{ca,cert,key}.pem). The image comes from the local cluster's registry; Tiller is a
// pod on the pod network (plain `helmts init`), so port 44134 is its own, whatever else runs here.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { helm2Oracle, kubeConfigFor, localClusterScript, runHelmtsAsync, uniqueNamespace } from '@helmts/testkit';
import { hookCluster } from '@helmts/testkit/mocha-cluster-hook';
import { pushImageArchive } from '@helmts/oci-image';
import { buildTillerImage } from '@helmts/tiller-image';

const run = promisify(execFile);
const chart = fileURLToPath(new URL('fixtures/webapp', import.meta.url));
describe('the real Helm 2.17 client through its own tunnel to helmts Tiller in the cluster @cluster', function () {
  this.timeout(600_000);
  let scratch: string;
  let kc: KubeConfig;
  let kubeconfig: string;
  let helm2Dir: string;
  let tillerNs: string;
  let releaseNs: string;
  const home = () => join(scratch, 'home');
  const helmts = (args: string[]) =>
    runHelmtsAsync(args, {
      env: {
        HELMTS_HOME: home(),
        TILLER_NAMESPACE: tillerNs,
        HELM_TLS_VERIFY: '1',
        HELMTS_HOST: undefined,
        HELM_HOST: undefined,
      },
    });
  /** The real helm, no --host: it finds Tiller itself. */
  const helm = async (args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: scratch, HELM_HOME: home(), KUBECONFIG: kubeconfig };
    env.TILLER_NAMESPACE = tillerNs;
    delete env.HELM_HOST;
    const { stdout } = await run(join(helm2Dir, 'helm'), [...args, '--tls', '--tls-verify'], { env });
    return stdout;
  };

  before(async function () {
    const cluster = hookCluster();
    assert.ok(cluster, 'no cluster');
    kc = kubeConfigFor(cluster);
    kubeconfig = cluster.kubeconfig;
    helm2Dir = helm2Oracle();
    scratch = mkdtempSync(join(tmpdir(), 'helmts-helm2-tunnel-'));
    tillerNs = uniqueNamespace('h2-tunnel');
    releaseNs = uniqueNamespace('h2-tunnel-rel');
    const core = kc.makeApiClient(CoreV1Api);
    for (const name of [tillerNs, releaseNs]) await core.createNamespace({ body: { metadata: { name } } });
    const registry = execFileSync('bash', [localClusterScript(), 'registry'], { encoding: 'utf8' }).trim();
    const image = `${registry}/helmts/tiller:${tillerNs}`;
    await buildTillerImage({ out: join(scratch, 'tiller.tar'), name: image });
    await pushImageArchive(join(scratch, 'tiller.tar'));
    const init = await helmts(['init', '--tls-gen', '--cluster-wide', '--tiller-image', image, '--wait']);
    assert.equal(init.status, 0, init.stderr);
  });

  after(async function () {
    if (!scratch) return;
    await helmts(['reset', '--force']).catch(() => undefined);
    const core = kc.makeApiClient(CoreV1Api);
    for (const name of [tillerNs, releaseNs]) await core.deleteNamespace({ name }).catch(() => undefined);
    execFileSync('bash', [localClusterScript(), 'registry-stop'], { stdio: 'pipe' });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('helm version shows the client and helmts Tiller (found by its labels, port 44134)', async () => {
    const out = await helm(['version']);
    assert.match(out, /^Client: &version\.Version\{SemVer:"v2\.17\.0"/);
    assert.match(out, /\nServer: &version\.Version\{SemVer:"v2\.17\.0", GitCommit:"helmts", GitTreeState:"clean"\}\n$/);
  });

  it('helm install, upgrade, rollback, history, list, delete --purge; helmts sees the same history', async () => {
    assert.match(await helm(['install', chart, '--name', 'h2web', '--namespace', releaseNs]), /STATUS: DEPLOYED/);
    assert.match(await helm(['upgrade', 'h2web', chart, '--set', 'replicaCount=2']), /has been upgraded/);
    assert.match(await helm(['rollback', 'h2web', '1']), /Rollback was a success/);
    const statuses = (text: string) =>
      text
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t')[2].trim());
    assert.deepEqual(statuses(await helm(['history', 'h2web'])), ['SUPERSEDED', 'SUPERSEDED', 'DEPLOYED']);
    assert.match(await helm(['list']), /\nh2web\s*\t3\s*\t[^\n]*\tDEPLOYED\s*\twebapp-0\.1\.0/);
    // helmts, through its own tunnel to the same pod, reads what helm wrote.
    const ours = await helmts(['history', 'h2web']);
    assert.equal(ours.status, 0, ours.stderr);
    assert.deepEqual(statuses(ours.stdout), ['SUPERSEDED', 'SUPERSEDED', 'DEPLOYED']);
    assert.match(await helm(['delete', '--purge', 'h2web']), /release "h2web" deleted/);
    assert.doesNotMatch(await helm(['list', '--all']), /h2web/);
  });
});
