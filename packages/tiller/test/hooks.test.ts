// Hooks (weights, delete policies, Jobs, failures), --atomic, --wait and test hooks on the real apiserver.
// Nothing runs pods here (no scheduler/kubelet), so the tests complete Jobs and Pods by patching status.
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { BatchV1Api } from '@kubernetes/client-node';
import { after, before, describe, it } from 'mocha';
import type { GetHistoryResponse, InstallReleaseResponse, TestReleaseResponse } from '@helmts/proto';
import { call, collect, makeChart, startFixture, type TillerFixture } from './tiller-fixture.js';

const cmHook = (name: string, event: string, weight: number, policy = '') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  annotations:\n    helm.sh/hook: ${event}\n    helm.sh/hook-weight: "${weight}"\n${policy ? `    helm.sh/hook-delete-policy: ${policy}\n` : ''}data:\n  x: "1"\n`;
const jobHook = (name: string, event: string) =>
  `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\n  annotations:\n    helm.sh/hook: ${event}\n    helm.sh/hook-delete-policy: hook-succeeded\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n`;
const resource =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-main\ndata:\n  v: {{ .Values.v | printf "%q" }}\n';

describe('hooks, atomic and tests @cluster', function () {
  this.timeout(120_000);
  let f: TillerFixture;
  let batch: BatchV1Api;
  let stopPatcher = false;
  before(async () => {
    f = await startFixture();
    batch = f.kc.makeApiClient(BatchV1Api);
    // plays the job controller + kubelet: Jobs named *-ok complete, *-bad fail; test pods by name
    void (async () => {
      while (!stopPatcher) {
        try {
          for (const job of (await batch.listNamespacedJob({ namespace: f.releaseNs })).items) {
            if (job.status?.conditions?.length) continue;
            const ok = job.metadata!.name!.endsWith('-ok');
            const now = new Date().toISOString();
            const conditions = ok
              ? [
                  { type: 'SuccessCriteriaMet', status: 'True', lastTransitionTime: now },
                  { type: 'Complete', status: 'True', lastTransitionTime: now },
                ]
              : [
                  { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', lastTransitionTime: now },
                  { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', lastTransitionTime: now },
                ];
            // the job controller has set startTime and active=1 already; a finished Job must have active=0
            const status = ok
              ? { conditions, active: 0, completionTime: now, succeeded: 1 }
              : { conditions, active: 0, failed: 1 };
            await f.tiller.context.kube
              .request(`/apis/batch/v1/namespaces/${f.releaseNs}/jobs/${job.metadata!.name}/status`, {
                method: 'PATCH',
                body: { status },
                contentType: 'application/merge-patch+json',
              })
              .catch(() => {});
          }
          for (const pod of (await f.core.listNamespacedPod({ namespace: f.releaseNs })).items) {
            if (pod.status?.phase && pod.status.phase !== 'Pending') continue;
            const phase = pod.metadata!.name!.includes('pass') ? 'Succeeded' : 'Failed';
            await f.tiller.context.kube
              .request(`/api/v1/namespaces/${f.releaseNs}/pods/${pod.metadata!.name}/status`, {
                method: 'PATCH',
                body: { status: { phase } },
                contentType: 'application/merge-patch+json',
              })
              .catch(() => {});
          }
        } catch {
          // namespace not there yet
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
  });
  after(async () => {
    stopPatcher = true;
    await f?.close();
  });

  const exists = (name: string) =>
    f.core.readNamespacedConfigMap({ name, namespace: f.releaseNs }).then(
      () => true,
      () => false,
    );

  it('runs hooks by weight, applies delete policies, waits for Jobs', async () => {
    const chart = makeChart(
      {
        'templates/main.yaml': resource,
        'templates/hooks.yaml': [
          cmHook('h-late', 'pre-install', 5),
          cmHook('h-early', 'pre-install', -5, 'hook-succeeded'),
          cmHook('h-post', 'post-install,post-upgrade', 0, 'before-hook-creation'),
        ].join('---\n'),
        'templates/job.yaml': jobHook('migrate-ok', 'post-install'),
      },
      'v: one\n',
    );
    const md = new grpc.Metadata();
    md.set('x-helmts-operation-id', 'hooks-1');
    const watch = collect(f.client.WatchOperation({ operation_id: 'hooks-1', release: '' }));
    const res = await call<unknown, InstallReleaseResponse>(
      f.client,
      'InstallRelease',
      { chart, name: 'hk', namespace: f.releaseNs },
      md,
    );
    assert.equal(res.release?.info?.status?.code, 'DEPLOYED');
    const started = (await watch).filter((e) => e.hook?.state === 'STARTED').map((e) => e.hook!.name);
    assert.deepEqual(started, ['h-early', 'h-late', 'h-post', 'migrate-ok']);
    assert.equal(await exists('h-early'), false, 'hook-succeeded deletes');
    assert.equal(await exists('h-late'), true, 'no policy keeps the hook object');
    assert.equal(await exists('hk-main'), true);
    await assert.rejects(
      batch.readNamespacedJob({ name: 'migrate-ok', namespace: f.releaseNs }),
      'completed Job deleted by hook-succeeded',
    );
    assert.ok(
      res.release!.hooks.every(
        (h) => h.events.includes('PRE_UPGRADE') || h.last_run !== null || !h.events.some((e) => e.startsWith('P')),
      ),
    );
    // before-hook-creation lets the post-upgrade hook be created again
    await call(f.client, 'UpdateRelease', { name: 'hk', chart, values: { raw: 'v: two\n' } });
    assert.equal(await exists('h-post'), true);
  });

  it('a failing hook fails the operation and is recorded', async () => {
    const chart = makeChart(
      { 'templates/main.yaml': resource, 'templates/job.yaml': jobHook('check-bad', 'post-install') },
      'v: one\n',
    );
    await assert.rejects(
      call(f.client, 'InstallRelease', { chart, name: 'hkfail', namespace: f.releaseNs }),
      (e: grpc.ServiceError) => /post-install hook check-bad failed: Job failed: BackoffLimitExceeded/.test(e.details),
    );
    const h = await call<unknown, GetHistoryResponse>(f.client, 'GetHistory', { name: 'hkfail', max: 256 });
    assert.equal(h.releases[0]?.info?.status?.code, 'FAILED');
    assert.match(h.releases[0]!.info!.Description, /failed post-install/);
  });

  it('upgrade --force replaces a release that has no DEPLOYED revision (Helm 2 force path)', async () => {
    const { upgradeRelease } = await import('../src/index.js');
    const good = makeChart({ 'templates/main.yaml': resource }, 'v: fixed\n');
    await assert.rejects(
      call(f.client, 'UpdateRelease', { name: 'hkfail', chart: good }),
      (e: grpc.ServiceError) => e.code === grpc.status.NOT_FOUND && /has no deployed releases/.test(e.details),
    );
    const { release } = await upgradeRelease(f.tiller.context, { name: 'hkfail', chart: good as never, force: true });
    assert.equal(release.version, 2);
    assert.equal(release.info?.status?.code, 'DEPLOYED');
    assert.equal(release.info?.Description, 'Upgrade complete');
    assert.equal(
      (await f.core.readNamespacedConfigMap({ name: 'hkfail-main', namespace: f.releaseNs })).data?.v,
      'fixed',
    );
    // a DEPLOYED release is not replaced by the force path
    await assert.rejects(
      upgradeRelease(f.tiller.context, {
        name: 'hkfail',
        chart: makeChart({ 'templates/a.yaml': '{{ .Values.x' }) as never,
        force: true,
      }),
      /is in use, cannot re-use/,
    );
  });

  it('--atomic install purges the failed release; --atomic upgrade rolls back', async () => {
    const { installRelease, upgradeRelease } = await import('../src/index.js');
    const ctx = f.tiller.context;
    const failing = makeChart(
      { 'templates/main.yaml': resource, 'templates/job.yaml': jobHook('boom-bad', 'post-install') },
      'v: one\n',
    );
    await assert.rejects(
      installRelease(ctx, { chart: failing as never, name: 'atom', namespace: f.releaseNs, atomic: true, timeout: 30 }),
      /post-install hook boom-bad failed: Job failed/,
    );
    await assert.rejects(ctx.storage.history('atom'), /not found/);
    assert.equal(await exists('atom-main'), false);

    const good = makeChart({ 'templates/main.yaml': resource }, 'v: one\n');
    await installRelease(ctx, { chart: good as never, name: 'atom2', namespace: f.releaseNs });
    const bad = makeChart(
      { 'templates/main.yaml': resource, 'templates/job.yaml': jobHook('up-bad', 'pre-upgrade') },
      'v: two\n',
    );
    await assert.rejects(
      upgradeRelease(ctx, { chart: bad as never, name: 'atom2', values: 'v: two\n', atomic: true, timeout: 30 }),
      /rolled back to revision 1/,
    );
    const codes = (await ctx.storage.history('atom2')).map((r) => `${r.version}:${r.info?.status?.code}`);
    // Helm 2 (§3.6): the rollback supersedes the latest revision, even a FAILED one
    assert.deepEqual(codes, ['1:SUPERSEDED', '2:SUPERSEDED', '3:DEPLOYED']);
    assert.match((await ctx.storage.get('atom2', 2)).info!.Description, /Upgrade "atom2" failed/);
    assert.equal((await f.core.readNamespacedConfigMap({ name: 'atom2-main', namespace: f.releaseNs })).data?.v, 'one');
  });

  it('--wait times out with DEADLINE_EXCEEDED when a Deployment never becomes ready', async () => {
    const dep =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n';
    const chart = makeChart({ 'templates/dep.yaml': dep });
    await assert.rejects(
      call(f.client, 'InstallRelease', { chart, name: 'waiter', namespace: f.releaseNs, wait: true, timeout: 2 }),
      (e: grpc.ServiceError) => e.code === grpc.status.DEADLINE_EXCEEDED,
    );
    const h = await call<unknown, GetHistoryResponse>(f.client, 'GetHistory', { name: 'waiter', max: 256 });
    assert.equal(h.releases[0]?.info?.status?.code, 'FAILED');
  });

  it('RunReleaseTest of a release that does not exist ends with NOT_FOUND (the stream used to end with no status)', async () => {
    await assert.rejects(
      collect<TestReleaseResponse>(f.client.RunReleaseTest({ name: 'never-installed', timeout: 30 })),
      (e: { code?: number; details?: string }) => e.code === 5 && e.details === 'release: "never-installed" not found',
    );
  });

  it('RunReleaseTest streams results of test-success / test-failure pods and cleans up', async () => {
    const pod = (name: string, event: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  annotations:\n    helm.sh/hook: ${event}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: t\n    image: busybox\n`;
    const chart = makeChart(
      {
        'templates/main.yaml': resource,
        'templates/tests.yaml': [
          pod('t-pass', 'test-success'),
          pod('t-fails-as-expected', 'test-failure'),
          pod('t-wrong', 'test-success'),
        ].join('---\n'),
      },
      'v: one\n',
    );
    await call(f.client, 'InstallRelease', { chart, name: 'tst', namespace: f.releaseNs });
    const msgs = await collect<TestReleaseResponse>(
      f.client.RunReleaseTest({ name: 'tst', cleanup: true, timeout: 30 }),
    );
    const lines = msgs.map((m) => `${m.status} ${m.msg}`);
    assert.ok(lines.includes('SUCCESS PASSED: t-pass'), lines.join('\n'));
    assert.ok(lines.includes('SUCCESS PASSED: t-fails-as-expected'));
    assert.ok(lines.some((l) => l.startsWith('FAILURE FAILED: t-wrong')));
    const content = await f.tiller.context.storage.last('tst');
    assert.equal(content.info?.status?.last_test_suite_run?.results.length, 3);
    const pods = await f.core.listNamespacedPod({ namespace: f.releaseNs });
    assert.ok(
      pods.items.every((p) => p.metadata?.deletionTimestamp || !p.metadata?.name?.startsWith('t-')),
      'cleanup deletes test pods',
    );
  });
});
