// A gRPC client for Tiller's ReleaseService written straight on node:http2: unary and
// server-streaming calls, gRPC's length-prefixed framing, status and message from the trailers (or
// a trailers-only answer), metadata, deadlines (grpc-timeout plus a local timer), TLS, keepalive
// pings and Helm 2's 20 MiB limits. It is what a release command needs and nothing more: grpc-js
// (channels, resolvers, load balancers, ~60 modules) cost a command ~45 ms of CPU and ~10 MiB to
// load and set up (bench/startup). Tiller itself keeps grpc-js as its server.
import { EventEmitter } from 'node:events';
import * as http2 from 'node:http2';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { hapiWireCodec } from './release-service-definition.js';
import { CLIENT_KEEPALIVE_MS, HELM_API_CLIENT_HEADER, HELM_API_VERSION, MAX_MESSAGE_BYTES } from './transport.js';
import { WIRE_SCHEMA } from './wire-schema.js';

/** gRPC status codes used here (fixed by the gRPC spec). */
export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  DEADLINE_EXCEEDED: 4,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const STATUS_NAMES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

/** A failed call: the gRPC status code and message, as grpc-js's ServiceError carries them. */
export class GrpcCallError extends Error {
  /**
   * `connected`: the connection to the server had been set up (TCP, and TLS from the client's side)
   * before the call failed, so a failure is the server refusing us, not a server that isn't there.
   */
  constructor(
    readonly code: number,
    readonly details: string,
    readonly connected: boolean,
    readonly metadata: Record<string, string> = {},
  ) {
    super(`${code} ${STATUS_NAMES[code] ?? 'UNKNOWN'}: ${details}`);
    this.name = 'GrpcCallError';
  }
}

export interface H2ReleaseClientOptions {
  /** TLS: node:tls options (ca, key, cert, rejectUnauthorized, servername, checkServerIdentity). */
  tls?: ConnectionOptions;
  /** Sent as x-helm-api-client on every call; default HELM_API_VERSION. */
  clientVersion?: string;
  /**
   * Opens the connection as a stream instead of TCP to `address` (a port-forward tunnel's); TLS,
   * when given, runs over it and checks the certificate against `address`'s host.
   */
  connect?: () => Duplex;
}

export interface CallOptions {
  /** Extra metadata (lower-case keys). */
  metadata?: Record<string, string>;
  /** Absolute deadline, ms since the epoch. */
  deadline?: number;
  /** Cancels the call (CANCELLED) when aborted. */
  signal?: AbortSignal;
}

/** A server-streaming call: 'data' per message, then 'end', or 'error' with a GrpcCallError. */
export interface ServerStream extends EventEmitter {
  cancel(): void;
}

const METHODS = new Map(WIRE_SCHEMA.service.methods.map(([name, request, response]) => [name, { request, response }]));

// HTTP statuses in place of a gRPC answer, mapped as the gRPC spec says (doc/http-grpc-status-mapping.md).
function codeOfHttpStatus(status: number): number {
  if (status === 400) return GrpcCode.INTERNAL;
  if (status === 401) return GrpcCode.UNAUTHENTICATED;
  if (status === 403) return GrpcCode.PERMISSION_DENIED;
  if (status === 404) return GrpcCode.UNIMPLEMENTED;
  if ([429, 502, 503, 504].includes(status)) return GrpcCode.UNAVAILABLE;
  return GrpcCode.UNKNOWN;
}

function decodeGrpcMessage(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** grpc-timeout: at most 8 digits, so large deadlines move to coarser units. */
function grpcTimeout(ms: number): string {
  const value = Math.max(1, Math.ceil(ms));
  if (value < 1e8) return `${value}m`;
  return `${Math.min(99_999_999, Math.ceil(value / 1000))}S`;
}

/** Frames one message: a zero "compressed" byte, its length (big-endian), the bytes. */
function frame(message: Buffer): Buffer {
  const head = Buffer.allocUnsafe(5);
  head[0] = 0;
  head.writeUInt32BE(message.length, 1);
  return Buffer.concat([head, message]);
}

/** Splits the response body into messages as its bytes arrive. */
class MessageReader {
  private chunks: Buffer[] = [];
  private size = 0;

  push(chunk: Buffer, onMessage: (message: Buffer) => void): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    for (;;) {
      if (this.size < 5) return;
      const head = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
      this.chunks = [head];
      if (head[0] !== 0) throw new GrpcCallError(GrpcCode.INTERNAL, 'compressed message from the server', true);
      const length = head.readUInt32BE(1);
      if (length > MAX_MESSAGE_BYTES)
        throw new GrpcCallError(
          GrpcCode.RESOURCE_EXHAUSTED,
          `Received message larger than max (${length} vs. ${MAX_MESSAGE_BYTES})`,
          true,
        );
      if (this.size < 5 + length) return;
      onMessage(head.subarray(5, 5 + length));
      const rest = head.subarray(5 + length);
      this.chunks = rest.length ? [rest] : [];
      this.size = rest.length;
    }
  }

  get pending(): boolean {
    return this.size > 0;
  }
}

/**
 * One HTTP/2 connection to Tiller, dialled on the first call and again after it broke. It holds the
 * process open only while calls are in flight, so a forgotten close() never hangs a command.
 */
export class H2ReleaseClient {
  private session: http2.ClientHttp2Session | undefined;
  private sessionError: Error | undefined;
  private connected = false;
  private inFlight = 0;
  private pinger: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly clientVersion: string;

  constructor(
    readonly address: string,
    private readonly options: H2ReleaseClientOptions = {},
  ) {
    this.clientVersion = options.clientVersion ?? HELM_API_VERSION;
  }

  private dial(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    if (this.closed) throw new GrpcCallError(GrpcCode.UNAVAILABLE, 'the client was closed', false);
    const tls = this.options.tls;
    const authority = `${tls ? 'https' : 'http'}://${this.address}`;
    this.sessionError = undefined;
    this.connected = false;
    const connect = this.options.connect;
    const session = http2.connect(authority, {
      ...(tls ?? {}),
      ...(tls && (tls.servername || connect) ? { createConnection: () => this.tlsSocket(tls) } : {}),
      ...(!tls && connect ? { createConnection: connect } : {}),
      // Charts travel inside messages: let a 20 MiB message be buffered whole.
      maxSessionMemory: 64,
      settings: { enablePush: false, initialWindowSize: 4 * 1024 * 1024 },
    });
    this.session = session;
    // On a TLS session 'connect' comes after the handshake (from the client's side).
    session.once('connect', () => {
      if (this.session === session) this.connected = true;
      session.setLocalWindowSize(8 * 1024 * 1024);
    });
    session.on('error', (error: Error) => {
      if (this.session === session) this.sessionError = error;
    });
    session.once('close', () => {
      if (this.session === session) this.session = undefined;
    });
    if (this.inFlight === 0) session.unref();
    this.pinger ??= setInterval(() => {
      const live = this.session;
      if (live && !live.destroyed && this.connected) live.ping(() => undefined);
    }, CLIENT_KEEPALIVE_MS).unref();
    return session;
  }

  /**
   * The TLS connection when a server name (SNI) is given, or over the stream `connect` opens. On a
   * TCP connection the name is set on the socket before its handshake rather than passed to
   * tls.connect, whose check that the name is not an IP address runs Node 20's IPv6 regular
   * expression, compiled on first use: 5-20 ms of a command that connects once. Over a stream the
   * handshake starts inside tls.connect, so the name must go with it.
   */
  private tlsSocket(tls: ConnectionOptions) {
    const at = this.address.lastIndexOf(':');
    const host = this.address.slice(0, at).replace(/^\[|\]$/g, '');
    const ALPNProtocols = tls.ALPNProtocols ?? ['h2'];
    if (this.options.connect) return tlsConnect({ ...tls, host, socket: this.options.connect(), ALPNProtocols });
    const { servername, ...options } = tls;
    const socket = tlsConnect({ ...options, host, port: Number(this.address.slice(at + 1)), ALPNProtocols });
    // TLSSocket#setServername: public since Node 0.x, missing from @types/node 20
    if (servername) (socket as typeof socket & { setServername(name: string): void }).setServername(servername);
    return socket;
  }

  private hold(session: http2.ClientHttp2Session): () => void {
    this.inFlight++;
    session.ref();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      if (this.inFlight === 0 && !session.destroyed) session.unref();
    };
  }

  /**
   * Starts a call; `onMessage` gets each decoded response, `onDone` the outcome once. Returns a
   * cancel function.
   */
  private start(
    method: string,
    request: unknown,
    options: CallOptions,
    onMessage: (message: unknown) => void,
    onDone: (error?: GrpcCallError) => void,
  ): () => void {
    const types = METHODS.get(method);
    if (!types) throw new Error(`ReleaseService has no method ${method}`);
    const codec = hapiWireCodec();
    const body = codec.encode(types.request, request ?? {});
    if (body.length > MAX_MESSAGE_BYTES) {
      onDone(
        new GrpcCallError(
          GrpcCode.RESOURCE_EXHAUSTED,
          `Sent message larger than max (${body.length} vs. ${MAX_MESSAGE_BYTES})`,
          false,
        ),
      );
      return () => undefined;
    }
    let session: http2.ClientHttp2Session;
    try {
      session = this.dial();
    } catch (error) {
      onDone(error as GrpcCallError);
      return () => undefined;
    }
    const release = this.hold(session);
    const headers: http2.OutgoingHttpHeaders = {
      ':method': 'POST',
      ':path': `/${WIRE_SCHEMA.service.name}/${method}`,
      'content-type': 'application/grpc+proto',
      te: 'trailers',
      'user-agent': 'helmts-grpc/1',
      [HELM_API_CLIENT_HEADER]: this.clientVersion,
      ...options.metadata,
    };
    if (options.deadline !== undefined) headers['grpc-timeout'] = grpcTimeout(options.deadline - Date.now());

    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const stream = session.request(headers, { endStream: false });
    const finish = (error?: GrpcCallError) => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      release();
      if (!stream.closed) stream.close(error ? http2.constants.NGHTTP2_CANCEL : http2.constants.NGHTTP2_NO_ERROR);
      onDone(error);
    };
    if (options.deadline !== undefined) {
      timer = setTimeout(
        () => finish(new GrpcCallError(GrpcCode.DEADLINE_EXCEEDED, 'Deadline exceeded', this.connected)),
        Math.max(0, options.deadline - Date.now()),
      );
    }

    const reader = new MessageReader();
    let status: number | undefined;
    let message = '';
    let httpStatus = 0;
    const trailerMetadata: Record<string, string> = {};
    const readStatus = (fields: http2.IncomingHttpHeaders) => {
      const raw = fields['grpc-status'];
      if (raw === undefined) return;
      status = Number(raw);
      message = decodeGrpcMessage(String(fields['grpc-message'] ?? ''));
      for (const [key, value] of Object.entries(fields))
        if (!key.startsWith(':') && !key.startsWith('grpc-') && typeof value === 'string') trailerMetadata[key] = value;
    };
    stream.on('response', (fields) => {
      httpStatus = Number(fields[':status']);
      readStatus(fields);
    });
    stream.on('trailers', (fields) => readStatus(fields));
    stream.on('data', (chunk: Buffer) => {
      if (finished) return;
      try {
        reader.push(chunk, (bytes) => onMessage(codec.decode(types.response, bytes)));
      } catch (error) {
        finish(
          error instanceof GrpcCallError
            ? error
            : new GrpcCallError(GrpcCode.INTERNAL, `cannot decode the response: ${(error as Error).message}`, true),
        );
      }
    });
    let streamError: (Error & { cause?: unknown }) | undefined;
    stream.on('error', (error: Error) => {
      // reported on 'close'; a stream cancelled by a failed session carries that failure as its cause
      streamError = error;
    });
    stream.on('close', () => {
      if (finished) return;
      if (status !== undefined) {
        if (status === GrpcCode.OK) return finish();
        return finish(
          new GrpcCallError(status, message || STATUS_NAMES[status] || 'unknown error', true, trailerMetadata),
        );
      }
      if (httpStatus && httpStatus !== 200)
        return finish(new GrpcCallError(codeOfHttpStatus(httpStatus), `Received HTTP status code ${httpStatus}`, true));
      const cause = this.sessionError ?? (streamError?.cause instanceof Error ? streamError.cause : streamError);
      if (cause) {
        return finish(new GrpcCallError(GrpcCode.UNAVAILABLE, cause.message, this.connected || httpStatus > 0));
      }
      const code = stream.rstCode;
      const detail =
        code === http2.constants.NGHTTP2_REFUSED_STREAM
          ? 'the server refused the stream'
          : httpStatus
            ? `the server closed the stream without a status (RST_STREAM code ${code ?? 0})`
            : 'the connection closed before the server answered';
      finish(new GrpcCallError(httpStatus ? GrpcCode.INTERNAL : GrpcCode.UNAVAILABLE, detail, this.connected));
    });
    stream.end(frame(body));
    const cancel = () => finish(new GrpcCallError(GrpcCode.CANCELLED, 'Cancelled on client', this.connected));
    if (options.signal) {
      if (options.signal.aborted) cancel();
      else options.signal.addEventListener('abort', cancel, { once: true });
    }
    return cancel;
  }

  /** A unary call: resolves with the response, rejects with a GrpcCallError. */
  unary<Res = unknown>(method: string, request: unknown, options: CallOptions = {}): Promise<Res> {
    return new Promise((resolve, reject) => {
      let response: unknown;
      this.start(
        method,
        request,
        options,
        (message) => {
          response = message;
        },
        (error) => {
          if (error) reject(error);
          else if (response === undefined)
            reject(new GrpcCallError(GrpcCode.UNIMPLEMENTED, 'no response message for a unary call', true));
          else resolve(response as Res);
        },
      );
    });
  }

  /** A server-streaming call. */
  serverStream(method: string, request: unknown, options: CallOptions = {}): ServerStream {
    const emitter = new EventEmitter() as ServerStream;
    let cancel: () => void = () => undefined;
    let cancelled = false;
    emitter.cancel = () => {
      cancelled = true;
      cancel();
    };
    // Listeners are attached by the caller after this returns: start on the next tick.
    process.nextTick(() => {
      if (cancelled) return;
      cancel = this.start(
        method,
        request,
        options,
        (message) => emitter.emit('data', message),
        (error) => {
          if (error) {
            if (error.code !== GrpcCode.CANCELLED || emitter.listenerCount('error')) emitter.emit('error', error);
          } else emitter.emit('end');
        },
      );
    });
    return emitter;
  }

  /** Collects a server stream. */
  collect<Res = unknown>(method: string, request: unknown, options: CallOptions = {}): Promise<Res[]> {
    return new Promise((resolve, reject) => {
      const items: Res[] = [];
      const stream = this.serverStream(method, request, options);
      stream.on('data', (item: Res) => items.push(item));
      stream.on('error', reject);
      stream.on('end', () => resolve(items));
    });
  }

  /** Closes the connection; calls in flight finish first. */
  close(): void {
    this.closed = true;
    if (this.pinger) clearInterval(this.pinger);
    this.session?.close();
  }
}

/** A ReleaseService client over node:http2 (see the top of this file). */
export function createH2ReleaseClient(address: string, options: H2ReleaseClientOptions = {}): H2ReleaseClient {
  return new H2ReleaseClient(address, options);
}
