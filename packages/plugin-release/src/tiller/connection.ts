import { EventEmitter } from 'node:events';
// fs.promises is read where used: loading node:fs/promises costs every command ~1 ms
import { promises as fs } from 'node:fs';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';

import { ConnectionError, type Settings } from '@helmts/core';
import type { GrpcCallError, H2ReleaseClient, ServerStream } from '@helmts/proto/client';

import { cleanGrpcDetail, fromRpcError } from './rpc-error.js';
import type { TlsSettings } from './tls-flags.js';
import { forwardedToken } from './forwarded-token.js';
import { NoTillerError } from './no-tiller-error.js';
import type { TillerTunnel } from '../tunnel/tiller-tunnel.js';

/** The ReleaseService's methods (as in hapi/services/tiller.proto). */
type ReleaseServiceMethod =
  | 'ListReleases'
  | 'GetReleaseStatus'
  | 'GetReleaseContent'
  | 'UpdateRelease'
  | 'InstallRelease'
  | 'UninstallRelease'
  | 'GetVersion'
  | 'RollbackRelease'
  | 'GetHistory'
  | 'RunReleaseTest'
  | 'WatchOperation';

/** A live connection to a Tiller: its calls plus how to close what was opened for it. */
export interface TillerConnection {
  address: string;
  /** Through the port-forward tunnel: the Tiller pod and port it reaches (namespace/pod:port). */
  tunnelledTo?: string;
  /** True when this command started its own Tiller (tillerless mode). */
  local: boolean;
  /** Unary call with Tiller's errors turned into user errors. */
  call<Req, Res>(
    method: ReleaseServiceMethod,
    request: Req,
    options?: { deadlineSeconds?: number; operationId?: string; atomic?: boolean; dialect?: string },
  ): Promise<Res>;
  /** Server-streaming call, collected. */
  collect<Req, Res>(method: ReleaseServiceMethod, request: Req): Promise<Res[]>;
  /** Server-streaming call, message by message ('data', 'end', 'error'); cancel() ends it. */
  stream<Req>(method: ReleaseServiceMethod, request: Req): ServerStream;
  close(): Promise<void>;
}

export interface ConnectOptions extends FindTillerOptions {
  tls: TlsSettings;
}

/** How to look for Tiller (findTillerEndpoint). */
export interface FindTillerOptions {
  /** Run Tiller in this process instead of connecting to one (--local / HELMTS_TILLER=local). */
  local?: boolean;
  /** One line to tell the user about a fallback to a local Tiller. */
  notice?: (message: string) => void;
  /** With no Tiller to be found, throw a NoTillerError instead of running a local one. */
  noLocalFallback?: boolean;
  /**
   * A tunnel's endpoint as a local host:port (for a program given an address, such as a legacy
   * plugin's TILLER_HOST) rather than as a stream to dial.
   */
  listen?: boolean;
}

/** The file `helmts tiller start` leaves behind so later commands find the background Tiller. */
export function backgroundTillerFile(settings: Settings): string {
  return join(settings.home, 'tiller', 'tiller.json');
}

async function backgroundTillerAddress(settings: Settings): Promise<string | undefined> {
  try {
    const state = JSON.parse(await fs.readFile(backgroundTillerFile(settings), 'utf8')) as {
      address?: string;
      pid?: number;
    };
    if (!state.address || !state.pid) return undefined;
    process.kill(state.pid, 0);
    return state.address;
  } catch {
    return undefined;
  }
}

/** The IP of `host:port` (brackets of IPv6 removed), when the host is one. */
function ipHostOf(address: string): string | undefined {
  const host = address.slice(0, address.lastIndexOf(':')).replace(/^\[|\]$/g, '');
  return isIP(host) ? host : undefined;
}

/** node:tls options for the connection to Tiller, or undefined for plaintext. */
async function tlsOptions(tls: TlsSettings, ipHost?: string): Promise<ConnectionOptions | undefined> {
  if (!tls.enabled) return undefined;
  const read = async (path: string, what: string) => {
    try {
      return await fs.readFile(path);
    } catch (error) {
      throw new ConnectionError('Tiller', `cannot read the TLS ${what} ${path}: ${(error as Error).message}`, {
        hint: `pass --tls-${what === 'CA certificate' ? 'ca-cert' : what === 'certificate' ? 'cert' : 'key'} or create it with "helmts init --tls-gen"`,
      });
    }
  };
  const ca = tls.verify ? await read(tls.caCert, 'CA certificate') : undefined;
  const cert = await read(tls.cert, 'certificate');
  const key = await read(tls.key, 'key');
  // The name the certificate must hold: --tls-hostname as Helm 2's ServerName (also when --host is an
  // IP address), else the host. An IP address is checked as such and, as Go's TLS does for Helm 2,
  // not sent as the server name (SNI): TLS forbids an IP there (RFC 6066; Node warns, DEP0123).
  const identity = tls.hostname || ipHost;
  const servername = identity && !isIP(identity) ? identity : undefined;
  const base: ConnectionOptions = { cert, key, ALPNProtocols: ['h2'], ...(servername ? { servername } : {}) };
  if (!tls.verify) return { ...base, rejectUnauthorized: false, checkServerIdentity: () => undefined };
  if (!identity) return { ...base, ca };
  const { checkServerIdentity } = await import('node:tls');
  return { ...base, ca, checkServerIdentity: (_sni, peer) => checkServerIdentity(identity, peer) };
}

/** Calls that change nothing in Tiller: safe to send before the probe has answered, and again. */
const READ_ONLY_METHODS = new Set<ReleaseServiceMethod>([
  'ListReleases',
  'GetReleaseStatus',
  'GetReleaseContent',
  'GetHistory',
  'GetVersion',
]);

/** Tiller itself answered the call with a status (its error is the call's), as waitForTiller tells it. */
function answeredByTiller(error: unknown): boolean {
  const e = error as GrpcCallError;
  return typeof e.code === 'number' && e.code !== 14 && e.code !== 4 && e.code !== 1 && e.connected;
}

const TLS_FAILURE =
  /SSL|TLS|certificate|handshake|alert|wrong version number|self.signed|unable to verify|ERR_SSL|secure/i;

/**
 * Waits until Tiller answers a GetVersion. A refused connection is retried until the timeout
 * (Tiller may be starting), but a TLS failure will not fix itself: it ends the wait at once, in one
 * line that names the address and says what TLS failed with.
 */
function waitForTiller(
  client: H2ReleaseClient,
  target: string,
  timeoutSeconds: number,
  tls: TlsSettings,
): Promise<void> {
  const hint = tls.enabled
    ? 'check --tls-verify, --tls-ca-cert, --tls-cert and --tls-key (from "helmts init --tls-gen") and that Tiller serves TLS'
    : 'check --host/HELMTS_HOST and the TLS flags (a Tiller with mutual TLS needs --tls-verify), or use --local to run Tiller inside this command';
  // `mismatch`: Tiller answered, in a way TLS or gRPC could not accept (so not a broken tunnel).
  const fail = (detail: string, mismatch = false) =>
    Object.assign(new ConnectionError(`Tiller at ${target}`, detail.replace(/\s+/g, ' ').trim(), { hint }), {
      mismatch,
    });
  const deadline = Date.now() + timeoutSeconds * 1000;
  const probe = async (): Promise<void> => {
    try {
      await client.unary('GetVersion', {}, { deadline: Math.min(deadline, Date.now() + 5000) });
      return;
    } catch (error) {
      const e = error as GrpcCallError;
      // Tiller answered with a status: it is there (an old one without GetVersion included).
      if (answeredByTiller(e)) return;
      const detail = cleanGrpcDetail(e.details || e.message);
      if (e.connected) {
        // Something accepted the connection (and the TLS handshake, from our side), yet no gRPC
        // answer came: a TLS mismatch (plaintext to a TLS Tiller, or a client certificate Tiller
        // does not accept), which waiting won't mend.
        const why = tls.enabled
          ? "Tiller refused the TLS connection (is the client certificate issued by Tiller's CA, and does Tiller serve TLS?)"
          : 'Tiller probably requires TLS: pass --tls-verify';
        throw fail(`the port is open but the gRPC connection failed (${detail}); ${why}`, true);
      }
      if (TLS_FAILURE.test(detail)) throw fail(detail, true);
      if (Date.now() + 500 >= deadline) throw fail(detail);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return probe();
    }
  };
  return probe();
}

/** Where a command's Tiller is: an address to dial, plus what to close afterwards. */
export interface TillerEndpoint {
  /**
   * host:port to dial; with `dial`, what the connection stands for: through the tunnel,
   * 127.0.0.1 and the pod's port, the name Tiller's certificate is checked against (as Helm 2 checks
   * a Tiller it reaches through its tunnel, at 127.0.0.1).
   */
  address: string;
  /** A connection to Tiller as a stream (the tunnel's), instead of TCP to `address`. */
  dial?: () => Duplex;
  stopLocal?: () => Promise<void>;
  tunnel?: TillerTunnel;
}

async function startLocalTiller(settings: Settings): Promise<TillerEndpoint> {
  const { startTiller, silentLogger } = await import('@helmts/tiller');
  let kubeConfig;
  if (settings.kubeContext) {
    const { KubeConfig } = await import('@kubernetes/client-node');
    kubeConfig = new KubeConfig();
    if (settings.kubeconfig) kubeConfig.loadFromFile(settings.kubeconfig);
    else kubeConfig.loadFromDefault();
    kubeConfig.setCurrentContext(settings.kubeContext);
  }
  const tiller = await startTiller({
    listen: '127.0.0.1:0',
    namespace: settings.tillerNamespace,
    kubeconfigPath: settings.kubeconfig,
    kubeConfig,
    storage: (process.env.HELMTS_TILLER_STORAGE as 'configmap' | 'secret' | 'memory' | undefined) ?? 'configmap',
    logger: silentLogger,
  }).catch((error: unknown) => {
    throw kubernetesUnreachable(error) ?? error;
  });
  return { address: tiller.address, stopLocal: () => tiller.stop() };
}

/**
 * The in-cluster Tiller through a port-forward (Helm 2's way), or, when the cluster has no Tiller
 * pod (or cannot be asked), a Tiller run inside this command, said in one line.
 */
async function tunnelOrLocal(settings: Settings, options: FindTillerOptions): Promise<TillerEndpoint> {
  let reason: string;
  try {
    const { openTillerTunnel } = await import('../tunnel/tiller-tunnel.js');
    const found = await openTillerTunnel(settings, settings.tillerConnectionTimeout);
    if ('tunnel' in found) {
      const { tunnel } = found;
      return options.listen
        ? { address: await tunnel.listen(), tunnel }
        : { address: `127.0.0.1:${tunnel.port}`, dial: tunnel.connect, tunnel };
    }
    if (found.none === 'not-ready')
      throw new ConnectionError('Tiller', found.detail, {
        hint: `wait for it (kubectl -n ${settings.tillerNamespace} get pods -l app=helm,name=tiller), or give --host`,
      });
    reason = found.detail;
  } catch (error) {
    if (error instanceof ConnectionError && error.address === 'Tiller') throw error;
    if ((error as Error).name === 'KubeconfigMissingError') throw error;
    // no API server to ask: a local Tiller could not reach it either
    const unreachable = kubernetesUnreachable(error, options.noLocalFallback ? NoTillerError : ConnectionError);
    if (unreachable) throw unreachable;
    reason = `cannot look for a Tiller pod (${(error as Error).message.replace(/\s+/g, ' ')})`;
  }
  if (options.noLocalFallback)
    throw new NoTillerError('Tiller', reason, {
      hint: 'install one with "helmts init", or pass --host HOST:PORT / set HELMTS_HOST (a local one: "helmts tiller start")',
    });
  // said once the local Tiller runs: one that cannot reach the API either fails with its own one line
  const endpoint = await startLocalTiller(settings);
  options.notice?.(`${reason}: running a local Tiller for this command (helmts init installs one in the cluster).`);
  return endpoint;
}

/**
 * A local Tiller that cannot reach the Kubernetes API (no cluster, no kubeconfig) fails with the
 * HTTP client's raw "request to http://localhost:8080/... failed, reason: connect ECONNREFUSED";
 * this says in one line which API server was tried and what to do.
 */
function kubernetesUnreachable(
  error: unknown,
  As: typeof ConnectionError = ConnectionError,
): ConnectionError | undefined {
  // node-fetch's own error, or a Tiller error that wraps it (as its cause) under a shorter message
  let match: RegExpExecArray | null = null;
  for (let e: unknown = error, depth = 0; e && !match && depth < 5; e = (e as Error).cause, depth++)
    match = /request to (https?:\/\/[^/\s]+)\S* failed, reason: (.*)$/s.exec(
      e instanceof Error ? e.message : String(e),
    );
  if (!match) return undefined;
  const reason = match[2].trim().replace(/^connect /, '');
  return new As(
    `the Kubernetes API at ${match[1]}`,
    `${reason}; point KUBECONFIG/--kubeconfig at a running cluster, or --host/HELM_HOST at a running Tiller`,
    { cause: error },
  );
}

/**
 * Where Tiller is, in connectTiller's order (below), without connecting: also what a legacy plugin
 * with `useTunnel: true` is given as TILLER_HOST.
 */
export async function findTillerEndpoint(settings: Settings, options: FindTillerOptions): Promise<TillerEndpoint> {
  const local = options.local || process.env.HELMTS_TILLER === 'local';
  const given = local ? undefined : (settings.host ?? (await backgroundTillerAddress(settings)));
  if (given) return { address: given };
  return local ? startLocalTiller(settings) : tunnelOrLocal(settings, options);
}

/**
 * Finds Tiller and connects: --host/HELMTS_HOST first, then a background Tiller from
 * `helmts tiller start`, then the Tiller pod in --tiller-namespace through a port-forward, else a
 * Tiller run inside this command against the user's kubeconfig (the "tillerless" way).
 */
export async function connectTiller(settings: Settings, options: ConnectOptions): Promise<TillerConnection> {
  const { address, dial, stopLocal, tunnel } = await findTillerEndpoint(settings, options);
  const release = async () => {
    await stopLocal?.();
    await tunnel?.close();
  };
  // A tunnel that broke says so instead of the bare gRPC "unavailable" it causes.
  const rpcError = (error: unknown, target: string) => {
    const broken = tunnel?.broken();
    if (broken)
      return new ConnectionError(`Tiller pod ${tunnel!.namespace}/${tunnel!.pod}`, `the tunnel broke: ${broken}`, {
        hint: 'run the command again (a restarted Tiller recovers interrupted releases); check the pod with kubectl',
      });
    return fromRpcError(error, target);
  };
  // A gRPC client on node:http2 (not grpc-js: most of a release command's start-up before).
  const { ATOMIC_HEADER, DIALECT_HEADER, createH2ReleaseClient, OPERATION_ID_HEADER } =
    await import('@helmts/proto/client');
  // A Tiller this command runs itself serves plaintext on loopback: TLS settings are for a remote one.
  const tls = stopLocal ? { ...options.tls, enabled: false, verify: false } : options.tls;
  const ipHost = tls.enabled && !tls.hostname ? ipHostOf(address) : undefined;
  const target: string = address;
  const client = createH2ReleaseClient(target, { tls: await tlsOptions(tls, ipHost), connect: dial });
  let released = false;
  // Ends the reads sent beside the probe when the probe fails (a closed client lets calls finish).
  const early = new AbortController();
  const closeAll = async () => {
    client.close();
    if (released) return;
    released = true;
    await release();
  };
  // Is Tiller there? The probe goes out now; the kubeconfig read for the token below runs while it
  // travels, and read-only calls go out beside it (see `call`).
  const reachable = waitForTiller(client, target, settings.tillerConnectionTimeout, tls).catch(async (error) => {
    early.abort();
    await closeAll();
    if (!tunnel?.broken()) throw error;
    // Through a tunnel, Tiller closing a connection it cannot accept (plaintext to a TLS Tiller) also
    // ends that connection's stream: with the pod still Ready, that is the mismatch, not a pod gone.
    const mismatch = (error as { mismatch?: boolean }).mismatch && (await tunnel.podStillReady().catch(() => false));
    throw mismatch ? error : rpcError(error, target);
  });
  reachable.catch(() => undefined); // awaited by every call; a command that makes none ignores it
  let verified = false;
  const whenReachable = async () => {
    if (!verified) await reachable;
    verified = true;
  };
  // Tiller under --authz=impersonate learns who you are from this token (a TokenReview); it is
  // sent only over TLS or to a Tiller on this host, never in clear over a network.
  const token = stopLocal ? undefined : await forwardedToken(settings, { tls: options.tls.enabled, address: target });
  const metadataOf = (extra: Record<string, string> = {}) =>
    token ? { ...extra, authorization: `Bearer ${token}` } : extra;

  /**
   * A call that only reads is sent at once, beside the probe, instead of one round trip after it
   * (through the port-forward tunnel a round trip is the API server and the kubelet twice). What
   * decides the outcome is still the probe: if Tiller was not reachable the probe's error is the
   * command's, and a read that went out before Tiller answered is sent again.
   */
  const send = async <Res>(
    method: ReleaseServiceMethod,
    once: (signal?: AbortSignal) => Promise<Res>,
  ): Promise<Res> => {
    if (verified || !READ_ONLY_METHODS.has(method)) {
      await whenReachable();
      return once().catch((error: unknown) => Promise.reject(rpcError(error, target)));
    }
    const sent = once(early.signal).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    await whenReachable();
    const outcome = await sent;
    if ('value' in outcome) return outcome.value;
    if (answeredByTiller(outcome.error)) throw rpcError(outcome.error, target);
    return once().catch((error: unknown) => Promise.reject(rpcError(error, target)));
  };

  const connection: TillerConnection = {
    address: target,
    tunnelledTo: tunnel && `${tunnel.namespace}/${tunnel.pod}:${tunnel.port}`,
    local: Boolean(stopLocal),
    call(method, request, callOptions = {}) {
      const extra: Record<string, string> = {};
      if (callOptions.operationId) extra[OPERATION_ID_HEADER] = callOptions.operationId;
      if (callOptions.atomic) extra[ATOMIC_HEADER] = 'true';
      if (callOptions.dialect) extra[DIALECT_HEADER] = callOptions.dialect;
      const deadline = callOptions.deadlineSeconds ? Date.now() + callOptions.deadlineSeconds * 1000 : undefined;
      return send(method, (signal) =>
        client.unary(method, request, { metadata: metadataOf(extra), deadline, signal }),
      ) as never;
    },
    collect(method, request) {
      return send(method, (signal) => client.collect(method, request, { metadata: metadataOf(), signal })) as never;
    },
    stream(method, request) {
      if (verified) return client.serverStream(method, request, { metadata: metadataOf() });
      // Opened once Tiller is known to be there, as every call is.
      const outer = new EventEmitter() as ServerStream;
      let inner: ServerStream | undefined;
      let cancelled = false;
      outer.cancel = () => {
        cancelled = true;
        inner?.cancel();
      };
      whenReachable().then(
        () => {
          if (cancelled) return;
          inner = client.serverStream(method, request, { metadata: metadataOf() });
          for (const event of ['data', 'end', 'error'])
            inner.on(event, (...args: unknown[]) => outer.emit(event, ...args));
        },
        (error: unknown) => {
          if (!cancelled && outer.listenerCount('error')) outer.emit('error', error);
        },
      );
      return outer;
    },
    async close() {
      await closeAll();
    },
  };
  return connection;
}
