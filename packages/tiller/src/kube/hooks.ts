// Running hooks of one event (reference §4.3): weight then name order, before-hook-creation,
// Jobs waited to completion, CRDs to Established, delete policies.
import type { Hook, HookInput } from '@helmts/proto';
import { timestampFromDate } from '@helmts/proto';
import type { KubeClient, KubeObject } from './kube-client.js';
import { kubeMessage } from './kube-errors.js';
import { sleep } from './resource-set.js';
import type { ProgressSink } from '../operations/progress.js';

export class HookFailedError extends Error {
  constructor(
    readonly event: string,
    readonly hook: string,
    message: string,
  ) {
    super(message);
    this.name = 'HookFailedError';
  }
}

export interface HookRunOptions {
  namespace: string;
  timeoutSeconds: number;
  progress?: ProgressSink;
  /** poll interval for Jobs and CRDs; default 1000 ms */
  pollMs?: number;
}

type Obj = Record<string, any>;

function conditionTrue(o: Obj | undefined, type: string): Obj | undefined {
  return (o?.status?.conditions ?? []).find((c: Obj) => c.type === type && c.status === 'True');
}

async function waitHookObject(kube: KubeClient, o: KubeObject, opts: HookRunOptions): Promise<void> {
  if (o.kind !== 'Job' && o.kind !== 'CustomResourceDefinition') return;
  const deadline = Date.now() + opts.timeoutSeconds * 1000;
  for (;;) {
    const live = (await kube.get(o)) as Obj | undefined;
    if (o.kind === 'Job') {
      if (conditionTrue(live, 'Complete')) return;
      const failed = conditionTrue(live, 'Failed');
      if (failed) throw new Error(`Job failed: ${failed.reason ?? ''}`);
    } else {
      if (conditionTrue(live, 'Established')) return;
      const names = (live?.status?.conditions ?? []).find(
        (c: Obj) => c.type === 'NamesAccepted' && c.status === 'False',
      );
      if (names) throw new Error(`naming conflict detected for CRD ${o.metadata.name}`);
    }
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await sleep(opts.pollMs ?? 1000);
  }
}

async function deleteHookObjects(kube: KubeClient, objs: KubeObject[], waitSeconds: number): Promise<void> {
  for (const o of objs) await kube.delete(o);
  if (waitSeconds <= 0) return;
  const deadline = Date.now() + waitSeconds * 1000;
  for (const o of objs) {
    while ((await kube.get(o)) && Date.now() < deadline) await sleep(500);
  }
}

/** Hooks of `event`, in execution order. */
function hooksFor(hooks: readonly (Hook | HookInput)[], event: string): (Hook | HookInput)[] {
  return hooks
    .filter((h) => (h.events ?? []).includes(event as never))
    .sort(
      (a, b) =>
        (a.weight ?? 0) - (b.weight ?? 0) ||
        ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0),
    );
}

/** Runs the hooks of `event`; throws HookFailedError on the first failure. Sets `last_run`. */
export async function runHooks(
  kube: KubeClient,
  hooks: (Hook | HookInput)[],
  event: string,
  opts: HookRunOptions,
): Promise<void> {
  const selected = hooksFor(hooks, event);
  if (selected.length === 0) return;
  await kube.ensureNamespace(opts.namespace);
  const run: { hook: Hook | HookInput; objs: KubeObject[] }[] = [];
  for (const hook of selected) {
    const policies = (hook.delete_policies ?? []) as string[];
    const info = { event: event as never, name: hook.name ?? '', kind: hook.kind ?? '', weight: hook.weight ?? 0 };
    const objs = await kube.build(hook.manifest ?? '', opts.namespace);
    opts.progress?.hook({ ...info, state: 'STARTED', message: '' });
    try {
      if (policies.includes('BEFORE_HOOK_CREATION'))
        await deleteHookObjects(kube, objs, Number(hook.delete_timeout ?? 60));
      for (const o of objs) await kube.create(o);
      for (const o of objs) await waitHookObject(kube, o, opts);
    } catch (e) {
      const message = kubeMessage(e);
      opts.progress?.hook({ ...info, state: 'FAILED', message });
      if (policies.includes('FAILED')) {
        await deleteHookObjects(kube, objs, 0).catch(() => {});
        opts.progress?.hook({ ...info, state: 'DELETED', message: 'hook-failed policy' });
      }
      throw new HookFailedError(
        event,
        hook.name ?? '',
        `${event.toLowerCase().replace(/_/g, '-')} hook ${hook.name} failed: ${message}`,
      );
    }
    opts.progress?.hook({ ...info, state: 'SUCCEEDED', message: '' });
    run.push({ hook, objs });
  }
  for (const { hook, objs } of run) {
    if (((hook.delete_policies ?? []) as string[]).includes('SUCCEEDED')) {
      await deleteHookObjects(kube, objs, Number(hook.delete_timeout ?? 60));
      opts.progress?.hook({
        event: event as never,
        name: hook.name ?? '',
        kind: hook.kind ?? '',
        weight: hook.weight ?? 0,
        state: 'DELETED',
        message: 'hook-succeeded policy',
      });
    }
    hook.last_run = timestampFromDate(new Date());
  }
}
