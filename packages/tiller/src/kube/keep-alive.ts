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
import { KubeConfig } from '@kubernetes/client-node';

type AgentFactory = (cluster: { server?: string; proxyUrl?: string } | null, options: https.AgentOptions) => http.Agent;

export function keepAliveKubeConfig(source: KubeConfig, maxFreeSockets = 32): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(source.exportConfig());
  kc.setCurrentContext(source.getCurrentContext());
  const target = kc as unknown as { createAgent: AgentFactory };
  const original = target.createAgent.bind(kc);
  const agents = new Map<string, http.Agent>();
  target.createAgent = (cluster, options) => {
    if (cluster?.proxyUrl) return original(cluster, options);
    const key = JSON.stringify([
      cluster?.server,
      options.ca,
      options.cert,
      options.key,
      options.rejectUnauthorized,
      options.servername,
    ]);
    let agent = agents.get(key);
    if (!agent) {
      const opts = { ...options, keepAlive: true, maxSockets: Infinity, maxFreeSockets };
      agent = cluster?.server?.startsWith('http:') ? new http.Agent(opts) : new https.Agent(opts);
      agents.set(key, agent);
    }
    return agent;
  };
  return kc;
}
