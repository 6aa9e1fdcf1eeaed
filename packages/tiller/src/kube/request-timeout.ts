// @kubernetes/client-node sends requests without a deadline: when the apiserver (or the network to
// it) stalls, a call waits forever and keeps its socket. Every request made through the KubeConfig
// this returns carries an AbortSignal that fires after `timeoutMs`, so the request is aborted and
// its socket closed. Callers still bound and retry their calls (kube/api-call.ts); this frees what
// a timed-out attempt held.
import type { KubeConfig } from '@kubernetes/client-node';

interface SignalTarget {
  applySecurityAuthentication(context: RequestContextLike): Promise<void>;
  applyToFetchOptions(opts: object): Promise<Record<string, unknown>>;
}

interface RequestContextLike {
  getSignal(): AbortSignal | undefined;
  setSignal(signal: AbortSignal): void;
}

/** Gives every request of `kc` (generated API clients and raw fetches alike) a deadline; returns `kc`. */
export function withRequestTimeout(kc: KubeConfig, timeoutMs: number): KubeConfig {
  const target = kc as unknown as SignalTarget;
  const applyAuth = target.applySecurityAuthentication;
  const applyFetch = target.applyToFetchOptions;
  // `this` is kept: impersonating views (Object.create(kc)) call these with themselves as `this`
  target.applySecurityAuthentication = async function (this: SignalTarget, context) {
    await applyAuth.call(this, context);
    if (!context.getSignal()) context.setSignal(AbortSignal.timeout(timeoutMs));
  };
  target.applyToFetchOptions = async function (this: SignalTarget, opts) {
    const init = await applyFetch.call(this, opts);
    return init.signal ? init : { ...init, signal: AbortSignal.timeout(timeoutMs) };
  };
  return kc;
}
