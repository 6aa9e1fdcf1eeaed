/**
 * One repository of a registry as the OCI distribution API sees it (`/v2/<path>/…`): requests with
 * one-line errors, shared by pushing and pulling. Plain HTTP for loopback hosts, HTTPS otherwise.
 */
import { RegistryError } from './errors.js';

export interface RegistryOptions {
  /** Plain HTTP instead of HTTPS; default only for loopback hosts (127.0.0.1, localhost, [::1]). */
  plainHttp?: boolean;
}

const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;

// host[:port]/path, the path as the distribution spec allows it (lowercase components).
const REPOSITORY =
  /^(?<host>[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?|\[::1\](?::[0-9]+)?)\/(?<path>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)$/;

/** `127.0.0.1:5000/charts/web` → host and path, or a RegistryError. */
export function parseRepository(name: string): { host: string; path: string } {
  const m = REPOSITORY.exec(name);
  if (!m?.groups)
    throw new RegistryError(
      `invalid repository ${JSON.stringify(name)}: give host[:port]/path with a lowercase path, e.g. 127.0.0.1:5000/charts/web`,
    );
  return { host: m.groups.host, path: m.groups.path };
}

export class RegistryRepository {
  readonly scheme: 'http' | 'https';
  readonly base: string;

  constructor(
    readonly host: string,
    readonly path: string,
    options: RegistryOptions = {},
  ) {
    this.scheme = (options.plainHttp ?? LOOPBACK_HOST.test(host)) ? 'http' : 'https';
    this.base = `${this.scheme}://${host}/v2/${path}`;
  }

  /** A request to `url` (absolute, or relative to /v2/<path>/); a network failure is one line. */
  async request(
    method: string,
    url: string,
    init: { body?: Buffer; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const target = /^https?:/.test(url) ? url : `${this.base}/${url}`;
    try {
      return await fetch(target, { method, headers: init.headers, body: init.body, redirect: 'follow' });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new RegistryError(
        `cannot reach the registry ${this.host}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    }
  }

  /** Throws the registry's answer as one line: what was done, the status and its error codes. */
  async fail(what: string, res: Response): Promise<never> {
    const text = (await res.text().catch(() => '')).trim();
    let detail = text;
    try {
      const errors = (JSON.parse(text) as { errors?: { code?: string; message?: string }[] }).errors ?? [];
      if (errors.length) detail = errors.map((e) => `${e.code}: ${e.message}`).join('; ');
    } catch {
      // not the registry's JSON error
    }
    const auth = res.status === 401 ? ' (the registry wants credentials; this client is anonymous)' : '';
    throw new RegistryError(
      `${what} at ${this.host}/${this.path}: HTTP ${res.status}${detail ? ` ${detail.split('\n')[0]}` : ''}${auth}`,
    );
  }
}
