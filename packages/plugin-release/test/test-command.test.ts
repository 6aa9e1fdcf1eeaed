import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

import { useTiller } from './tiller-fixture.js';

const chart = fileURLToPath(new URL('fixtures/tested', import.meta.url));

/**
 * `helmts test`: Tiller creates the test pods and waits for them. Here the test plays the kubelet
 * (its image busybox:1.36 cannot be pulled on the local node): it sets each pod's phase the way
 * its command would end. node-workloads.test.ts runs real test pods on the node.
 */
describe('helmts test @cluster', function () {
  this.timeout(180_000);
  const t = useTiller('tested', { pollMs: 200 });
  const { ns, helmts } = t;

  /** Completes every pending test pod: Succeeded when the chart was told to pass. */
  async function playKubelet(stop: { done: boolean }) {
    while (!stop.done) {
      const pods = await t.core.listNamespacedPod({ namespace: ns });
      for (const pod of pods.items) {
        if (pod.status?.phase && pod.status.phase !== 'Pending') continue;
        const phase = pod.metadata!.name!.endsWith('-pass') ? 'Succeeded' : 'Failed';
        await t.core
          .patchNamespacedPodStatus({
            name: pod.metadata!.name!,
            namespace: ns,
            body: [{ op: 'add', path: '/status/phase', value: phase }],
          })
          .catch(() => undefined);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('streams PASSED for a passing test and records the suite in status', async () => {
    const install = await helmts(['install', chart, '--name', 'good', '--namespace', ns]);
    assert.equal(install.status, 0, install.stderr);
    const stop = { done: false };
    const kubelet = playKubelet(stop);
    const r = await helmts(['test', 'good', '--timeout', '60']);
    stop.done = true;
    await kubelet;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^RUNNING: good-check-pass$/m);
    assert.match(r.stdout, /^PASSED: good-check-pass$/m);
    const status = await helmts(['status', 'good']);
    assert.match(status.stdout, /TEST SUITE:\nLast Started: .+\nLast Completed: .+\n/);
    assert.match(status.stdout, /good-check-pass\s*\tSUCCESS/);
  });

  it('fails with a non-zero exit and names the failed test, and --cleanup removes the pods', async () => {
    const install = await helmts(['install', chart, '--name', 'bad', '--namespace', ns, '--set', 'outcome=fail']);
    assert.equal(install.status, 0, install.stderr);
    const stop = { done: false };
    const kubelet = playKubelet(stop);
    const r = await helmts(['test', 'bad', '--timeout', '60', '--cleanup']);
    stop.done = true;
    await kubelet;
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^FAILED: bad-check-fail, run `kubectl logs bad-check-fail --namespace .+` for more info$/m);
    assert.match(r.stderr, /^Error: 1 test\(s\) failed/);
    await assert.rejects(
      t.core.readNamespacedPod({ name: 'bad-check-fail', namespace: ns }),
      (e: { code?: number }) => e.code === 404,
    );
  });
});
