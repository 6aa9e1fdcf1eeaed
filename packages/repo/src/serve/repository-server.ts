import { createReadStream, watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';

import { RepoError } from '../errors.js';
import { indexDirectory } from '../index-file/index-directory.js';
import type { IndexFile } from '../index-file/index-file.js';

export interface RepositoryServerOptions {
  /** The directory of chart archives to serve (Helm's `--repo-path`). */
  directory: string;
  /** `host:port` to listen on; port 0 picks a free one. */
  address: string;
  /** Base URL written into index.yaml (default `http://<address>/charts`). */
  url?: string;
  /** Regenerate index.yaml when archives appear, change or go (default true). */
  watch?: boolean;
  onReindex?: (error?: Error) => void;
}

export interface RepositoryServer {
  /** The address actually listened on (`host:port`). */
  address: string;
  /** The repository URL to give `repo add`. */
  url: string;
  reindex(): Promise<IndexFile>;
  close(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function listingPage(index: IndexFile | undefined): string {
  const rows: string[] = [];
  for (const [name, versions] of [...(index?.entries ?? new Map()).entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const v of versions) {
      rows.push(`<li><a href="${escapeHtml(v.urls[0])}">${escapeHtml(name)}-${escapeHtml(v.version)}</a></li>`);
    }
  }
  return (
    '<!DOCTYPE html>\n<html><head><title>Helm Repository</title></head>\n<body>\n<h1>Helm Charts Repository</h1>\n<ul>\n' +
    `${rows.join('\n')}\n</ul>\n<p>Last Generated: ${escapeHtml(index?.generated ?? '')}</p>\n</body></html>\n`
  );
}

/** Go's net.Listen("tcp", address) refusals of the address itself, in its words. */
function listenAddress(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  if (colon === -1) throw new RepoError(`listen tcp: address ${address}: missing port in address`);
  const host = address.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  const text = address.slice(colon + 1);
  if (!/^\d+$/.test(text)) throw new RepoError(`listen tcp: lookup tcp/${text}: unknown port`);
  const port = Number(text);
  if (port > 65535) throw new RepoError(`listen tcp: address ${text}: invalid port`);
  return { host, port };
}

const BIND_ERRORS: Record<string, string> = {
  EADDRINUSE: 'address already in use',
  EACCES: 'permission denied',
  EADDRNOTAVAIL: 'cannot assign requested address',
};

/** A failed listen as Go's net.Listen says it (`listen tcp 127.0.0.1:8879: bind: address already in use`). */
function listenError(host: string, port: number, error: NodeJS.ErrnoException): Error {
  const bind = BIND_ERRORS[error.code ?? ''];
  const at = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (bind) return new RepoError(`listen tcp ${at}: bind: ${bind}`, { cause: error });
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN')
    return new RepoError(`listen tcp: lookup ${host}: no such host`, { cause: error });
  return error;
}

/**
 * Helm 2's `serve`: a directory of charts as a repository. index.yaml is regenerated on start
 * (as `repo index DIR --url URL` would) and, unlike Helm 2, again whenever archives change.
 */
export async function startRepositoryServer(options: RepositoryServerOptions): Promise<RepositoryServer> {
  const root = normalize(options.directory);
  let index: IndexFile | undefined;
  const { host, port } = listenAddress(options.address);

  const server = http.createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (['/', '/charts', '/charts/', '/charts/index.html', '/charts/index'].includes(path)) {
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(req.method === 'HEAD' ? undefined : listingPage(index));
      return;
    }
    const relative = path.replace(/^\/charts\//, '/').replace(/^\/+/, '');
    const file = normalize(join(root, relative));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) {
      res.writeHead(404).end('404 page not found\n');
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const type = file.endsWith('.yaml')
        ? 'text/yaml; charset=utf-8'
        : file.endsWith('.tgz')
          ? 'application/gzip'
          : 'application/octet-stream';
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': info.size,
        'Last-Modified': info.mtime.toUTCString(),
      });
      if (req.method === 'HEAD') res.end();
      else
        createReadStream(file)
          .on('error', () => res.destroy())
          .pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(host, port, error)));
    server.listen(port, host, () => resolve());
  });
  const actual = server.address() as AddressInfo;
  const address = `${host.includes(':') ? `[${host}]` : host}:${actual.port}`;
  const url = options.url ?? `http://${address}/charts`;

  let running: Promise<IndexFile> | undefined;
  let again = false;
  const reindex = async (): Promise<IndexFile> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let result: IndexFile;
        do {
          again = false;
          result = await indexDirectory(root, { url });
          await result.write(join(root, 'index.yaml'));
          index = result;
        } while (again);
        options.onReindex?.();
        return result;
      } catch (error) {
        options.onReindex?.(error as Error);
        throw error;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  try {
    await reindex();
  } catch (error) {
    server.close();
    throw error;
  }

  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (options.watch ?? true) {
    watcher = watch(root, { recursive: true }, (_event, name) => {
      if (!name || !String(name).endsWith('.tgz')) return;
      clearTimeout(timer);
      timer = setTimeout(() => reindex().catch(() => {}), 150);
    });
  }

  return {
    address,
    url,
    reindex,
    async close() {
      clearTimeout(timer);
      watcher?.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await running?.catch(() => {});
    },
  };
}
