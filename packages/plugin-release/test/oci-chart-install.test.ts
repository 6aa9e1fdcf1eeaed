// install and upgrade take charts from an OCI registry (oci://HOST/PATH/NAME with --version, or
// :VERSION), as Helm 3 and later do: charts pushed with `helmts push` to a real registry (CNCF
// Distribution on 127.0.0.1, a state dir of its own), installed through Tiller into the cluster.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { kubeConfigFor, localClusterScript, runHelmtsAsync, uniqueNamespace } from '@helmts/testkit';
import { hookCluster } from '@helmts/testkit/mocha-cluster-hook';

describe('install and upgrade from an OCI registry @cluster', function () {
  this.timeout(300_000);
  let scratch: string;
  let kc: KubeConfig;
  let ns: string;
  let registry: string;
  const script = (...args: string[]) =>
    execFileSync('bash', [localClusterScript(), ...args], {
      encoding: 'utf8',
      env: { ...process.env, HELMTS_CLUSTER_DIR: join(scratch, 'registry-state') },
    }).trim();
  const env = () => ({
    HELMTS_HOME: join(scratch, 'home'),
    // No Tiller pod there: each command runs its own local Tiller against the cluster.
    TILLER_NAMESPACE: ns,
    HELMTS_HOST: undefined,
    HELM_HOST: undefined,
  });
  const helmts = (args: string[]) => runHelmtsAsync(args, { env: env() });

  /** Packages and pushes a one-ConfigMap chart `oci-app` at `version`, its data saying `greeting`. */
  const publish = async (version: string, greeting: string) => {
    const dir = join(scratch, `src-${version}`, 'oci-app');
    mkdirSync(join(dir, 'templates'), { recursive: true });
    writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v1\nname: oci-app\nversion: ${version}\n`);
    writeFileSync(join(dir, 'values.yaml'), `greeting: ${greeting}\n`);
    writeFileSync(
      join(dir, 'templates', 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting }}\n  version: {{ .Chart.Version }}\n',
    );
    const p = await helmts(['package', dir, '-d', scratch]);
    assert.equal(p.status, 0, p.stderr);
    const r = await helmts(['push', join(scratch, `oci-app-${version}.tgz`), `oci://${registry}/charts`]);
    assert.equal(r.status, 0, r.stderr);
  };
  const configMap = async (name: string) =>
    (await kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name, namespace: ns })).data;

  before(async () => {
    const cluster = hookCluster();
    assert.ok(cluster, 'no cluster');
    kc = kubeConfigFor(cluster);
    scratch = mkdtempSync(join(tmpdir(), 'helmts-oci-install-'));
    ns = uniqueNamespace('oci');
    registry = script('registry');
    await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
    await publish('1.0.0', 'hello');
    await publish('1.1.0', 'bonjour');
  });

  after(async () => {
    await kc
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: ns })
      .catch(() => undefined);
    script('registry-stop');
    rmSync(scratch, { recursive: true, force: true });
  });

  it('install oci:// --version, upgrade to the newest tag, then to :1.0.0; history shows the chart versions', async () => {
    const install = await helmts([
      'install',
      `oci://${registry}/charts/oci-app`,
      '--version',
      '1.0.0',
      '--name',
      'from-oci',
      '--namespace',
      ns,
    ]);
    assert.equal(install.status, 0, install.stderr);
    assert.deepEqual(await configMap('from-oci'), { greeting: 'hello', version: '1.0.0' });
    const upgrade = await helmts(['upgrade', 'from-oci', `oci://${registry}/charts/oci-app`]);
    assert.equal(upgrade.status, 0, upgrade.stderr);
    assert.deepEqual(await configMap('from-oci'), { greeting: 'bonjour', version: '1.1.0' });
    const pinned = await helmts(['upgrade', 'from-oci', `oci://${registry}/charts/oci-app:1.0.0`]);
    assert.equal(pinned.status, 0, pinned.stderr);
    assert.deepEqual(await configMap('from-oci'), { greeting: 'hello', version: '1.0.0' });
    const history = await helmts(['history', 'from-oci']);
    assert.equal(history.status, 0, history.stderr);
    assert.deepEqual(history.stdout.match(/oci-app-\S+/g), ['oci-app-1.0.0', 'oci-app-1.1.0', 'oci-app-1.0.0']);
  });

  it('a chart version the registry does not have is one line, and nothing is installed', async () => {
    const r = await helmts([
      'install',
      `oci://${registry}/charts/oci-app`,
      '--version',
      '3.0.0',
      '--name',
      'never',
      '--namespace',
      ns,
    ]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Error: .*charts\/oci-app:3\.0\.0: not found\n/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    const list = await helmts(['list', '--all', '-q']);
    assert.doesNotMatch(list.stdout, /never/);
  });
});
