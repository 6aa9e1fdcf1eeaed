import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { join } from 'node:path';

import { ConnectionError, type Settings } from '@helmts/core';
import type { ReleaseServiceClient } from '@helmts/proto';

import { cleanGrpcDetail, fromRpcError } from './rpc-error.js';
import type { TlsSettings } from './tls-flags.js';
import { forwardedToken } from './forwarded-token.js';
import { NoTillerError } from './no-tiller-error.js';
import type { TillerTunnel } from '../tunnel/tiller-tunnel.js';

/** A live connection to a Tiller: the typed client plus how to close what was opened for it. */
export interface TillerConnection {
  client: ReleaseServiceClient;
  address: string;
  /** True when this command started its own Tiller (tillerless mode). */
  local: boolean;
  /** Unary call with Tiller's errors turned into user errors. */
  call<Req, Res>(
    method: keyof ReleaseServiceClient,
    request: Req,
    options?: { deadlineSeconds?: number; operationId?: string; atomic?: boolean; dialect?: string },
  ): Promise<Res>;
  /** Server-streaming call, collected. */
  collect<Req, Res>(method: keyof ReleaseServiceClient, request: Req): Promise<Res[]>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  tls: TlsSettings;
  /** Run Tiller in this process instead of connecting to one (--local / HELMTS_TILLER=local). */
  local?: boolean;
  /** One line to tell the user about a fallback to a local Tiller. */
  notice?: (message: string) => void;
  /** With no Tiller to be found, throw a NoTillerError instead of running a local one. */
  noLocalFallback?: boolean;
}

/** The file `helmts tiller start` leaves behind so later commands find the background Tiller. */
export function backgroundTillerFile(settings: Settings): string {
  return join(settings.home, 'tiller', 'tiller.json');
}

async function backgroundTillerAddress(settings: Settings): Promise<string | undefined> {
  try {
    const state = JSON.parse(await readFile(backgroundTillerFile(settings), 'utf8')) as {
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

type Grpc = typeof import('@grpc/grpc-js');

// The TLS name (SNI) sent when --host is an IP address: TLS forbids an IP there (RFC 6066; Node warns
// with DEP0123), while the certificate is still checked against the IP itself.
const SNI_FOR_IP_HOST = 'tiller';

/** The IP of `host:port` (brackets of IPv6 removed), when the host is one. */
function ipHostOf(address: string): string | undefined {
  const host = address.slice(0, address.lastIndexOf(':')).replace(/^\[|\]$/g, '');
  return isIP(host) ? host : undefined;
}

async function credentials(grpc: Grpc, tls: TlsSettings, ipHost?: string) {
  if (!tls.enabled) return grpc.credentials.createInsecure();
  const read = async (path: string, what: string) => {
    try {
      return await readFile(path);
    } catch (error) {
      throw new ConnectionError('Tiller', `cannot read the TLS ${what} ${path}: ${(error as Error).message}`, {
        hint: `pass --tls-${what === 'CA certificate' ? 'ca-cert' : what === 'certificate' ? 'cert' : 'key'} or create it with "helmts init --tls-gen"`,
      });
    }
  };
  const ca = tls.verify ? await read(tls.caCert, 'CA certificate') : null;
  const cert = await read(tls.cert, 'certificate');
  const key = await read(tls.key, 'key');
  if (!tls.verify)
    return grpc.credentials.createSsl(ca, key, cert, {
      checkServerIdentity: () => undefined,
      rejectUnauthorized: false,
    });
  if (!ipHost) return grpc.credentials.createSsl(ca, key, cert);
  const { checkServerIdentity } = await import('node:tls');
  return grpc.credentials.createSsl(ca, key, cert, {
    checkServerIdentity: (_sni, peer) => checkServerIdentity(ipHost, peer),
  });
}

async function portOpen(target: string): Promise<boolean> {
  const { connect } = await import('node:net');
  const i = target.lastIndexOf(':');
  const host = target.slice(0, i).replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect(Number(target.slice(i + 1)), host);
    socket.setTimeout(2000, () => socket.destroy());
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

const TLS_FAILURE =
  /SSL|TLS|certificate|handshake|alert|wrong version number|self.signed|unable to verify|ERR_SSL|secure/i;

/**
 * Waits until the channel is up. A refused connection is retried until the timeout (Tiller may be
 * starting), but a TLS failure will not fix itself: it ends the wait at once, in one line that
 * names the address and says what TLS failed with.
 */
function waitForTiller(
  grpc: Grpc,
  client: ReleaseServiceClient,
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
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      if (error) reject(error);
      else resolve();
    };
    const deadline = Date.now() + timeoutSeconds * 1000;
    client.waitForReady(deadline, (error) => finish(error ? fail(error.message) : undefined));
    // A version call fails fast while the channel is failing and says why (grpc-js "Last error").
    const probe = () => {
      if (done) return;
      client.GetVersion({}, new grpc.Metadata(), { deadline: Math.min(deadline, Date.now() + 5000) }, (error) => {
        if (done) return;
        if (!error) return finish();
        const detail = cleanGrpcDetail(error.details || error.message);
        if (TLS_FAILURE.test(detail)) return finish(fail(detail, true));
        // Something accepts TCP there, yet no gRPC connection comes up: a TLS mismatch (plaintext to
        // a TLS Tiller, or a client certificate Tiller does not accept), which waiting won't mend.
        const why = tls.enabled
          ? "Tiller refused the TLS connection (is the client certificate issued by Tiller's CA, and does Tiller serve TLS?)"
          : 'Tiller probably requires TLS: pass --tls-verify';
        void portOpen(target).then((open) => {
          if (open) finish(fail(`the port is open but the gRPC connection failed (${detail}); ${why}`, true));
          else if (Date.now() < deadline) setTimeout(probe, 500).unref();
        });
      });
    };
    probe();
  });
}

/** Where a command's Tiller is: an address to dial, plus what to close afterwards. */
interface TillerEndpoint {
  address: string;
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
async function tunnelOrLocal(settings: Settings, options: ConnectOptions): Promise<TillerEndpoint> {
  let reason: string;
  try {
    const { openTillerTunnel } = await import('../tunnel/tiller-tunnel.js');
    const found = await openTillerTunnel(settings, settings.tillerConnectionTimeout);
    if ('tunnel' in found) return { address: found.tunnel.address, tunnel: found.tunnel };
    if (found.none === 'not-ready')
      throw new ConnectionError('Tiller', found.detail, {
        hint: `wait for it (kubectl -n ${settings.tillerNamespace} get pods -l app=helm,name=tiller), or give --host`,
      });
    reason = found.detail;
  } catch (error) {
    if (error instanceof ConnectionError && error.address === 'Tiller') throw error;
    // no API server to ask: a local Tiller could not reach it either
    const unreachable = kubernetesUnreachable(error, options.noLocalFallback ? NoTillerError : ConnectionError);
    if (unreachable) throw unreachable;
    reason = `cannot look for a Tiller pod (${(error as Error).message.replace(/\s+/g, ' ')})`;
  }
  if (options.noLocalFallback)
    throw new NoTillerError('Tiller', reason, {
      hint: 'install one with "helmts init", or pass --host HOST:PORT / set HELMTS_HOST (a local one: "helmts tiller start")',
    });
  options.notice?.(`${reason}: running a local Tiller for this command (helmts init installs one in the cluster).`);
  return startLocalTiller(settings);
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
  const message = error instanceof Error ? error.message : String(error);
  const match = /request to (https?:\/\/[^/\s]+)\S* failed, reason: (.*)$/s.exec(message);
  if (!match) return undefined;
  const reason = match[2].trim().replace(/^connect /, '');
  return new As(
    `the Kubernetes API at ${match[1]}`,
    `${reason}; point KUBECONFIG/--kubeconfig at a running cluster, or --host/HELM_HOST at a running Tiller`,
    { cause: error },
  );
}

/**
 * Finds Tiller and connects: --host/HELMTS_HOST first, then a background Tiller from
 * `helmts tiller start`, then the Tiller pod in --tiller-namespace through a port-forward, else a
 * Tiller run inside this command against the user's kubeconfig (the "tillerless" way).
 */
export async function connectTiller(settings: Settings, options: ConnectOptions): Promise<TillerConnection> {
  const local = options.local || process.env.HELMTS_TILLER === 'local';
  const given = local ? undefined : (settings.host ?? (await backgroundTillerAddress(settings)));
  const endpoint: TillerEndpoint = given
    ? { address: given }
    : local
      ? await startLocalTiller(settings)
      : await tunnelOrLocal(settings, options);
  const { address, stopLocal, tunnel } = endpoint;
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
  // grpc-js is CommonJS: require() compiles it from the code cache, where import() would go
  // through the ES module loader.
  const grpc = createRequire(import.meta.url)('@grpc/grpc-js') as Grpc;
  const { ATOMIC_HEADER, DIALECT_HEADER, createReleaseServiceClient, OPERATION_ID_HEADER } =
    await import('@helmts/proto');
  // A Tiller this command runs itself serves plaintext on loopback: TLS settings are for a remote one.
  const tls = stopLocal ? { ...options.tls, enabled: false, verify: false } : options.tls;
  const ipHost = tls.enabled && !tls.hostname ? ipHostOf(address) : undefined;
  const creds = await credentials(grpc, tls, ipHost);
  const sni = tls.hostname || (ipHost ? SNI_FOR_IP_HOST : undefined);
  const channelOptions = sni ? { 'grpc.ssl_target_name_override': sni } : {};
  const target: string = address;
  const client = createReleaseServiceClient(target, creds, { channelOptions });
  await waitForTiller(grpc, client, target, settings.tillerConnectionTimeout, tls).catch(async (error) => {
    client.close();
    await release();
    if (!tunnel?.broken()) throw error;
    // Through a tunnel, Tiller closing a connection it cannot accept (plaintext to a TLS Tiller) also
    // ends that connection's stream: with the pod still Ready, that is the mismatch, not a pod gone.
    const mismatch = (error as { mismatch?: boolean }).mismatch && (await tunnel.podStillReady().catch(() => false));
    throw mismatch ? error : rpcError(error, target);
  });
  // Tiller under --authz=impersonate learns who you are from this token (a TokenReview); it is
  // sent only over TLS or to a Tiller on this host, never in clear over a network.
  const token = stopLocal ? undefined : await forwardedToken(settings, { tls: options.tls.enabled, address: target });
  const withToken = (metadata: InstanceType<Grpc['Metadata']>) => {
    if (token) metadata.set('authorization', `Bearer ${token}`);
    return metadata;
  };

  const connection: TillerConnection = {
    client,
    address: target,
    local: Boolean(stopLocal),
    call(method, request, callOptions = {}) {
      return new Promise((resolve, reject) => {
        const grpcOptions = callOptions.deadlineSeconds
          ? { deadline: Date.now() + callOptions.deadlineSeconds * 1000 }
          : {};
        const fn = client[method] as unknown as (...args: unknown[]) => unknown;
        const metadata = withToken(new grpc.Metadata());
        if (callOptions.operationId) metadata.set(OPERATION_ID_HEADER, callOptions.operationId);
        if (callOptions.atomic) metadata.set(ATOMIC_HEADER, 'true');
        if (callOptions.dialect) metadata.set(DIALECT_HEADER, callOptions.dialect);
        fn.call(client, request, metadata, grpcOptions, (error: unknown, response: unknown) =>
          error ? reject(rpcError(error, target)) : resolve(response as never),
        );
      });
    },
    collect(method, request) {
      return new Promise((resolve, reject) => {
        const fn = client[method] as unknown as (req: unknown) => NodeJS.EventEmitter;
        const stream = (fn as unknown as (req: unknown, metadata: unknown) => NodeJS.EventEmitter).call(
          client,
          request,
          withToken(new grpc.Metadata()),
        );
        const items: unknown[] = [];
        stream.on('data', (item: unknown) => {
          items.push(item);
        });
        stream.on('error', (error: unknown) => reject(rpcError(error, target)));
        stream.on('end', () => resolve(items as never));
      });
    },
    async close() {
      client.close();
      await release();
    },
  };
  return connection;
}
