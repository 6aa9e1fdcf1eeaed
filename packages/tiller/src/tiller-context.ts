// Everything an action needs: storage, the cluster, the per-release lock, progress, logging.
import type { Storage } from './storage/index.js';
import type { KubeClient } from './kube/kube-client.js';
import type { ReleaseLock } from './operations/release-lock.js';
import type { OperationBus } from './operations/progress.js';
import type { Logger } from './logger.js';
import type { DialectName, EngineRegistry } from '@helmts/engine';
import type { TillerRenderLimits } from './security/render-limits.js';

export const TILLER_VERSION = { sem_ver: 'v2.17.0', git_commit: 'helmts', git_tree_state: 'clean' };

export interface TillerContext {
  storage: Storage;
  kube: KubeClient;
  lock: ReleaseLock;
  bus: OperationBus;
  log: Logger;
  /** Tiller's own namespace (records, leases) */
  namespace: string;
  /** template engines beyond the built-in ones (`tiller --engine name=package`) */
  engines?: EngineRegistry;
  /** readiness/hook poll interval; tests shorten it */
  pollMs?: number;
  /** bounds on rendering a chart (template nesting, output size); see security/render-limits.ts */
  renderLimits?: TillerRenderLimits;
  /** render dialect (`tiller --dialect`): helm2 (default, as Helm 2.17.0's Tiller) or helm3 */
  dialect?: DialectName;
  /** releases to settle in the background (operations/pending-settlements.ts); none: nothing is settled later */
  settlements?: SettlementQueue;
}

/** Releases to settle later (operations/pending-settlements.ts implements it). */
export interface SettlementQueue {
  /** settle `release` in the background; `why` its operation did not finish; `busy`: its lock is held now */
  add(ctx: TillerContext, release: string, options?: { why?: string; busy?: boolean }): void;
  /** an operation settles `release` now: drop its background try, return why, if known */
  take(release: string): string | undefined;
  stop(): void;
}
