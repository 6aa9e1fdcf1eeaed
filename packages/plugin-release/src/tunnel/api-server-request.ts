import { Agent, request, type RequestOptions } from 'node:https';

import { ConnectionError, HelmtsError, type Settings } from '@helmts/core';

import type { ApiServerAccess } from './kubeconfig-access.js';

/**
 * TLS options and headers for talking to the API server as the kubeconfig's user. Only a user
 * with an exec plugin or auth provider loads the Kubernetes client (to run the plugin).
 */
export async function apiServerTransport(
  settings: Settings,
  access: ApiServerAccess,
): Promise<{
  tls: Pick<RequestOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized'>;
  headers: Record<string, string>;
}> {
  const headers: Record<string, string> = {};
  if (access.token) headers.Authorization = `Bearer ${access.token}`;
  else if (access.pluginAuth) {
    const { KubeConfig } = await import('@kubernetes/client-node');
    const kc = new KubeConfig();
    if (settings.kubeconfig) kc.loadFromFile(settings.kubeconfig);
    else kc.loadFromDefault();
    if (settings.kubeContext) kc.setCurrentContext(settings.kubeContext);
    const opts: { headers?: Record<string, string> } = {};
    await kc.applyToHTTPSOptions(opts as never);
    const auth = opts.headers?.Authorization ?? opts.headers?.authorization;
    if (auth) headers.Authorization = auth;
  }
  return {
    tls: { ca: access.ca, cert: access.cert, key: access.key, rejectUnauthorized: !access.insecureSkipTlsVerify },
    headers,
  };
}

const agents = new WeakMap<ApiServerAccess, Agent>();

/**
 * One keep-alive connection pool per API server access, for the command's whole run: the Tiller
 * pod lookup and the port-forward's WebSocket upgrade then share one TLS connection (one handshake,
 * one parse of the client key) instead of opening one each. Idle sockets do not hold the process.
 */
export function apiServerAgent(access: ApiServerAccess): Agent {
  let agent = agents.get(access);
  if (!agent) {
    agent = new Agent({
      keepAlive: true,
      ca: access.ca,
      cert: access.cert,
      key: access.key,
      rejectUnauthorized: !access.insecureSkipTlsVerify,
    });
    agents.set(access, agent);
  }
  return agent;
}

/**
 * GET a JSON document from the API server; a non-2xx answer rejects with its status and message.
 * `whileWaiting` runs once the request is sent, while the API server works on it (work done ahead;
 * its failure is ignored here).
 */
export async function getFromApiServer(
  settings: Settings,
  access: ApiServerAccess,
  path: string,
  whileWaiting?: () => void,
): Promise<unknown> {
  const { tls, headers } = await apiServerTransport(settings, access);
  return new Promise((resolve, reject) => {
    const req = request(
      `${access.server}${path}`,
      {
        ...tls,
        agent: apiServerAgent(access),
        headers: { ...headers, Accept: 'application/json' },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) {
            try {
              resolve(JSON.parse(text));
            } catch {
              reject(new ConnectionError('Kubernetes', `GET ${path}: the answer is not JSON`));
            }
            return;
          }
          let message = text.trim();
          try {
            message = (JSON.parse(text) as { message?: string }).message ?? message;
          } catch {
            // not a Status object: keep the text
          }
          reject(
            Object.assign(new HelmtsError(`Kubernetes: GET ${path}: HTTP ${res.statusCode}: ${message}`), {
              statusCode: res.statusCode,
            }),
          );
        });
      },
    );
    req.once('finish', () => {
      try {
        whileWaiting?.();
      } catch {
        // a head start only: whoever needs its result does the work again, and reports its error
      }
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${access.server} in 10 s`)));
    req.on('error', (error) =>
      reject(new ConnectionError('Kubernetes', `cannot reach the API server ${access.server}: ${error.message}`)),
    );
    req.end();
  });
}
