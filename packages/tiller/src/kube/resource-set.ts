// Applying a release's objects: create in install order, update from the previous manifest (delete
// what disappeared), delete in uninstall order, wait for readiness (reference §3.5, §3.8).
import type { KubeClient, KubeObject } from './kube-client.js';
import { KubeOperationError, describeObject, objectKey } from './kube-client.js';
import { kubeMessage } from './kube-errors.js';
import { readinessOf } from './readiness.js';
import { watchChanges } from './change-watch.js';
import { RESOURCE_POLICY_ANNOTATION } from '../render/split-rendered.js';
import { HELM2_INSTALL_ORDER, HELM2_UNINSTALL_ORDER, sortByKindThenName } from '@helmts/engine';
import type { ProgressSink } from '../operations/progress.js';

export interface ApplyOptions {
  force?: boolean;
  recreate?: boolean;
  progress?: ProgressSink;
}

function groupByKind(objs: KubeObject[]): KubeObject[][] {
  const groups: KubeObject[][] = [];
  for (const o of objs) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.kind === o.kind) last.push(o);
    else groups.push([o]);
  }
  return groups;
}

function emitResource(p: ProgressSink | undefined, action: string, o: KubeObject, message = '') {
  p?.resource({
    action: action as never,
    api_version: o.apiVersion,
    kind: o.kind,
    namespace: o.metadata.namespace ?? '',
    name: o.metadata.name,
    message,
  });
}

/**
 * Install: every object must be new (checked for all of them before any is created, so a clash
 * leaves nothing behind); kinds in order, objects of one kind concurrently.
 */
export async function createAll(kube: KubeClient, objs: KubeObject[], opts: ApplyOptions = {}): Promise<void> {
  const sorted = sortByKindThenName(
    objs,
    (o) => o.kind,
    () => '',
    HELM2_INSTALL_ORDER,
  );
  const existing = await kube.existing(sorted);
  const clash = sorted.find((o) => existing.has(objectKey(o)));
  if (clash) {
    emitResource(opts.progress, 'FAILED', clash, 'already exists');
    throw new KubeOperationError(`${clash.kind} "${clash.metadata.name}" already exists`, 409);
  }
  for (const group of groupByKind(sorted)) {
    await Promise.all(
      group.map(async (o) => {
        try {
          await kube.apply(o, true);
        } catch (e) {
          emitResource(opts.progress, 'FAILED', o, kubeMessage(e));
          // the API server's words alone, as Helm 2's (they name the object); Tiller adds "release X failed: "
          throw new KubeOperationError(kubeMessage(e));
        }
        emitResource(opts.progress, 'CREATED', o);
      }),
    );
  }
}

export interface UpdateResult {
  created: KubeObject[];
  deleted: KubeObject[];
}

const RECREATE_KINDS = new Set([
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'DaemonSet',
  'StatefulSet',
  'Job',
]);

/** Upgrade/rollback: apply target objects (create missing ones), then delete what the original had and target lacks. */
export async function updateAll(
  kube: KubeClient,
  original: KubeObject[],
  target: KubeObject[],
  opts: ApplyOptions = {},
): Promise<UpdateResult> {
  const originalKeys = new Map(original.map((o) => [objectKey(o), o]));
  const targetKeys = new Set(target.map(objectKey));
  const created: KubeObject[] = [];
  const errors: string[] = [];
  const sorted = sortByKindThenName(
    target,
    (o) => o.kind,
    () => '',
    HELM2_INSTALL_ORDER,
  );
  const existing = await kube.existing(sorted);
  for (const group of groupByKind(sorted)) {
    await Promise.all(
      group.map(async (o) => {
        try {
          if (!existing.has(objectKey(o))) {
            // Helm 2's words for an object of the new chart that could not be created
            await kube.apply(o, true).catch((e: unknown) => {
              throw new KubeOperationError(`failed to create resource: ${kubeMessage(e)}`);
            });
            created.push(o);
            emitResource(opts.progress, 'CREATED', o);
            return;
          }
          if (!originalKeys.has(objectKey(o))) {
            throw new KubeOperationError(
              `kind ${o.kind} with the name "${o.metadata.name}" in "${o.metadata.namespace ?? ''}" already exists in the cluster and wasn't defined in the previous release. Before upgrading, please either delete the resource from the cluster or remove it from the chart`,
            );
          }
          try {
            await kube.apply(o, true);
            emitResource(opts.progress, 'UPDATED', o);
          } catch (e) {
            if (!opts.force) throw e;
            // --force: replace (delete + create) when the update is refused
            await kube.delete(o);
            await kube.apply(o, true);
            emitResource(opts.progress, 'RECREATED', o);
          }
          if (opts.recreate && RECREATE_KINDS.has(o.kind)) await recreatePods(kube, o);
        } catch (e) {
          emitResource(opts.progress, 'FAILED', o, kubeMessage(e));
          // an update the API server refused: its words alone (they name the object), as Helm 2's
          errors.push(e instanceof KubeOperationError ? e.message : kubeMessage(e));
        }
      }),
    );
  }
  if (errors.length > 0) {
    const err = new KubeOperationError(errors.join(' && '));
    (err as KubeOperationError & { created?: KubeObject[] }).created = created;
    throw err;
  }
  const removed = original.filter((o) => !targetKeys.has(objectKey(o)));
  const deleted: KubeObject[] = [];
  for (const o of sortByKindThenName(
    removed,
    (x) => x.kind,
    () => '',
    HELM2_UNINSTALL_ORDER,
  )) {
    const policy = o.metadata.annotations?.[RESOURCE_POLICY_ANNOTATION];
    if (policy !== undefined && policy !== 'delete') {
      emitResource(opts.progress, 'KEPT', o, `resource policy ${policy}`);
      continue;
    }
    try {
      if (await kube.delete(o)) deleted.push(o);
      emitResource(opts.progress, 'DELETED', o);
    } catch (e) {
      emitResource(opts.progress, 'FAILED', o, kubeMessage(e)); // deletion errors are only reported (Helm 2)
    }
  }
  return { created, deleted };
}

async function recreatePods(kube: KubeClient, o: KubeObject): Promise<void> {
  const live = (await kube.get(o)) as Record<string, any> | undefined;
  const sel = live?.spec?.selector;
  const labels: Record<string, string> | undefined =
    sel?.matchLabels ?? (o.kind === 'ReplicationController' ? sel : undefined);
  if (!labels) return;
  const selector = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  for (const pod of await kube.list('v1', 'Pod', o.metadata.namespace, selector)) await kube.delete(pod);
}

export interface DeleteResult {
  kept: KubeObject[];
  errors: string[];
}

/**
 * Uninstall: kinds in uninstall order, the objects of one kind concurrently (as install creates
 * them; one kind is gone before the next is touched); `helm.sh/resource-policy` other than `delete`
 * keeps an object. Kept objects and errors are reported in manifest order whatever order the
 * deletes finish in.
 */
export async function deleteAll(
  kube: KubeClient,
  releaseName: string,
  objs: KubeObject[],
  opts: ApplyOptions = {},
): Promise<DeleteResult> {
  const kept: KubeObject[] = [];
  const errors: string[] = [];
  const sorted = sortByKindThenName(
    objs,
    (x) => x.kind,
    () => '',
    HELM2_UNINSTALL_ORDER,
  );
  for (const group of groupByKind(sorted)) {
    const outcomes = await Promise.all(
      group.map(async (o): Promise<{ kept?: KubeObject; error?: string }> => {
        const policy = o.metadata.annotations?.[RESOURCE_POLICY_ANNOTATION];
        if (policy !== undefined && policy !== 'delete') {
          const live = await kube.get(o);
          emitResource(opts.progress, 'KEPT', o);
          return live ? { kept: o } : {};
        }
        try {
          if (await kube.delete(o)) {
            emitResource(opts.progress, 'DELETED', o);
            return {};
          }
          return { error: `release "${releaseName}": object "${describeObject(o)}" not found, skipping delete` };
        } catch (e) {
          emitResource(opts.progress, 'FAILED', o, kubeMessage(e));
          return { error: `release "${releaseName}": ${describeObject(o)}: ${kubeMessage(e)}` };
        }
      }),
    );
    for (const outcome of outcomes) {
      if (outcome.kept) kept.push(outcome.kept);
      if (outcome.error) errors.push(outcome.error);
    }
  }
  return { kept, errors };
}

export class WaitTimeoutError extends Error {
  constructor(message = 'timed out waiting for the condition') {
    super(message);
    this.name = 'WaitTimeoutError';
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// With every watch open, look again anyway this often (a safety net, not the way changes are seen).
const RECHECK_MS = 30_000;

/**
 * Waits until every waitable object is ready or `timeoutSeconds` pass. Readiness is read again the
 * moment a watch reports a change to what it depends on (pods, ReplicaSets, ...), so the wait ends
 * within one apiserver round trip of the last pod becoming Ready; `pollMs` (default 2 s, Helm 2's
 * interval) only applies while a watch cannot be opened. An object seen ready is not read again.
 */
export async function waitForReady(
  kube: KubeClient,
  objs: KubeObject[],
  timeoutSeconds: number,
  opts: ApplyOptions & { pollMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const poll = opts.pollMs ?? 2000;
  const changes = await watchChanges(kube.kubeConfig, objs);
  let pending = objs;
  // the last pod problem seen per object: a crash-looping container is "running" for a moment
  // between restarts, and the timeout message should still say why it is not ready
  const problems = new Map<KubeObject, string>();
  try {
    for (;;) {
      changes.reset();
      const results = await Promise.all(pending.map(async (o) => ({ o, r: await readinessOf(kube, o) })));
      let firstNotReady: string | undefined;
      const notReady: KubeObject[] = [];
      for (const { o, r } of results) {
        if (r === undefined) continue;
        if (!r.ready) {
          notReady.push(o);
          if (r.problem) problems.set(o, r.problem);
          const problem = problems.get(o);
          const message = problem && !r.problem ? `${r.message}; ${problem}` : r.message;
          firstNotReady ??= `${describeObject(o)}: ${message}`;
        }
        opts.progress?.readiness({
          api_version: o.apiVersion,
          kind: o.kind,
          namespace: o.metadata.namespace ?? '',
          name: o.metadata.name,
          ready: r.ready,
          message: r.message,
          ready_objects: 0,
          total_objects: 0,
        });
      }
      pending = notReady;
      if (pending.length === 0) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new WaitTimeoutError(`timed out waiting for the condition (${firstNotReady})`);
      await changes.next(Math.min(left, changes.watching ? RECHECK_MS : poll));
    }
  } finally {
    changes.stop();
  }
}
