// What the apiserver said, from a KubeApiError (kube/raw-request.ts), a @kubernetes/client-node
// ApiException (a watch's), or a transport error.
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
  // client-node's exception without a Status body: "HTTP-Code: 401\nMessage: Unauthorized\nBody: …\nHeaders: …"
  const wrapped = /^HTTP-Code: (\d+)\nMessage: (.*)$/m.exec(e?.message ?? '');
  if (wrapped) return wrapped[2] && !/Unknown API Status Code/.test(wrapped[2]) ? wrapped[2] : `HTTP ${wrapped[1]}`;
  return e?.message ?? String(err);
}
