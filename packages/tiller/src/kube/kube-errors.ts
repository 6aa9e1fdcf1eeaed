// What the apiserver said, from a @kubernetes/client-node ApiException (or a transport error).
interface ApiFailureLike {
  code?: number;
  body?: unknown;
  message?: string;
}

export function statusCodeOf(err: unknown): number | undefined {
  const c = (err as ApiFailureLike)?.code;
  return typeof c === 'number' ? c : undefined;
}

export function isNotFound(err: unknown): boolean {
  return statusCodeOf(err) === 404;
}

export function isConflict(err: unknown): boolean {
  return statusCodeOf(err) === 409;
}

/** The apiserver's Status message when there is one, else the error's message. */
export function kubeMessage(err: unknown): string {
  const e = err as ApiFailureLike;
  let body = e?.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return (body as string).trim() || (e.message ?? String(err));
    }
  }
  const msg = (body as { message?: unknown } | undefined)?.message;
  if (typeof msg === 'string' && msg !== '') return msg;
  return e?.message ?? String(err);
}
