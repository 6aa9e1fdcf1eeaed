// One Kubernetes API call of Tiller's own bookkeeping (release records, release Leases), bounded: a
// deadline per attempt, and transient failures (5xx, 429, the deadline, resets, a half-read answer)
// retried a few times with backoff. A stalled apiserver must cost an operation a bounded time, never
// hang it (and the release's lock) forever.
//
// The deadline is enforced twice: here, so the call always settles, and by the KubeConfig that
// `withRequestTimeout` prepared, which aborts the HTTP request itself so its socket is freed.

export interface ApiCallPolicy {
  /** give up on one attempt after this long; default 30 s */
  timeoutMs?: number;
  /** attempts in all; default 4 */
  attempts?: number;
  /** first delay between attempts, doubled each time; default 100 ms */
  delayMs?: number;
}

export class KubeRequestTimeoutError extends Error {
  constructor(what: string, ms: number) {
    const message = `the apiserver did not answer within ${ms} ms`;
    super(what ? `${what}: ${message}` : message);
    this.name = 'KubeRequestTimeoutError';
  }
}

/**
 * A request that failed in transport (refused, reset, cut short). node-fetch's message names the
 * whole URL ("request to https://…/configmaps/x?fieldManager=… failed, reason: …"); the caller
 * names the object already, so this keeps what went wrong.
 */
class KubeTransportError extends Error {
  constructor(what: string, reason: string, cause: unknown) {
    const message = `the apiserver connection failed: ${reason}`;
    super(what ? `${what}: ${message}` : message, { cause });
    this.name = 'KubeTransportError';
  }
}

function transportFailure(what: string, err: unknown): unknown {
  const m = /^request to \S+ failed, reason: (.*)$/s.exec((err as Error)?.message ?? '');
  return m ? new KubeTransportError(what, m[1]!.trim(), err) : err;
}

const TRANSIENT_NET =
  /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|socket hang up|network timeout|Premature close|other side closed|aborted/i;

/** node-fetch's error when the request's AbortSignal fired (our per-request deadline). */
function isAbort(err: unknown): boolean {
  return (err as { name?: string })?.name === 'AbortError' || (err as { type?: string })?.type === 'aborted';
}

/** Worth another attempt: the apiserver or the connection had a moment. */
export function isTransientApiFailure(err: unknown): boolean {
  if (err instanceof KubeRequestTimeoutError || isAbort(err)) return true;
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'number') return code >= 500 || code === 429;
  const e = err as { message?: string; code?: string; cause?: { message?: string; code?: string } };
  return TRANSIENT_NET.test(`${e?.message ?? ''} ${e?.code ?? ''} ${e?.cause?.message ?? ''} ${e?.cause?.code ?? ''}`);
}

/**
 * Runs `call` (given the attempt number, from 0) until it succeeds, fails for good, or the attempts
 * are used up. An attempt that outlives the deadline fails with KubeRequestTimeoutError naming
 * `what`; so does one aborted by the request's own deadline. `retryable` decides what is worth
 * another attempt (default: isTransientApiFailure).
 */
export async function boundedApiCall<T>(
  what: string,
  call: (attempt: number) => Promise<T>,
  policy: ApiCallPolicy = {},
  retryable: (err: unknown) => boolean = isTransientApiFailure,
): Promise<T> {
  const timeoutMs = policy.timeoutMs ?? 30_000;
  const attempts = Math.max(1, policy.attempts ?? 4);
  const delayMs = policy.delayMs ?? 100;
  for (let attempt = 0; ; attempt++) {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        call(attempt),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new KubeRequestTimeoutError(what, timeoutMs)), timeoutMs);
        }),
      ]);
    } catch (e) {
      const err = isAbort(e) ? new KubeRequestTimeoutError(what, timeoutMs) : e;
      if (attempt + 1 >= attempts || !retryable(err)) throw transportFailure(what, err);
      await new Promise((r) => setTimeout(r, delayMs * 2 ** attempt));
    } finally {
      clearTimeout(timer);
    }
  }
}
