/**
 * One repository of a registry as the OCI distribution API sees it (`/v2/<path>/…`): requests with
 * one-line errors, shared by pushing and pulling. Plain HTTP for loopback hosts, HTTPS otherwise.
 */
import { RegistryError } from './errors.js';
import { defaultRegistryConfig, readRegistryCredentials, type RegistryCredentials } from './registry-credentials.js';

export interface RegistryOptions {
  /** Plain HTTP instead of HTTPS; default only for loopback hosts (127.0.0.1, localhost, [::1]). */
  plainHttp?: boolean;
  /** Credentials for the registry; default those stored for its host in `registryConfig`. */
  credentials?: RegistryCredentials;
  /** A Docker-style config.json (`helmts registry login` writes it); default defaultRegistryConfig(). */
  registryConfig?: string;
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

/** `key="value"` pairs of a WWW-Authenticate challenge (realm, service, scope). */
function challengeParameters(challenge: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const m of challenge.matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) parameters[m[1].toLowerCase()] = m[2];
  return parameters;
}

function basicAuthorization(credentials: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

export class RegistryRepository {
  readonly scheme: 'http' | 'https';
  readonly base: string;
  #credentials: Promise<RegistryCredentials | undefined> | undefined;
  /** What the last challenge asked for; sent with every request from then on. */
  #authorization: string | undefined;

  constructor(
    readonly host: string,
    readonly path: string,
    private readonly options: RegistryOptions = {},
  ) {
    this.scheme = (options.plainHttp ?? LOOPBACK_HOST.test(host)) ? 'http' : 'https';
    this.base = `${this.scheme}://${host}/v2/${path}`;
  }

  /** The credentials given, or stored for this host; read once. */
  credentials(): Promise<RegistryCredentials | undefined> {
    this.#credentials ??= this.options.credentials
      ? Promise.resolve(this.options.credentials)
      : readRegistryCredentials(this.options.registryConfig ?? defaultRegistryConfig(), this.host);
    return this.#credentials;
  }

  /**
   * A request to `url` (absolute, or relative to /v2/<path>/); a network failure is one line. A
   * 401 is answered once, as the distribution spec's challenge asks: Basic with the credentials,
   * or Bearer with a token from the challenge's realm (with the credentials, or anonymous).
   */
  async request(
    method: string,
    url: string,
    init: { body?: Buffer; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const target = /^https?:/.test(url) ? url : `${this.base}/${url}`;
    const res = await this.send(method, target, init);
    if (res.status !== 401) return res;
    const authorization = await this.authorize(res.headers.get('www-authenticate'));
    if (!authorization || authorization === this.#authorization) return res;
    await res.body?.cancel();
    this.#authorization = authorization;
    return this.send(method, target, init);
  }

  private async send(
    method: string,
    target: string,
    init: { body?: Buffer; headers?: Record<string, string> },
  ): Promise<Response> {
    const headers = { ...init.headers, ...(this.#authorization ? { authorization: this.#authorization } : {}) };
    try {
      return await fetch(target, { method, headers, body: init.body, redirect: 'follow' });
    } catch (error) {
      throw this.unreachable(error);
    }
  }

  private unreachable(error: unknown, what = `the registry ${this.host}`): RegistryError {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return new RegistryError(`cannot reach ${what}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }

  /** The Authorization header a challenge asks for, or undefined when it cannot be met. */
  private async authorize(challenge: string | null): Promise<string | undefined> {
    const scheme = challenge?.trim().split(/\s+/)[0]?.toLowerCase();
    const credentials = await this.credentials();
    if (scheme === 'basic') return credentials && basicAuthorization(credentials);
    if (scheme !== 'bearer') return undefined;
    const { realm, service, scope } = challengeParameters(challenge!);
    if (!realm) return undefined;
    const tokenUrl = new URL(realm);
    if (service) tokenUrl.searchParams.set('service', service);
    if (scope) tokenUrl.searchParams.set('scope', scope);
    let res: Response;
    try {
      res = await fetch(tokenUrl, { headers: credentials ? { authorization: basicAuthorization(credentials) } : {} });
    } catch (error) {
      throw this.unreachable(error, `the token service of ${this.host} (${tokenUrl.host})`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      if (res.status === 401) return undefined; // the request's own 401 says it
      throw new RegistryError(`the token service of ${this.host} (${tokenUrl.host}) answered HTTP ${res.status}`);
    }
    const body = (await res.json().catch(() => ({}))) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    return token ? `Bearer ${token}` : undefined;
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
    let auth = '';
    if (res.status === 401)
      auth = (await this.credentials())
        ? ` (the registry refused the credentials stored for ${this.host}: "helmts registry login ${this.host}" again)`
        : ` (the registry wants credentials: "helmts registry login ${this.host}")`;
    throw new RegistryError(
      `${what} at ${this.host}/${this.path}: HTTP ${res.status}${detail ? ` ${detail.split('\n')[0]}` : ''}${auth}`,
    );
  }
}
