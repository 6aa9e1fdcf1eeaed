// Reads of release records are idempotent: a moment of apiserver trouble (5xx, 429, a reset or
// half-read connection) is retried with backoff instead of failing the RPC. Writes are not retried
// here: a write whose answer was lost may have happened, and the release logic decides what then.

export interface ReadRetryOptions {
  /** attempts in all; default 4 */
  attempts?: number;
  /** first delay, doubled each time; default 100 ms */
  delayMs?: number;
}

const TRANSIENT_NET =
  /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|socket hang up|network timeout|Premature close|other side closed/i;

/** Worth reading again: the apiserver or the connection had a moment. */
function isTransientReadFailure(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'number') return code >= 500 || code === 429;
  const e = err as { message?: string; code?: string; cause?: { message?: string; code?: string } };
  return TRANSIENT_NET.test(`${e?.message ?? ''} ${e?.code ?? ''} ${e?.cause?.message ?? ''} ${e?.cause?.code ?? ''}`);
}

export async function retryingRead<T>(read: () => Promise<T>, options: ReadRetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const delayMs = options.delayMs ?? 100;
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (err) {
      if (attempt >= attempts || !isTransientReadFailure(err)) throw err;
      await new Promise((r) => setTimeout(r, delayMs * 2 ** (attempt - 1)));
    }
  }
}
