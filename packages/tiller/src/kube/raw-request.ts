// One request to the API server, as JSON in and out, with what the KubeConfig gives a request
// (server, TLS agent, token or impersonation headers, the deadline's AbortSignal). Tiller speaks to
// the API server only this way: client-node's generated APIs put every answer through its typed
// models (CPU per call, fields renamed or dropped) and their code, with the models of every group
// they reach, was half of Tiller's bundle and a third of its idle heap.
import type * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import fetch, { type Headers as FetchHeaders } from 'node-fetch';

/** A raw apiserver request: method, JSON body, and what to accept (e.g. a server-side Table). */
export interface RawRequest {
  method?: string;
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** what a failure's message starts with; default `<method> <path>` ('' when the caller says what) */
  what?: string;
}

/** What the API server refused: its HTTP status as `code`, its answer (a Status, as text) as `body`. */
export class KubeApiError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly body: string,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

/**
 * One attempt, no retries (callers bound and retry: kube/api-call.ts). Resolves with the parsed
 * answer (undefined for an empty one); rejects with KubeApiError for an answer that is not 2xx.
 */
export async function kubeRequest(kubeConfig: KubeConfig, path: string, init: RawRequest = {}): Promise<unknown> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('no current cluster in kubeconfig');
  const opts: https.RequestOptions = {};
  const fetchInit = (await kubeConfig.applyToFetchOptions(opts)) as Record<string, unknown>;
  // applyToFetchOptions returns node-fetch Headers (the bearer token of a service-account or token
  // kubeconfig is in it, and under --authz=impersonate one Impersonate-Group per group). They go to
  // node-fetch as they are: copied into a plain object, the groups became one comma-joined value,
  // which the apiserver reads as a single group, so every raw request as the caller was refused.
  const headers = fetchInit.headers as FetchHeaders;
  headers.set('Accept', init.accept ?? 'application/json');
  if (init.body !== undefined) headers.set('Content-Type', init.contentType ?? 'application/json');
  const method = init.method ?? 'GET';
  const res = await fetch(cluster.server + path, {
    ...fetchInit,
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  } as never);
  const text = await res.text();
  if (!res.ok) throw new KubeApiError(`${method} ${path}: HTTP ${res.status}`, res.status, text);
  return text === '' ? undefined : JSON.parse(text);
}
