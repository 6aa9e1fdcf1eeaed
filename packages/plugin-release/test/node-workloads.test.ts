import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AppsV1Api, BatchV1Api } from '@kubernetes/client-node';
import { clusterNode, type ClusterNode } from '@helmts/testkit';
import { hookCluster } from '@helmts/testkit/mocha-cluster-hook';
import { useTiller } from './tiller-fixture.js';
import { freePort } from '@helmts/testkit';

/**
 * Releases whose pods really run: the local cluster's node (kubelet + containerd, see
 * scripts/cluster/README.md) runs the busybox image built for it. Readiness, hooks as Jobs,
 * `helmts test`, --atomic and port-forward are checked against what the kubelet reports.
 */

/** A chart in a temporary directory: `templates/<name>` for each entry. */
function makeChart(root: string, name: string, templates: Record<string, string>, values = ''): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v1\nname: ${name}\nversion: 0.1.0\n`);
  writeFileSync(join(dir, 'values.yaml'), values);
  for (const [file, text] of Object.entries(templates)) {
    mkdirSync(join(dir, 'templates', file, '..'), { recursive: true });
    writeFileSync(join(dir, 'templates', file), text);
  }
  return dir;
}

/** A Deployment serving /www with busybox httpd on 8080, Ready once its port answers. */
const webDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
spec:
  replicas: 1
  selector:
    matchLabels: {app: {{ .Release.Name }}-web}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}-web}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: web
          image: {{ .Values.image }}
          imagePullPolicy: IfNotPresent
          command: ["sh", "-c", {{ .Values.command | quote }}]
          readinessProbe:
            tcpSocket: {port: 8080}
            initialDelaySeconds: {{ .Values.readyDelay }}
            periodSeconds: 1
`;

/** `kubectl port-forward` to `target` on a free local port; resolves when it listens. */
async function portForward(
  kubeconfig: string,
  ns: string,
  target: string,
  remotePort: number,
): Promise<{ port: number; stop: () => void }> {
  const port = await freePort();
  const child = spawn(
    'kubectl',
    ['--kubeconfig', kubeconfig, '-n', ns, 'port-forward', '--address', '127.0.0.1', target, `${port}:${remotePort}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`port-forward did not start: ${err}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('Forwarding from')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`port-forward exited with ${code}: ${err}`));
    });
  });
  return { port, stop: () => child.kill('SIGTERM') };
}

async function httpGet(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return res.text();
}

describe('releases on a real node @cluster', function () {
  this.timeout(300_000);
  const t = useTiller('node', { pollMs: 250 });
  const { helmts } = t;
  let node: ClusterNode;
  let charts: string;
  let apps: AppsV1Api;
  let batch: BatchV1Api;
  let kubeconfig: string;

  before(async function () {
    const cluster = hookCluster();
    assert.ok(cluster, 'the cluster hook did not run');
    const found = await clusterNode(cluster);
    if (!found && process.env.HELMTS_CLUSTER_NODE === '0') this.skip(); // a control-plane-only cluster, asked for
    assert.ok(found, 'the local cluster has no Ready node (scripts/local-cluster.sh start runs one by default)');
    node = found;
    kubeconfig = cluster.kubeconfig;
    charts = mkdtempSync(join(tmpdir(), 'helmts-node-charts-'));
    apps = t.kc.makeApiClient(AppsV1Api);
    batch = t.kc.makeApiClient(BatchV1Api);
  });
  after(() => {
    if (charts) rmSync(charts, { recursive: true, force: true });
  });

  const web = () =>
    makeChart(
      charts,
      'web',
      { 'deployment.yaml': webDeployment },
      `image: ${node.busyboxImage}\ncommand: httpd -f -p 8080 -h /www\nreadyDelay: 2\n`,
    );

  describe('install --wait', () => {
    it('returns only when the Deployment is Available', async () => {
      const r = await helmts(['install', web(), '--name', 'avail', '--namespace', t.ns, '--wait', '--timeout', '120']);
      assert.equal(r.status, 0, r.stderr);
      // The readiness probe starts 2 s after the container: without a real wait this is still 0.
      const dep = await apps.readNamespacedDeployment({ name: 'avail-web', namespace: t.ns });
      assert.equal(dep.status?.readyReplicas, 1);
      assert.ok(
        dep.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True'),
        JSON.stringify(dep.status?.conditions),
      );
      // install printed, and status prints, the live objects as Helm 2 does: kubectl's columns per
      // kind, the Deployment's pods under v1/Pod(related), aligned by a tabwriter
      assert.match(
        r.stdout,
        /^==> v1\/Deployment\nNAME {7}READY {2}UP-TO-DATE {2}AVAILABLE {2}AGE\navail-web {2}1\/1 {4}1 {11}1 {10}\d+s\n/m,
      );
      const status = await helmts(['status', 'avail']);
      assert.equal(status.status, 0, status.stderr);
      assert.match(
        status.stdout,
        /^==> v1\/Pod\(related\)\nNAME +READY +STATUS +RESTARTS +AGE\navail-web-\S+ +1\/1 +Running +0 +\d+s\n/m,
      );
      assert.match(status.stdout, /\n\n\n$|NOTES:/, 'two blank lines end the resources, as in Helm 2');
    });

    it("fails with the pod's reason when its container crash-loops, after --timeout", async () => {
      const started = Date.now();
      const r = await helmts([
        'install',
        web(),
        '--name',
        'crash',
        '--namespace',
        t.ns,
        '--set',
        'command=echo boom; exit 3',
        '--wait',
        '--timeout',
        '15',
      ]);
      const elapsed = (Date.now() - started) / 1000;
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /timed out waiting for the condition/);
      assert.match(
        r.stderr,
        /pod crash-web-[a-z0-9]+-[a-z0-9]+: container web: (CrashLoopBackOff|Error)\b.*exit code 3/,
      );
      assert.ok(elapsed >= 15 && elapsed < 60, `--timeout 15 honoured (took ${elapsed.toFixed(1)} s)`);
      const status = await helmts(['status', 'crash']);
      assert.match(status.stdout, /STATUS: FAILED/);
    });

    it("fails with the pod's reason when its image is missing", async () => {
      const r = await helmts([
        'install',
        web(),
        '--name',
        'noimage',
        '--namespace',
        t.ns,
        '--set',
        'image=localhost/helmts/missing:1',
        '--wait',
        '--timeout',
        '10',
      ]);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /pod noimage-web-[a-z0-9]+-[a-z0-9]+: container web: (ErrImagePull|ImagePullBackOff)\b/);
    });
  });

  describe('hooks as real Jobs', () => {
    const job = (name: string, hook: string, policy: string, script: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-${name}
  annotations:
    "helm.sh/hook": ${hook}
    "helm.sh/hook-delete-policy": ${policy}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      terminationGracePeriodSeconds: 1
      containers:
        - name: job
          image: {{ .Values.image }}
          imagePullPolicy: Never
          command: ["sh", "-c", ${JSON.stringify(script)}]
`;
    const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-config
data:
  rev: {{ .Release.Revision | quote }}
`;
    const hooked = (policy: string, script: string) =>
      makeChart(
        charts,
        `hooked-${policy.replace(/[^a-z]/g, '')}`,
        { 'job.yaml': job('pre', 'pre-install,pre-upgrade', policy, script), 'config.yaml': configMap },
        `image: ${node.busyboxImage}\n`,
      );

    it('a pre-install Job completes before the release resources are created', async () => {
      const r = await helmts([
        'install',
        hooked('before-hook-creation', 'sleep 2; echo done'),
        '--name',
        'pre',
        '--namespace',
        t.ns,
      ]);
      assert.equal(r.status, 0, r.stderr);
      const j = await batch.readNamespacedJob({ name: 'pre-pre', namespace: t.ns });
      assert.equal(j.status?.succeeded, 1);
      const cm = await t.core.readNamespacedConfigMap({ name: 'pre-config', namespace: t.ns });
      const completed = new Date(j.status!.completionTime!).getTime();
      const created = new Date(cm.metadata!.creationTimestamp!).getTime();
      assert.ok(created >= completed, `ConfigMap created ${created} before the Job completed ${completed}`);
    });

    it('before-hook-creation replaces the previous hook Job on upgrade', async () => {
      const first = await batch.readNamespacedJob({ name: 'pre-pre', namespace: t.ns });
      const r = await helmts([
        'upgrade',
        'pre',
        hooked('before-hook-creation', 'sleep 2; echo done'),
        '--namespace',
        t.ns,
      ]);
      assert.equal(r.status, 0, r.stderr);
      const second = await batch.readNamespacedJob({ name: 'pre-pre', namespace: t.ns });
      assert.notEqual(second.metadata?.uid, first.metadata?.uid, 'a new Job');
      assert.equal(second.status?.succeeded, 1);
    });

    it('hook-succeeded deletes the Job once it has succeeded', async () => {
      const r = await helmts(['install', hooked('hook-succeeded', 'echo ok'), '--name', 'hs', '--namespace', t.ns]);
      assert.equal(r.status, 0, r.stderr);
      await assert.rejects(batch.readNamespacedJob({ name: 'hs-pre', namespace: t.ns }), (e: { code?: number }) => {
        return e.code === 404;
      });
      await t.core.readNamespacedConfigMap({ name: 'hs-config', namespace: t.ns });
    });

    it("a failing hook Job fails the release with the Job's reason; hook-failed deletes it", async () => {
      const r = await helmts([
        'install',
        hooked('hook-failed', 'echo failing; exit 1'),
        '--name',
        'hf',
        '--namespace',
        t.ns,
      ]);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /pre-install hook hf-pre failed: Job failed: BackoffLimitExceeded/);
      await assert.rejects(
        batch.readNamespacedJob({ name: 'hf-pre', namespace: t.ns }),
        (e: { code?: number }) => e.code === 404,
      );
      // The release's own resources were never created.
      await assert.rejects(
        t.core.readNamespacedConfigMap({ name: 'hf-config', namespace: t.ns }),
        (e: { code?: number }) => e.code === 404,
      );
    });

    it('a failed hook Job without hook-failed stays for inspection', async () => {
      const r = await helmts(['install', hooked('hook-succeeded', 'exit 1'), '--name', 'kept', '--namespace', t.ns]);
      assert.notEqual(r.status, 0);
      const j = await batch.readNamespacedJob({ name: 'kept-pre', namespace: t.ns });
      assert.ok(j.status?.conditions?.some((c) => c.type === 'Failed' && c.status === 'True'));
    });
  });

  describe('helmts test', () => {
    const tested = () =>
      makeChart(
        charts,
        'tested',
        {
          'tests/check.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}-check
  annotations:
    "helm.sh/hook": test-success
spec:
  restartPolicy: Never
  terminationGracePeriodSeconds: 1
  containers:
    - name: check
      image: {{ .Values.image }}
      imagePullPolicy: Never
      command: ["sh", "-c", "echo checking {{ .Values.outcome }}; test {{ .Values.outcome }} = pass"]
`,
        },
        `image: ${node.busyboxImage}\noutcome: pass\n`,
      );

    it('runs a passing test pod to completion', async () => {
      assert.equal((await helmts(['install', tested(), '--name', 'tp', '--namespace', t.ns])).status, 0);
      const r = await helmts(['test', 'tp', '--timeout', '60']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^PASSED: tp-check$/m);
      const pod = await t.core.readNamespacedPod({ name: 'tp-check', namespace: t.ns });
      assert.equal(pod.status?.phase, 'Succeeded');
    });

    it('fails for a failing test pod, whose output is in its logs; --cleanup removes it', async () => {
      assert.equal(
        (await helmts(['install', tested(), '--name', 'tf', '--namespace', t.ns, '--set', 'outcome=fail'])).status,
        0,
      );
      const r = await helmts(['test', 'tf', '--timeout', '60']);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /^FAILED: tf-check, run `kubectl logs tf-check --namespace .+` for more info$/m);
      // The logs come from the kubelet through the API server.
      const logs = await t.core.readNamespacedPodLog({ name: 'tf-check', namespace: t.ns });
      assert.equal(logs, 'checking fail\n');
      // --cleanup (a release of its own: a second run finds the first run's pod, as in Helm 2).
      assert.equal(
        (await helmts(['install', tested(), '--name', 'tc', '--namespace', t.ns, '--set', 'outcome=fail'])).status,
        0,
      );
      const cleaned = await helmts(['test', 'tc', '--timeout', '60', '--cleanup']);
      assert.equal(cleaned.status, 1);
      assert.match(cleaned.stdout, /^FAILED: tc-check/m);
      // Deleted: gone once the kubelet has stopped it (1 s grace).
      for (let i = 0; ; i++) {
        const pod = await t.core.readNamespacedPod({ name: 'tc-check', namespace: t.ns }).catch(() => undefined);
        if (!pod) break;
        assert.ok(pod.metadata?.deletionTimestamp, 'tc-check is being deleted');
        assert.ok(i < 160, 'tc-check is still there 40 s after --cleanup');
        await new Promise((r) => setTimeout(r, 250));
      }
    });
  });

  describe('upgrade --atomic', () => {
    it('rolls back an upgrade to a missing image, and the previous pod keeps serving', async () => {
      const chart = web();
      const r1 = await helmts(['install', chart, '--name', 'atom', '--namespace', t.ns, '--wait', '--timeout', '120']);
      assert.equal(r1.status, 0, r1.stderr);
      const before = await t.core.listNamespacedPod({ namespace: t.ns, labelSelector: 'app=atom-web' });
      assert.equal(before.items.length, 1);
      const oldPod = before.items[0].metadata!.name!;

      const r2 = await helmts([
        'upgrade',
        'atom',
        chart,
        '--set',
        'image=localhost/helmts/missing:2',
        '--atomic',
        '--timeout',
        '10',
      ]);
      assert.notEqual(r2.status, 0);
      // Helm 2's client lines: the upgrade's error, ROLLING BACK, the rollback's success, then the error
      assert.match(r2.stdout, /^UPGRADE FAILED\nError: .+\nROLLING BACKRollback was a success\.\n$/);
      assert.match(r2.stderr, /^Error: UPGRADE FAILED: /);
      const history = await helmts(['history', 'atom', '--output', 'json']);
      const revs = JSON.parse(history.stdout) as { revision: number; status: string; description: string }[];
      // As Helm 2: the failed upgrade (2) is superseded by the rollback to 1 (3).
      assert.deepEqual(
        revs.map((x) => [x.revision, x.status]),
        [
          [1, 'SUPERSEDED'],
          [2, 'SUPERSEDED'],
          [3, 'DEPLOYED'],
        ],
      );
      assert.match(revs[2].description, /Rollback to 1/);
      const pod = await t.core.readNamespacedPod({ name: oldPod, namespace: t.ns });
      assert.ok(pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      // The old pod serves, reached on its own IP in the node's pod network.
      assert.equal(await httpGet(`http://${pod.status!.podIP}:8080/`), 'helmts busybox\n');
    });
  });

  describe('the pod network', () => {
    it('a pod on the bridge has two routes: its subnet and the "kubernetes" Service, which reaches the API server', async () => {
      // The release tests before made the namespace (Tiller creates it); alone, this test makes it.
      await t.core.createNamespace({ body: { metadata: { name: t.ns } } }).catch(() => undefined);
      await t.core.createNamespacedPod({
        namespace: t.ns,
        body: {
          metadata: { name: 'routes' },
          spec: {
            terminationGracePeriodSeconds: 1,
            containers: [
              { name: 'main', image: node.busyboxImage, imagePullPolicy: 'Never', command: ['sleep', '3600'] },
            ],
          },
        },
      });
      for (let i = 0; ; i++) {
        const pod = await t.core.readNamespacedPod({ name: 'routes', namespace: t.ns });
        if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) break;
        assert.ok(i < 240, `the pod did not become Ready: ${JSON.stringify(pod.status)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      const exec = (...command: string[]) =>
        execFileSync('kubectl', ['--kubeconfig', kubeconfig, '-n', t.ns, 'exec', 'routes', '--', ...command], {
          encoding: 'utf8',
          stdio: ['pipe', 'pipe', 'pipe'],
        });
      const routes = exec('ip', '-4', 'route').trim().split('\n');
      assert.equal(routes.length, 2, routes.join('\n'));
      assert.match(routes[0], /^10\.0\.0\.1 via (10\.\d+\.\d+)\.1 dev eth0\s*$/);
      assert.match(routes[1], /^(10\.\d+\.\d+)\.0\/24 dev eth0 /);
      assert.equal(/via (\S+)\.1 /.exec(routes[0])![1], routes[1].split('.0/24')[0]);
      // No default route: anything else is unreachable from the pod.
      assert.throws(() => exec('ip', 'route', 'get', '1.1.1.1'), /Network is unreachable/);
      // The Service address (KUBERNETES_SERVICE_HOST, as Kubernetes gave it) answers on 443: the API server.
      assert.equal(exec('sh', '-c', 'echo "$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT"').trim(), '10.0.0.1:443');
      exec('sh', '-c', 'nc -w 10 "$KUBERNETES_SERVICE_HOST" "$KUBERNETES_SERVICE_PORT" </dev/null');
    });
  });

  describe('kubectl port-forward', () => {
    it('forwards 127.0.0.1 to a pod on the bridge and to a hostNetwork pod', async () => {
      const hostPort = await freePort();
      const pods = {
        bridged: { hostNetwork: false, args: ['httpd', '-f', '-p', '8080', '-h', '/www'], port: 8080 },
        hostnet: {
          hostNetwork: true,
          args: ['httpd', '-f', '-p', `127.0.0.1:${hostPort}`, '-h', '/www'],
          port: hostPort,
        },
      };
      for (const [name, p] of Object.entries(pods)) {
        await t.core.createNamespacedPod({
          namespace: t.ns,
          body: {
            metadata: { name },
            spec: {
              hostNetwork: p.hostNetwork,
              terminationGracePeriodSeconds: 1,
              containers: [
                {
                  name: 'web',
                  image: node.busyboxImage,
                  imagePullPolicy: 'Never',
                  command: p.args,
                  readinessProbe: { tcpSocket: { port: p.port }, periodSeconds: 1 },
                },
              ],
            },
          },
        });
      }
      for (const [name, p] of Object.entries(pods)) {
        for (let i = 0; ; i++) {
          const pod = await t.core.readNamespacedPod({ name, namespace: t.ns });
          if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) break;
          assert.ok(i < 240, `${name} did not become Ready: ${JSON.stringify(pod.status)}`);
          await new Promise((r) => setTimeout(r, 250));
        }
        const pf = await portForward(kubeconfig, t.ns, `pod/${name}`, p.port);
        try {
          assert.equal(await httpGet(`http://127.0.0.1:${pf.port}/`), 'helmts busybox\n', name);
        } finally {
          pf.stop();
        }
      }
    });
  });
});
