// The one guard every ReleaseService RPC goes through: client version check, refusing new calls
// while stopping, who the caller is, tracking the running work (for a graceful stop), one audit
// line, and failures → gRPC status.
import * as grpc from '@grpc/grpc-js';
import { HELM_API_CLIENT_HEADER, incompatibleVersionMessage, isCompatibleVersion } from '@helmts/proto';
import { NoRevisionError, ReleaseNotFoundError } from '../storage/index.js';
import { validateReleaseName, type OperationFailedError } from '../actions/action-errors.js';
import type { Logger } from '../logger.js';
import { TILLER_VERSION, type TillerContext } from '../tiller-context.js';
import type { AuditEntry } from '../security/audit-log.js';
import type { TillerSecurity, RequestScope } from '../security/request-security.js';
import type { ReleaseVerb } from '../security/release-authorizer.js';
import { ReadTimeoutError, RpcRefusedError, grpcError, grpcStatusOf, type GrpcStatus } from './grpc-status.js';

/** What the guard needs of a unary or server-streaming call. */
export type GuardedCall = Parameters<TillerSecurity['open']>[0] & { request: unknown };

export function metaString(call: { metadata: grpc.Metadata }, key: string): string {
  const v = call.metadata.get(key)[0];
  return v === undefined ? '' : String(v);
}

/** What an audit line says about the release a call touched, from its request and answer. */
function releaseFacts(req: unknown, res: unknown): Pick<AuditEntry, 'release' | 'namespace' | 'revision'> {
  const r = (req ?? {}) as { name?: string; namespace?: string; version?: number };
  const a = (res ?? {}) as { release?: { name?: string; namespace?: string; version?: number }; namespace?: string };
  const revision = Number(a.release?.version ?? r.version ?? 0);
  return {
    release: a.release?.name || r.name || undefined,
    namespace: a.release?.namespace || a.namespace || r.namespace || undefined,
    revision: revision > 0 ? revision : undefined,
  };
}

/** A failure already turned into its gRPC status by the guard. */
class GuardedCallError extends Error {
  constructor(readonly status: GrpcStatus) {
    super(status.details);
  }
}

export interface RpcGuardOptions {
  security: TillerSecurity;
  ctx: TillerContext;
  log: Logger;
  /** give up on a read RPC after this long */
  readTimeoutMs: number;
  /** upper bound for the `timeout` field of operations (s) */
  maxOperationTimeoutSeconds: number;
}

export class RpcGuard {
  private readonly running = new Set<Promise<unknown>>();
  private stopping = false;

  constructor(private readonly options: RpcGuardOptions) {}

  get ctx(): TillerContext {
    return this.options.ctx;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Refuses new calls from now on and waits (up to `graceMs`) for the running ones. */
  async drain(graceMs: number): Promise<void> {
    this.stopping = true;
    const drained = Promise.allSettled([...this.running]);
    await Promise.race([drained, new Promise((r) => setTimeout(r, graceMs).unref())]);
  }

  /** The version check and the caller, for calls that do their own error handling (WatchOperation). */
  async open(call: GuardedCall): Promise<RequestScope> {
    const client = metaString(call, HELM_API_CLIENT_HEADER);
    if (client && !isCompatibleVersion(client, TILLER_VERSION.sem_ver))
      throw new RpcRefusedError(
        incompatibleVersionMessage(client, TILLER_VERSION.sem_ver),
        grpc.status.FAILED_PRECONDITION,
      );
    if (this.stopping) throw new RpcRefusedError('tiller is shutting down', grpc.status.UNAVAILABLE);
    return this.options.security.open(call);
  }

  /** Runs one RPC's work; a failure comes back as a GuardedCallError carrying its gRPC status. */
  async run<T>(name: string, call: GuardedCall, fn: (scope: RequestScope) => Promise<T>): Promise<T> {
    const { security, log } = this.options;
    let scope: RequestScope | undefined;
    try {
      scope = await this.open(call);
      const res = await this.track(fn(scope));
      security.audit({ method: name, ...releaseFacts(call.request, res), result: 'success' }, scope.caller, call);
      return res;
    } catch (err) {
      const st = grpcStatusOf(err);
      const denied = st.code === grpc.status.PERMISSION_DENIED || st.code === grpc.status.UNAUTHENTICATED;
      const failed = (err as Partial<OperationFailedError>).release;
      security.audit(
        {
          method: name,
          ...releaseFacts(call.request, failed ? { release: failed } : undefined),
          result: denied ? 'denied' : 'failure',
          code: grpc.status[st.code],
          error: st.details,
        },
        scope?.caller,
        call,
      );
      if (st.code !== grpc.status.UNAVAILABLE)
        log.info('call failed', {
          method: name,
          code: grpc.status[st.code],
          error: st.details,
          user: scope?.caller.user,
        });
      throw new GuardedCallError(st);
    }
  }

  /** A unary handler around `fn`. */
  unary<Req, Res>(
    name: string,
    fn: (req: Req, call: grpc.ServerUnaryCall<Req, Res>, scope: RequestScope) => Promise<Res>,
  ): grpc.handleUnaryCall<Req, Res> {
    return (call, callback) => {
      this.run(name, call, (scope) => fn(call.request, call, scope)).then(
        (res) => callback(null, res),
        (err: GuardedCallError) => callback(grpcError(err.status)),
      );
    };
  }

  /** A server-streaming handler: `fn` writes as it goes; the stream ends, or fails with the status. */
  stream<Req, Res>(
    name: string,
    fn: (req: Req, call: grpc.ServerWritableStream<Req, Res>, scope: RequestScope) => Promise<void>,
  ): grpc.handleServerStreamingCall<Req, Res> {
    return (call) => {
      this.run(name, call, (scope) => fn(call.request, call, scope)).then(
        () => call.end(),
        // 'error' makes grpc-js send the status; destroy() would close the stream without any (the client hangs)
        (err: GuardedCallError) => call.emit('error', grpcError(err.status)),
      );
    };
  }

  /** A read RPC's work, bounded in time. */
  read<T>(method: string, p: Promise<T>): Promise<T> {
    const ms = this.options.readTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      p,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new ReadTimeoutError(method, ms)), ms))),
    ]).finally(() => clearTimeout(timer));
  }

  /** An operation's timeout (s): the client's, 300 if unset, capped. */
  operationTimeout(t: unknown): number {
    return Math.min(Number(t) || 300, this.options.maxOperationTimeoutSeconds);
  }

  /** Requires `verb` on an existing release (a missing one is left to the action's NOT_FOUND). */
  async requireOnRelease(scope: RequestScope, verb: ReleaseVerb, name: string): Promise<void> {
    if (this.options.security.options.authz === 'none') return;
    validateReleaseName(name);
    const ns = await this.releaseNamespace(name);
    if (ns !== undefined) await scope.require(verb, name, ns);
  }

  get authzEnabled(): boolean {
    return this.options.security.options.authz !== 'none';
  }

  /** The namespace of an existing release, for the permission check; undefined when there is none. */
  private async releaseNamespace(name: string): Promise<string | undefined> {
    if (!name) return undefined;
    try {
      return (await this.options.ctx.storage.last(name)).namespace;
    } catch (e) {
      if (e instanceof ReleaseNotFoundError || e instanceof NoRevisionError) return undefined;
      throw e;
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    p.finally(() => this.running.delete(p)).catch(() => {});
    return p;
  }
}
