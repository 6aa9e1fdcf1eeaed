// A gRPC client for Tiller's ReleaseService written straight on HTTP/2 (h2-connection.ts): unary
// and server-streaming calls, gRPC's length-prefixed framing, status and message from the trailers
// (or a trailers-only answer), metadata, deadlines (grpc-timeout plus a local timer), TLS, keepalive
// pings and Helm 2's 20 MiB limits. It is what a release command needs and nothing more: grpc-js
// (channels, resolvers, load balancers, ~60 modules) cost a command ~45 ms of CPU and ~10 MiB to
// load and set up (bench/startup), node:http2 ~7 ms. Tiller itself keeps grpc-js as its server.
import { EventEmitter } from 'node:events';
import { connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { H2Connection, H2Error, h2ErrorName, type H2Fields } from './h2-connection.js';
import type { HeaderField } from './hpack.js';
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

/**
 * Splits the response body into messages as its bytes arrive. A message's chunks are joined once,
 * when the last of them is there (joining on every chunk made a 13 MB answer take seconds).
 */
export class MessageReader {
  private chunks: Buffer[] = [];
  private size = 0;
  /** the length of the message whose prefix has been read, while its bytes are awaited */
  private length: number | undefined;

  push(chunk: Buffer, onMessage: (message: Buffer) => void): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    for (;;) {
      if (this.length === undefined) {
        if (this.size < 5) return;
        if (this.chunks[0]!.length < 5) this.chunks = [Buffer.concat(this.chunks, this.size)];
        const head = this.chunks[0]!;
        if (head[0] !== 0) throw new GrpcCallError(GrpcCode.INTERNAL, 'compressed message from the server', true);
        const length = head.readUInt32BE(1);
        if (length > MAX_MESSAGE_BYTES)
          throw new GrpcCallError(
            GrpcCode.RESOURCE_EXHAUSTED,
            `Received message larger than max (${length} vs. ${MAX_MESSAGE_BYTES})`,
            true,
          );
        this.length = length;
      }
      if (this.size < 5 + this.length) return;
      const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
      const end = 5 + this.length;
      this.length = undefined;
      onMessage(all.subarray(5, end));
      const rest = all.subarray(end);
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
  private session: H2Connection | undefined;
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

  private dial(): H2Connection {
    if (this.session?.usable) return this.session;
    if (this.closed) throw new GrpcCallError(GrpcCode.UNAVAILABLE, 'the client was closed', false);
    this.sessionError = undefined;
    this.connected = false;
    const tls = this.options.tls;
    const socket = tls ? this.tlsSocket(tls) : (this.options.connect?.() ?? this.tcpSocket());
    // Charts travel inside messages: a 20 MiB answer may be in flight whole.
    const session = new H2Connection(socket, { streamWindow: 4 * 1024 * 1024, connectionWindow: 8 * 1024 * 1024 });
    this.session = session;
    // connected: TCP is up, and on TLS the handshake is done (from the client's side)
    const connected = () => {
      if (this.session === session) this.connected = true;
    };
    if (tls) socket.once('secureConnect', connected);
    else if ((socket as Duplex & { connecting?: boolean }).connecting) socket.once('connect', connected);
    else process.nextTick(connected);
    session.on('error', (error: Error) => {
      if (this.session === session) this.sessionError = error;
    });
    session.once('close', () => {
      if (this.session === session) this.session = undefined;
    });
    if (this.inFlight === 0) session.unref();
    this.pinger ??= setInterval(() => {
      const live = this.session;
      if (live?.usable && this.connected) live.ping();
    }, CLIENT_KEEPALIVE_MS).unref();
    return session;
  }

  private hostAndPort(): { host: string; port: number } {
    const at = this.address.lastIndexOf(':');
    return { host: this.address.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(this.address.slice(at + 1)) };
  }

  private tcpSocket(): Duplex {
    const { host, port } = this.hostAndPort();
    return netConnect({ host, port });
  }

  /**
   * The TLS connection, over TCP or over the stream `connect` opens, offering h2 by ALPN. node:tls
   * is loaded here only: a plaintext connection does not pay for it. On a TCP connection the server
   * name (SNI) is set on the socket before its handshake rather than passed to tls.connect, whose
   * check that the name is not an IP address runs Node 20's IPv6 regular expression, compiled on
   * first use: 5-20 ms of a command that connects once. Over a stream the handshake starts inside
   * tls.connect, so the name must go with it.
   */
  private tlsSocket(tls: ConnectionOptions): TLSSocket {
    const { connect: tlsConnect } = process.getBuiltinModule('node:tls');
    const { host, port } = this.hostAndPort();
    const ALPNProtocols = tls.ALPNProtocols ?? ['h2'];
    if (this.options.connect) return tlsConnect({ ...tls, host, socket: this.options.connect(), ALPNProtocols });
    const { servername, ...options } = tls;
    const socket = tlsConnect({ ...options, host, port, ALPNProtocols });
    // TLSSocket#setServername: public since Node 0.x, missing from @types/node 20
    if (servername) (socket as typeof socket & { setServername(name: string): void }).setServername(servername);
    return socket;
  }

  private hold(session: H2Connection): () => void {
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
    let session: H2Connection;
    try {
      session = this.dial();
    } catch (error) {
      onDone(error as GrpcCallError);
      return () => undefined;
    }
    const release = this.hold(session);
    const fields: HeaderField[] = [
      [':method', 'POST'],
      [':scheme', this.options.tls ? 'https' : 'http'],
      [':path', `/${WIRE_SCHEMA.service.name}/${method}`],
      [':authority', this.address],
      ['content-type', 'application/grpc+proto'],
      ['te', 'trailers'],
      ['user-agent', 'helmts-grpc/1'],
      [HELM_API_CLIENT_HEADER, this.clientVersion],
    ];
    if (options.deadline !== undefined) fields.push(['grpc-timeout', grpcTimeout(options.deadline - Date.now())]);
    for (const [key, value] of Object.entries(options.metadata ?? {})) fields.push([key, value]);

    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const stream = session.request(fields, frame(body));
    const finish = (error?: GrpcCallError) => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      release();
      if (!stream.closed) stream.close(error ? H2Error.CANCEL : H2Error.NO_ERROR);
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
    const readStatus = (fields: H2Fields) => {
      const raw = fields['grpc-status'];
      if (raw === undefined) return;
      status = Number(raw);
      message = decodeGrpcMessage(String(fields['grpc-message'] ?? ''));
      for (const [key, value] of Object.entries(fields))
        if (!key.startsWith(':') && !key.startsWith('grpc-') && typeof value === 'string') trailerMetadata[key] = value;
    };
    stream.on('response', (fields: H2Fields) => {
      httpStatus = Number(fields[':status']);
      readStatus(fields);
    });
    stream.on('trailers', (fields: H2Fields) => readStatus(fields));
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
        code === H2Error.REFUSED_STREAM
          ? 'the server refused the stream'
          : httpStatus
            ? `the server closed the stream without a status (RST_STREAM ${h2ErrorName(code ?? 0)})`
            : 'the connection closed before the server answered';
      finish(new GrpcCallError(httpStatus ? GrpcCode.INTERNAL : GrpcCode.UNAVAILABLE, detail, this.connected));
    });
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

/** A ReleaseService client over HTTP/2 (see the top of this file). */
export function createH2ReleaseClient(address: string, options: H2ReleaseClientOptions = {}): H2ReleaseClient {
  return new H2ReleaseClient(address, options);
}
