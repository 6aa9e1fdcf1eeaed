// RunReleaseTest (reference §3.11): test-success / test-failure hook Pods, results streamed.
import type { Release } from '@helmts/proto';
import { timestampFromDate } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import { sleep } from '../kube/resource-set.js';
import { kubeMessage } from '../kube/kube-errors.js';
import { InvalidArgumentError, validateReleaseName } from './action-errors.js';
import { inOperation, type OperationContext } from './release-ops.js';

export interface TestOptions extends OperationContext {
  name: string;
  timeout?: number;
  cleanup?: boolean;
  parallel?: boolean;
  maxParallel?: number;
  logs?: boolean;
}

export type TestMessage = { msg: string; status: 'UNKNOWN' | 'SUCCESS' | 'FAILURE' | 'RUNNING' };

export async function testRelease(
  ctx: TillerContext,
  opts: TestOptions,
  send: (m: TestMessage) => void,
): Promise<Release> {
  validateReleaseName(opts.name);
  return inOperation(
    ctx,
    opts.name,
    'TEST',
    opts,
    async ({ progress }) => {
      const rel = await ctx.storage.last(opts.name);
      progress.setRevision(rel.version);
      progress.phase('TESTING');
      const tests = rel.hooks.filter(
        (h) => h.events.includes('RELEASE_TEST_SUCCESS') || h.events.includes('RELEASE_TEST_FAILURE'),
      );
      const suite = {
        started_at: timestampFromDate(new Date()),
        completed_at: null as unknown,
        results: [] as unknown[],
      };
      if (tests.length === 0) {
        send({ msg: 'No Tests Found', status: 'UNKNOWN' });
        // Helm 2's Tiller records the empty run all the same: `status` shows its TEST SUITE block
        suite.completed_at = timestampFromDate(new Date());
        rel.info!.status!.last_test_suite_run = suite as never;
        await ctx.storage.update(rel);
        return rel;
      }
      const timeoutMs = (opts.timeout || 300) * 1000;
      const pods: { name: string; namespace: string }[] = [];
      const runOne = async (hook: (typeof tests)[number]) => {
        const expectSuccess =
          hook.events.find((e) => e === 'RELEASE_TEST_SUCCESS' || e === 'RELEASE_TEST_FAILURE') ===
          'RELEASE_TEST_SUCCESS';
        const objs = await ctx.kube.build(hook.manifest, rel.namespace);
        for (const o of objs) if (o.kind !== 'Pod') throw new InvalidArgumentError(`${o.metadata.name} is not a pod`);
        for (const pod of objs) {
          const started = timestampFromDate(new Date());
          const result = {
            name: pod.metadata.name,
            status: 'UNKNOWN',
            info: '',
            started_at: started,
            completed_at: null as unknown,
          };
          suite.results.push(result);
          send({ msg: `RUNNING: ${pod.metadata.name}`, status: 'RUNNING' });
          progress.hook({
            event: hook.events[0] as never,
            name: hook.name,
            kind: 'Pod',
            weight: hook.weight,
            state: 'STARTED',
            message: '',
          });
          try {
            await ctx.kube.create(pod);
            pods.push({ name: pod.metadata.name, namespace: pod.metadata.namespace ?? rel.namespace });
          } catch (e) {
            result.status = 'FAILURE';
            result.info = kubeMessage(e);
            send({ msg: `ERROR: ${kubeMessage(e)}`, status: 'FAILURE' });
            continue;
          }
          const deadline = Date.now() + timeoutMs;
          let phase = '';
          for (;;) {
            const live = (await ctx.kube.get(pod)) as { status?: { phase?: string } } | undefined;
            phase = live?.status?.phase ?? '';
            if (phase === 'Succeeded' || phase === 'Failed' || Date.now() > deadline) break;
            await sleep(ctx.pollMs ?? 1000);
          }
          result.completed_at = timestampFromDate(new Date());
          if (phase !== 'Succeeded' && phase !== 'Failed') {
            // Helm 2's Tiller: the run stays UNKNOWN, the stream says ERROR and counts it as a failure
            result.status = 'UNKNOWN';
            result.info = 'timed out waiting for the condition';
            send({ msg: 'ERROR: timed out waiting for the condition', status: 'FAILURE' });
          } else if ((phase === 'Succeeded') === expectSuccess) {
            result.status = 'SUCCESS';
            send({ msg: `PASSED: ${pod.metadata.name}`, status: 'SUCCESS' });
          } else {
            result.status = 'FAILURE';
            send({
              msg: `FAILED: ${pod.metadata.name}, run \`kubectl logs ${pod.metadata.name} --namespace ${rel.namespace}\` for more info`,
              status: 'FAILURE',
            });
          }
          progress.hook({
            event: hook.events[0] as never,
            name: hook.name,
            kind: 'Pod',
            weight: hook.weight,
            state: result.status === 'SUCCESS' ? 'SUCCEEDED' : 'FAILED',
            message: result.info,
          });
        }
      };
      if (opts.parallel) {
        const max = opts.maxParallel || 20;
        const queue = [...tests];
        await Promise.all(
          Array.from({ length: Math.min(max, queue.length) }, async () => {
            while (queue.length > 0) await runOne(queue.shift()!);
          }),
        );
      } else for (const t of tests) await runOne(t);
      suite.completed_at = timestampFromDate(new Date());
      if (opts.cleanup)
        for (const p of pods)
          await ctx.kube.delete({ apiVersion: 'v1', kind: 'Pod', metadata: p } as never).catch(() => {});
      rel.info!.status!.last_test_suite_run = suite as never;
      await ctx.storage.update(rel);
      return rel;
    },
    { lock: true },
  );
}
