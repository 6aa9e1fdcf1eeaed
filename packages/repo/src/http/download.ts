import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { redactUrl, schemeOf } from './url.js';
import { RepoConnectionError, RepoError, RepoNotFoundError } from '../errors.js';

/** How to talk to one repository: credentials and TLS, as repositories.yaml stores them. */
export interface TransportOptions {
  username?: string;
  password?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecureSkipTlsVerify?: boolean;
  /** Give up when the server sends nothing for this long (default 60 s). */
  idleTimeoutMs?: number;
  /**
   * Fetchers for URL schemes other than http(s), by scheme without "://" (e.g. `s3`): Helm 2's
   * getter registry, which downloader plugins extend. http and https are always built in.
   */
  getters?: SchemeGetters;
}

/** Fetches one URL of a non-http scheme whole; `transport` carries the repository's TLS files. */
export type SchemeGetter = (url: string, transport: TransportOptions) => Promise<Uint8Array>;
export type SchemeGetters = Readonly<Record<string, SchemeGetter>>;

/** No built-in fetcher nor injected getter handles the URL's scheme. */
export class UnsupportedSchemeError extends RepoError {
  readonly url: string;

  constructor(
    readonly scheme: string,
    url: string,
  ) {
    // Helm 2's getter registry's words (ByScheme); http and https are built in, plugins add others
    super(`scheme ${JSON.stringify(scheme)} not supported`);
    this.url = redactUrl(url);
  }
}

export interface DownloadOptions extends TransportOptions {
  onProgress?: (received: number, total?: number) => void;
  maxRedirects?: number;
}

export interface DownloadResult {
  bytes: number;
  contentType: string;
  /** The URL after redirects. */
  url: string;
}

/** An HTTP status the user can act on; `status` is the HTTP code. */
export class HttpStatusError extends RepoError {
  constructor(
    readonly url: string,
    readonly status: number,
    statusText: string,
    hint?: string,
  ) {
    // Helm 2's HTTP getter's words (helm v4's begin in lower case)
    super(`Failed to fetch ${redactUrl(url)} : ${status} ${statusText}`, { hint });
  }
}

export const USER_AGENT = 'Helm/2.17.0 (helmts)';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

async function tlsOptions(options: TransportOptions): Promise<https.RequestOptions> {
  const out: https.RequestOptions = { rejectUnauthorized: !options.insecureSkipTlsVerify };
  const read = async (file: string, what: string) => {
    try {
      return await readFile(file);
    } catch (error) {
      throw new RepoError(
        `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  };
  if (options.caFile) out.ca = await read(options.caFile, 'CA file');
  if (options.certFile) out.cert = await read(options.certFile, 'certificate file');
  if (options.keyFile) out.key = await read(options.keyFile, 'key file');
  return out;
}

function describeNetworkError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'no such host';
    case 'ECONNRESET':
      return 'connection reset by peer';
    case 'ETIMEDOUT':
      return 'timed out';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'CERT_HAS_EXPIRED':
      return `x509: certificate not trusted (${error.code})`;
    default:
      return error.message;
  }
}

function statusError(url: string, status: number, statusText: string, options: TransportOptions): RepoError {
  if (status === 401 || status === 403) {
    const hint = options.username
      ? 'the server refused these credentials: check --username and --password'
      : 'the repository needs credentials: use --username and --password';
    return new HttpStatusError(url, status, statusText, hint);
  }
  if (status === 404) {
    const error = new RepoNotFoundError(`Failed to fetch ${redactUrl(url)} : 404 ${statusText || 'Not Found'}`);
    return Object.assign(error, { status });
  }
  return new HttpStatusError(url, status, statusText, status >= 500 ? 'the server failed; try again later' : undefined);
}

interface Response {
  response: http.IncomingMessage;
  url: string;
}

async function request(url: string, options: DownloadOptions): Promise<Response> {
  const tls = await tlsOptions(options);
  const original = new URL(url);
  let current = original;
  let sendCredentials = Boolean(options.username || options.password);
  for (let hop = 0; hop <= (options.maxRedirects ?? 10); hop++) {
    const isHttps = current.protocol === 'https:';
    if (!isHttps && current.protocol !== 'http:')
      throw new RepoError(`unsupported protocol scheme "${current.protocol.replace(':', '')}" in ${redactUrl(url)}`);
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT, Accept: '*/*' };
    if (sendCredentials) {
      headers.Authorization = `Basic ${Buffer.from(`${options.username ?? ''}:${options.password ?? ''}`).toString('base64')}`;
    } else if (current.username && current.host === original.host) {
      headers.Authorization = `Basic ${Buffer.from(`${decodeURIComponent(current.username)}:${decodeURIComponent(current.password)}`).toString('base64')}`;
    }
    const target = new URL(current);
    target.username = '';
    target.password = '';
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      // A timer of our own rather than the socket's: it also covers servers that accept and then stall.
      const timer = setTimeout(
        () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
        options.idleTimeoutMs ?? 60_000,
      );
      const req = (isHttps ? https : http).request(
        target,
        { method: 'GET', headers, ...(isHttps ? tls : {}) },
        (res) => {
          clearTimeout(timer);
          resolve(res);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const shown = redactUrl(target.toString());
        // a refused connection as Helm's Go HTTP client says it
        const refused =
          error.code === 'ECONNREFUSED'
            ? `Get ${JSON.stringify(shown)}: dial tcp ${target.hostname}:${target.port || (isHttps ? 443 : 80)}: connect: connection refused`
            : undefined;
        reject(new RepoConnectionError(shown, describeNetworkError(error), { cause: error, message: refused }));
      });
      req.end();
    });
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status) && response.headers.location) {
      response.resume();
      const next = new URL(response.headers.location, target);
      // Credentials go to the host they were given for, never to the one a redirect names.
      if (next.host !== original.host || (original.protocol === 'https:' && next.protocol !== 'https:'))
        sendCredentials = false;
      current = next;
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw statusError(target.toString(), status, response.statusMessage ?? '', options);
    }
    return { response, url: target.toString() };
  }
  throw new RepoError(`stopped after ${options.maxRedirects ?? 10} redirects fetching ${redactUrl(url)}`);
}

/**
 * Streams `url` to `destination`: the body goes to a temp file beside it that is renamed only
 * once complete, so a failed or truncated download leaves the previous file as it was.
 */
export async function downloadToFile(
  url: string,
  destination: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const scheme = schemeOf(url);
  if (scheme !== 'http' && scheme !== 'https') return downloadWithGetter(url, scheme ?? '', destination, options);
  const { response, url: finalUrl } = await request(url, options);
  const declared = response.headers['content-length'] ? Number(response.headers['content-length']) : undefined;
  const temp = `${destination}.${randomBytes(6).toString('hex')}.part`;
  let received = 0;
  const idleMs = options.idleTimeoutMs ?? 60_000;
  const idle = setTimeout(() => response.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), idleMs);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      idle.refresh();
      received += chunk.length;
      options.onProgress?.(received, declared);
      callback(null, chunk);
    },
  });
  try {
    try {
      await pipeline(response, counter, createWriteStream(temp));
    } catch (error) {
      if (error instanceof RepoError) throw error;
      const err = error as NodeJS.ErrnoException;
      if (err.code === 'ENOSPC' || err.code === 'EACCES' || err.code === 'ENOENT')
        throw new RepoError(`cannot write ${destination}: ${err.message}`);
      throw new RepoConnectionError(
        redactUrl(finalUrl),
        `download interrupted after ${received} bytes (${describeNetworkError(err)})`,
        { cause: err },
      );
    }
    if (!response.complete || (declared !== undefined && received !== declared)) {
      throw new RepoConnectionError(
        redactUrl(finalUrl),
        `download truncated: got ${received} of ${declared ?? 'unknown'} bytes`,
      );
    }
    await rename(temp, destination);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    clearTimeout(idle);
  }
  return { bytes: received, contentType: String(response.headers['content-type'] ?? ''), url: finalUrl };
}

/** A non-http(s) URL through its injected getter, written the same way: temp file, then rename. */
async function downloadWithGetter(
  url: string,
  scheme: string,
  destination: string,
  options: DownloadOptions,
): Promise<DownloadResult> {
  const getter = Object.hasOwn(options.getters ?? {}, scheme) ? options.getters![scheme] : undefined;
  if (!getter) throw new UnsupportedSchemeError(scheme, url);
  let content: Uint8Array;
  try {
    content = await getter(url, options);
  } catch (error) {
    if (error instanceof RepoError) throw error;
    throw new RepoConnectionError(redactUrl(url), (error as Error).message, { cause: error });
  }
  options.onProgress?.(content.byteLength, content.byteLength);
  const temp = `${destination}.${randomBytes(6).toString('hex')}.part`;
  try {
    await writeFile(temp, content);
    await rename(temp, destination);
  } catch (error) {
    await rm(temp, { force: true });
    throw new RepoError(`cannot write ${destination}: ${(error as Error).message}`, { cause: error });
  }
  return { bytes: content.byteLength, contentType: '', url };
}
