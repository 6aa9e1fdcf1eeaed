// `lookup` for templates. Template functions run synchronously, and the apiserver is only reachable
// asynchronously from this process, so each lookup runs one GET in a short-lived child node process
// (lookups are rare; a chart doing many of them pays ~50 ms each).
import { execFileSync } from 'node:child_process';
import type * as https from 'node:https';
import type { KubeClient } from './kube-client.js';
import type { LookupFn } from '../render/render-chart.js';

const CHILD = `
const https = require('node:https'), http = require('node:http');
let input = '';
process.stdin.on('data', (d) => (input += d)).on('end', () => {
  const q = JSON.parse(input);
  const u = new URL(q.url);
  const mod = u.protocol === 'http:' ? http : https;
  const req = mod.request(u, { ...q.tls, method: 'GET', headers: { ...q.headers, Accept: 'application/json' }, timeout: q.timeoutMs }, (res) => {
    let body = '';
    res.on('data', (d) => (body += d)).on('end', () => process.stdout.write(JSON.stringify({ status: res.statusCode, body })));
  });
  req.on('timeout', () => req.destroy(new Error('lookup timed out')));
  req.on('error', (e) => process.stdout.write(JSON.stringify({ status: 0, body: e.message })));
  req.end();
});`;

class LookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LookupError';
  }
}

/** Builds a synchronous lookup bound to the cluster (call before rendering; it resolves credentials). */
export async function makeSyncLookup(kube: KubeClient, timeoutMs = 10_000): Promise<LookupFn> {
  const opts: https.RequestOptions & { headers?: Record<string, string> } = { headers: {} };
  await kube.kubeConfig.applyToHTTPSOptions(opts);
  const tls = {
    ca: opts.ca?.toString(),
    cert: opts.cert?.toString(),
    key: opts.key?.toString(),
    rejectUnauthorized: opts.rejectUnauthorized,
    servername: opts.servername,
  };
  const headers = { ...(opts.headers as Record<string, string>) };
  if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
  const server = kube.kubeConfig.getCurrentCluster()?.server ?? '';
  await kube.capabilities(); // fills the resource map
  return (apiVersion, kind, namespace, name) => {
    const resource = kube.resourceFor(apiVersion, kind);
    if (!resource) return {};
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const nsPart = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    const path = `${base}${nsPart}/${resource.name}${name ? `/${encodeURIComponent(name)}` : ''}`;
    const out = execFileSync(process.execPath, ['-e', CHILD], {
      input: JSON.stringify({ url: server + path, tls, headers, timeoutMs }),
      timeout: timeoutMs + 5000,
    }).toString();
    const { status, body } = JSON.parse(out) as { status: number; body: string };
    if (status === 404) return {};
    if (status < 200 || status >= 300)
      throw new LookupError(
        `lookup ${apiVersion}/${kind} ${namespace}/${name}: ${status === 0 ? body : `HTTP ${status}`}`,
      );
    return JSON.parse(body) as Record<string, unknown>;
  };
}
