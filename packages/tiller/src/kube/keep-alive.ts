// @kubernetes/client-node 1.4 builds a new https.Agent for every request, so every call pays a TCP +
// TLS handshake. Tiller talks to one apiserver all day: give it a copy of the KubeConfig whose
// agents are reused (keep-alive), one per distinct TLS identity.
//
// No cap on sockets: with a cap, a request waits for a busy socket and Node hands it over the moment
// the previous response ends. node-fetch 2 (inside client-node) then sees the next request's `data`
// listener on the socket when the previous chunked response closes, and fails that response with
// "Premature close" although it arrived whole (node-fetch#1767). Under 20 concurrent upgrades this
// failed list/read calls; without queueing a socket is only reused once it is idle.
import * as http from 'node:http';
import * as https from 'node:https';
import { createSecureContext } from 'node:tls';
import { KubeConfig } from '@kubernetes/client-node';

type AgentFactory = (cluster: { server?: string; proxyUrl?: string } | null, options: https.AgentOptions) => http.Agent;

/** A key text for a certificate/key option (client-node reads it again, as a new Buffer, per request). */
function material(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Buffer.isBuffer(v)) return v.toString('latin1');
  if (Array.isArray(v)) return v.map(material).join('\0');
  return String(v);
}

// Each agent connects with one TLS SecureContext made once: given ca/cert/key instead, Node parses
// the key and certificates again for every new connection (setKey was most of Tiller's CPU in an
// install of 100 objects).
export function keepAliveKubeConfig(source: KubeConfig, maxFreeSockets = 32): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(source.exportConfig());
  kc.setCurrentContext(source.getCurrentContext());
  const target = kc as unknown as { createAgent: AgentFactory };
  const original = target.createAgent.bind(kc);
  const agents = new Map<string, http.Agent>();
  target.createAgent = (cluster, options) => {
    if (cluster?.proxyUrl) return original(cluster, options);
    const key = [
      cluster?.server,
      material(options.ca),
      material(options.cert),
      material(options.key),
      material(options.pfx),
      String(options.rejectUnauthorized),
      options.servername ?? '',
    ].join('\u0001');
    let agent = agents.get(key);
    if (!agent) {
      const common = { keepAlive: true, maxSockets: Infinity, maxFreeSockets };
      if (cluster?.server?.startsWith('http:')) agent = new http.Agent({ ...options, ...common });
      else {
        const { ca, cert, key: privateKey, pfx, passphrase, ...rest } = options;
        const secureContext = createSecureContext({ ca, cert, key: privateKey, pfx, passphrase });
        agent = new https.Agent({ ...rest, ...common, secureContext });
      }
      agents.set(key, agent);
    }
    return agent;
  };
  return kc;
}
