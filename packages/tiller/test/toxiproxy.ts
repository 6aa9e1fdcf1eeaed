// Toxiproxy (Shopify's fault-injecting TCP proxy, built from Go modules by scripts/toxiproxy.sh) for
// the fault run: its server on 127.0.0.1, proxies whose upstream is a loopback address, toxics added
// and removed over its HTTP API.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '@helmts/testkit';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCRIPT = path.resolve(here, '../../../scripts/toxiproxy.sh');

export interface Toxic {
  type: 'latency' | 'bandwidth' | 'timeout' | 'reset_peer' | 'slicer' | 'slow_close' | 'limit_data';
  stream: 'upstream' | 'downstream';
  /** share of connections it applies to, 0..1; default 1 */
  toxicity?: number;
  attributes: Record<string, number>;
}

export interface Toxiproxy {
  version: string;
  /** A proxy listening on a free 127.0.0.1 port in front of `upstream` (host:port); its address. */
  proxy(name: string, upstream: string): Promise<string>;
  addToxic(proxy: string, name: string, toxic: Toxic): Promise<void>;
  /** Removes every toxic of `proxy`. */
  clearToxics(proxy: string): Promise<void>;
  /** Disabled: the proxy closes its connections and refuses new ones (the upstream is down). */
  setEnabled(proxy: string, enabled: boolean): Promise<void>;
  stop(): Promise<void>;
}

/** Builds toxiproxy-server if needed and starts it on 127.0.0.1. */
export async function startToxiproxy(): Promise<Toxiproxy> {
  const { stdout } = await promisify(execFile)('bash', [SCRIPT, 'build'], { maxBuffer: 1 << 20 });
  const exe = stdout.trim().split('\n').at(-1)!;
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(exe, ['-host', '127.0.0.1', '-port', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(api + url, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`toxiproxy ${method} ${url}: ${res.status} ${text}`);
    return res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  };
  let version = '';
  for (let i = 0; ; i++) {
    try {
      version = String(await call('GET', '/version')).trim();
      break;
    } catch (e) {
      if (child.exitCode !== null || i > 100)
        throw new Error(`toxiproxy-server did not start: ${(e as Error).message}\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    version,
    async proxy(name, upstream) {
      const created = await call('POST', '/proxies', { name, listen: '127.0.0.1:0', upstream, enabled: true });
      return created.listen as string;
    },
    async addToxic(proxy, name, toxic) {
      await call('POST', `/proxies/${proxy}/toxics`, { name, toxicity: 1, ...toxic });
    },
    async clearToxics(proxy) {
      const toxics = (await call('GET', `/proxies/${proxy}/toxics`)) as { name: string }[];
      for (const t of toxics) await call('DELETE', `/proxies/${proxy}/toxics/${t.name}`);
    },
    async setEnabled(proxy, enabled) {
      await call('POST', `/proxies/${proxy}`, { enabled });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
