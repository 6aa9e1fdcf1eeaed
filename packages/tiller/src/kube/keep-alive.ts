// @kubernetes/client-node 1.4 builds a new https.Agent for every request, so every call pays a TCP +
// TLS handshake. Tiller talks to one apiserver all day: give it a copy of the KubeConfig whose
// agents are reused (keep-alive), one per distinct TLS identity.
import * as http from 'node:http';
import * as https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';

type AgentFactory = (cluster: { server?: string; proxyUrl?: string } | null, options: https.AgentOptions) => http.Agent;

export function keepAliveKubeConfig(source: KubeConfig, maxSockets = 32): KubeConfig {
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
      const opts = { ...options, keepAlive: true, maxSockets };
      agent = cluster?.server?.startsWith('http:') ? new http.Agent(opts) : new https.Agent(opts);
      agents.set(key, agent);
    }
    return agent;
  };
  return kc;
}
