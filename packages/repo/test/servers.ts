import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

import { loadChartDirectory, saveChartArchive } from '@helmts/chart';

import { indexDirectory } from '../src/index.js';

export interface StaticServer {
  url: string;
  /** Authorization headers received, by path. */
  authorizations: Map<string, string | undefined>;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  host?: string;
  auth?: { username: string; password: string };
  tls?: https.ServerOptions;
  /** Extra routes answered before files: return true when handled. */
  route?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
}

/** A plain file server over `dir` on 127.0.0.1, with optional basic auth and TLS. */
export async function startStaticServer(dir: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const authorizations = new Map<string, string | undefined>();
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    authorizations.set(path, req.headers.authorization);
    if (options.route?.(req, res)) return;
    if (options.auth) {
      const expected = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="charts"' }).end('unauthorized');
        return;
      }
    }
    const file = normalize(join(dir, decodeURIComponent(path)));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Length': statSync(file).size });
    createReadStream(file).pipe(res);
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${port}`,
    authorizations,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes a minimal chart directory. */
function writeChartDir(parent: string, name: string, version: string, extra: Record<string, string> = {}): string {
  const dir = join(parent, name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  const fields = { description: `The ${name} chart`, ...extra };
  writeFileSync(
    join(dir, 'Chart.yaml'),
    `apiVersion: v1\nname: ${name}\nversion: ${version}\n${Object.entries(fields)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n')}\n`,
  );
  writeFileSync(join(dir, 'values.yaml'), 'replicas: 1\n');
  writeFileSync(
    join(dir, 'templates', 'cm.yaml'),
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-${name}\ndata:\n  replicas: "{{ .Values.replicas }}"\n`,
  );
  return dir;
}

/** Packs `<name>-<version>.tgz` for each pair into `repoDir` and writes its index.yaml. */
export async function makeRepository(
  repoDir: string,
  charts: [string, string, Record<string, string>?][],
  url?: string,
): Promise<void> {
  mkdirSync(repoDir, { recursive: true });
  const scratch = join(repoDir, '..', `scratch-${Math.random().toString(36).slice(2)}`);
  for (const [name, version, extra] of charts) {
    const dir = writeChartDir(join(scratch, `${name}-${version}`), name, version, extra);
    saveChartArchive(loadChartDirectory(dir), repoDir);
  }
  const index = await indexDirectory(repoDir, { url });
  await index.write(join(repoDir, 'index.yaml'));
}

export interface Certificates {
  ca: Buffer;
  serverCert: Buffer;
  serverKey: Buffer;
  clientCert: Buffer;
  clientKey: Buffer;
  files: { ca: string; clientCert: string; clientKey: string };
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
export function makeCertificates(dir: string): Certificates | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    run(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=helmts test CA',
    );
    writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    run(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=127.0.0.1',
    );
    run(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'server.ext',
    );
    run(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'client.key',
      '-out',
      'client.csr',
      '-subj',
      '/CN=helmts client',
    );
    run(
      'x509',
      '-req',
      '-in',
      'client.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'client.pem',
      '-days',
      '2',
    );
    const read = (f: string) => readFileSync(join(dir, f));
    return {
      ca: read('ca.pem'),
      serverCert: read('server.pem'),
      serverKey: read('server.key'),
      clientCert: read('client.pem'),
      clientKey: read('client.key'),
      files: { ca: join(dir, 'ca.pem'), clientCert: join(dir, 'client.pem'), clientKey: join(dir, 'client.key') },
    };
  } catch {
    return undefined;
  }
}
