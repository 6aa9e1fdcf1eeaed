// The client side of one HTTP/2 connection (RFC 9113) over any byte stream: a TCP or TLS socket,
// or a port-forward tunnel's stream. It does what a gRPC client of Tiller needs and no more:
// requests with a body, responses with headers, data and trailers, both directions' flow control,
// SETTINGS, PING, RST_STREAM and GOAWAY. No server push (refused in our SETTINGS), no priorities.
//
// Why not node:http2: loading it costs a command ~7 ms (it brings http, assert, crypto and tls
// along, even for a plaintext connection), a tenth of a release command's own start-up.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { encodeHeaders, HpackDecoder, type HeaderField } from './hpack.js';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

const DATA = 0x0;
const HEADERS = 0x1;
const RST_STREAM = 0x3;
const SETTINGS = 0x4;
const PUSH_PROMISE = 0x5;
const PING = 0x6;
const GOAWAY = 0x7;
const WINDOW_UPDATE = 0x8;
const CONTINUATION = 0x9;

const END_STREAM = 0x1;
const ACK = 0x1;
const END_HEADERS = 0x4;
const PADDED = 0x8;
const PRIORITY_FLAG = 0x20;

const SETTINGS_ENABLE_PUSH = 0x2;
const SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
const SETTINGS_MAX_FRAME_SIZE = 0x5;

/** The error codes of RFC 9113 §7, by number. */
const ERROR_NAMES = [
  'NO_ERROR',
  'PROTOCOL_ERROR',
  'INTERNAL_ERROR',
  'FLOW_CONTROL_ERROR',
  'SETTINGS_TIMEOUT',
  'STREAM_CLOSED',
  'FRAME_SIZE_ERROR',
  'REFUSED_STREAM',
  'CANCEL',
  'COMPRESSION_ERROR',
  'CONNECT_ERROR',
  'ENHANCE_YOUR_CALM',
  'INADEQUATE_SECURITY',
  'HTTP_1_1_REQUIRED',
];

export const H2Error = {
  NO_ERROR: 0,
  PROTOCOL_ERROR: 1,
  FLOW_CONTROL_ERROR: 3,
  FRAME_SIZE_ERROR: 6,
  REFUSED_STREAM: 7,
  CANCEL: 8,
  COMPRESSION_ERROR: 9,
} as const;

export function h2ErrorName(code: number): string {
  return ERROR_NAMES[code] ?? `error code ${code}`;
}

/** The largest frame payload this side accepts (the default; never raised). */
const OUR_MAX_FRAME = 16_384;
/** Every window's size before SETTINGS or WINDOW_UPDATE change it. */
const DEFAULT_WINDOW = 65_535;

export interface H2ConnectionOptions {
  /** SETTINGS_INITIAL_WINDOW_SIZE: how much of each response may be in flight unread. */
  streamWindow?: number;
  /** How much of all responses together may be in flight unread. */
  connectionWindow?: number;
}

/** Header fields as a record, names lower-case; a repeated name's values joined by ", ". */
export type H2Fields = Record<string, string>;

function toRecord(fields: HeaderField[]): H2Fields {
  const record: H2Fields = Object.create(null) as H2Fields;
  for (const [name, value] of fields) record[name] = name in record ? `${record[name]}, ${value}` : value;
  return record;
}

/**
 * One request and its response. Events: 'response' (the first header block), 'trailers', 'data'
 * (a Buffer), 'error' (a reset by the peer, or the connection failing), then 'close' once.
 */
export class H2Stream extends EventEmitter {
  /** The code of the peer's RST_STREAM, if it reset the stream. */
  rstCode: number | undefined;
  closed = false;
  /** Request body not yet sent (flow control), and whether END_STREAM went out. */
  pending: Buffer | undefined;
  localEnded = false;
  sendWindow: number;
  receiveWindow: number;
  sawHeaders = false;

  constructor(
    readonly id: number,
    private readonly connection: H2Connection,
    sendWindow: number,
    receiveWindow: number,
  ) {
    super();
    this.sendWindow = sendWindow;
    this.receiveWindow = receiveWindow;
  }

  /** Ends the stream from this side: RST_STREAM with `code` unless it is over already. */
  close(code: number = H2Error.NO_ERROR): void {
    this.connection.closeStream(this, code);
  }
}

/**
 * An HTTP/2 client connection on `socket`, which may still be connecting (writes wait for it).
 * Events: 'error' (the socket failed, or the peer broke the protocol), then 'close'.
 */
export class H2Connection extends EventEmitter {
  private readonly decoder = new HpackDecoder();
  private readonly streams = new Map<number, H2Stream>();
  private nextId = 1;
  private input: Buffer = Buffer.alloc(0);
  private readonly streamWindow: number;
  private readonly connectionWindow: number;
  private connectionReceive: number;
  private connectionSend = DEFAULT_WINDOW;
  private peerInitialWindow = DEFAULT_WINDOW;
  private peerMaxFrame = 16_384;
  /** the HEADERS frame whose CONTINUATION frames are awaited: its stream and fragments */
  private continuing: { id: number; endStream: boolean; fragments: Buffer[] } | undefined;
  private closing = false;
  private goneAway = false;
  /** GOAWAY went out and the socket's writing side is ended */
  private ended = false;
  destroyed = false;

  constructor(
    private readonly socket: Duplex,
    options: H2ConnectionOptions = {},
  ) {
    super();
    this.streamWindow = options.streamWindow ?? DEFAULT_WINDOW;
    this.connectionWindow = Math.max(options.connectionWindow ?? DEFAULT_WINDOW, DEFAULT_WINDOW);
    this.connectionReceive = this.connectionWindow;
    // frames are small and answered (WINDOW_UPDATE, SETTINGS, PING): Nagle's algorithm would hold
    // each behind the peer's delayed acknowledgement, ~40 ms a round trip
    (socket as Duplex & { setNoDelay?: (noDelay: boolean) => void }).setNoDelay?.(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error: Error) => this.destroy(error));
    socket.on('end', () => this.destroy());
    socket.on('close', () => this.destroy());
    const settings = Buffer.alloc(12);
    settings.writeUInt16BE(SETTINGS_ENABLE_PUSH, 0);
    settings.writeUInt32BE(0, 2);
    settings.writeUInt16BE(SETTINGS_INITIAL_WINDOW_SIZE, 6);
    settings.writeUInt32BE(this.streamWindow, 8);
    const frames = [PREFACE, frame(SETTINGS, 0, 0, settings)];
    if (this.connectionWindow > DEFAULT_WINDOW) frames.push(windowUpdate(0, this.connectionWindow - DEFAULT_WINDOW));
    socket.write(Buffer.concat(frames));
  }

  /** Whether a new request can go out on this connection. */
  get usable(): boolean {
    return !this.destroyed && !this.closing && !this.goneAway;
  }

  /** Sends a request: its header fields (pseudo-headers first) and its whole body. */
  request(fields: readonly HeaderField[], body: Buffer): H2Stream {
    if (!this.usable) throw new Error('the HTTP/2 connection is closed');
    const id = this.nextId;
    this.nextId += 2;
    const stream = new H2Stream(id, this, this.peerInitialWindow, this.streamWindow);
    this.streams.set(id, stream);
    const block = encodeHeaders(fields);
    // a block larger than the peer's frame size goes on in CONTINUATION frames
    const frames: Buffer[] = [];
    let at = 0;
    do {
      const end = Math.min(at + this.peerMaxFrame, block.length);
      frames.push(
        frame(at === 0 ? HEADERS : CONTINUATION, end === block.length ? END_HEADERS : 0, id, block.subarray(at, end)),
      );
      at = end;
    } while (at < block.length);
    stream.pending = body;
    this.socket.cork();
    this.write(Buffer.concat(frames));
    this.flush(stream);
    this.socket.uncork();
    return stream;
  }

  /** Sends a PING (keepalive); the answer is not waited for. */
  ping(): void {
    if (this.usable) this.write(frame(PING, 0, 0, Buffer.alloc(8)));
  }

  /** Closes once the streams in flight are done: GOAWAY, then the socket ends. */
  close(): void {
    this.closing = true;
    if (this.streams.size === 0) this.finish();
  }

  ref(): void {
    (this.socket as Duplex & { ref?: () => void }).ref?.();
  }

  unref(): void {
    (this.socket as Duplex & { unref?: () => void }).unref?.();
  }

  /** Fails every stream with `error` (if any) and closes the socket. */
  destroy(error?: Error): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (error && this.listenerCount('error') > 0) this.emit('error', error);
    for (const stream of [...this.streams.values()]) this.end(stream, error);
    this.socket.destroy();
    this.emit('close');
  }

  /** Called by H2Stream.close. */
  closeStream(stream: H2Stream, code: number): void {
    if (stream.closed) return;
    this.write(rstStream(stream.id, code));
    this.end(stream);
  }

  /** Writes frames, unless the socket is ended (GOAWAY sent) or gone. */
  private write(bytes: Buffer): void {
    if (!this.ended && !this.destroyed) this.socket.write(bytes);
  }

  private finish(): void {
    if (this.destroyed || this.ended) return;
    this.ended = true;
    // the last stream the server started that this side took: none (push is refused)
    this.socket.end(frame(GOAWAY, 0, 0, Buffer.alloc(8)));
  }

  /** The stream is over: 'error' first when there is one, then 'close'. */
  private end(stream: H2Stream, error?: Error): void {
    if (stream.closed) return;
    stream.closed = true;
    stream.pending = undefined;
    this.streams.delete(stream.id);
    if (error && stream.listenerCount('error') > 0) stream.emit('error', error);
    stream.emit('close');
    if (this.streams.size === 0 && (this.closing || this.goneAway)) this.finish();
  }

  /** Sends as much of the stream's body as both send windows allow; END_STREAM with the last of it. */
  private flush(stream: H2Stream): void {
    const body = stream.pending;
    if (!body || stream.closed) return;
    let at = 0;
    while (at < body.length) {
      const size = Math.min(body.length - at, this.connectionSend, stream.sendWindow, this.peerMaxFrame);
      if (size <= 0) break;
      const last = at + size === body.length;
      this.write(frame(DATA, last ? END_STREAM : 0, stream.id, body.subarray(at, at + size)));
      this.connectionSend -= size;
      stream.sendWindow -= size;
      at += size;
    }
    if (body.length === 0) this.write(frame(DATA, END_STREAM, stream.id, body));
    if (at === body.length) {
      stream.pending = undefined;
      stream.localEnded = true;
    } else {
      stream.pending = body.subarray(at);
    }
  }

  private receive(chunk: Buffer): void {
    this.input = this.input.length === 0 ? chunk : Buffer.concat([this.input, chunk]);
    let at = 0;
    try {
      while (!this.destroyed && this.input.length - at >= 9) {
        const length = this.input.readUIntBE(at, 3);
        if (length > OUR_MAX_FRAME) throw new ProtocolError(H2Error.FRAME_SIZE_ERROR, `a frame of ${length} bytes`);
        if (this.input.length - at < 9 + length) break;
        const type = this.input[at + 3]!;
        const flags = this.input[at + 4]!;
        const id = this.input.readUInt32BE(at + 5) & 0x7fffffff;
        const payload = this.input.subarray(at + 9, at + 9 + length);
        at += 9 + length;
        this.onFrame(type, flags, id, payload);
      }
    } catch (error) {
      // a listener's own failure is not the server's: it surfaces as it would from any emitter
      if (!(error instanceof ProtocolError)) throw error;
      const payload = Buffer.alloc(8);
      payload.writeUInt32BE(error.code, 4);
      this.write(frame(GOAWAY, 0, 0, payload));
      this.destroy(new Error(`the server broke the HTTP/2 protocol (${h2ErrorName(error.code)}): ${error.message}`));
      return;
    }
    this.input = at === this.input.length ? Buffer.alloc(0) : this.input.subarray(at);
  }

  private onFrame(type: number, flags: number, id: number, payload: Buffer): void {
    if (this.continuing && type !== CONTINUATION)
      throw new ProtocolError(H2Error.PROTOCOL_ERROR, 'a header block was interrupted');
    const size = FIXED_SIZES[type];
    if (size !== undefined && (size < 0 ? payload.length < -size : payload.length !== size))
      throw new ProtocolError(H2Error.FRAME_SIZE_ERROR, `a frame of type ${type} with ${payload.length} bytes`);
    switch (type) {
      case DATA: {
        const data = unpad(flags, payload);
        this.connectionReceive -= payload.length;
        const stream = this.streams.get(id);
        if (stream) {
          stream.receiveWindow -= payload.length;
          if (data.length > 0) stream.emit('data', data);
          if (flags & END_STREAM) this.remoteEnd(stream);
          else if (!stream.closed && stream.receiveWindow <= this.streamWindow / 2) {
            this.write(windowUpdate(id, this.streamWindow - stream.receiveWindow));
            stream.receiveWindow = this.streamWindow;
          }
        }
        // the connection's window is given back whether or not the stream is still there
        if (this.connectionReceive <= this.connectionWindow / 2) {
          this.write(windowUpdate(0, this.connectionWindow - this.connectionReceive));
          this.connectionReceive = this.connectionWindow;
        }
        return;
      }
      case HEADERS: {
        let fragment = unpad(flags, payload);
        if (flags & PRIORITY_FLAG) fragment = fragment.subarray(5);
        const endStream = (flags & END_STREAM) !== 0;
        if (flags & END_HEADERS) this.onHeaders(id, endStream, fragment);
        else this.continuing = { id, endStream, fragments: [Buffer.from(fragment)] };
        return;
      }
      case CONTINUATION: {
        const continuing = this.continuing;
        if (!continuing || continuing.id !== id)
          throw new ProtocolError(H2Error.PROTOCOL_ERROR, 'an unexpected CONTINUATION frame');
        continuing.fragments.push(Buffer.from(payload));
        if (flags & END_HEADERS) {
          this.continuing = undefined;
          this.onHeaders(id, continuing.endStream, Buffer.concat(continuing.fragments));
        }
        return;
      }
      case RST_STREAM: {
        const stream = this.streams.get(id);
        if (!stream) return;
        const code = payload.readUInt32BE(0);
        stream.rstCode = code;
        this.end(
          stream,
          code === H2Error.NO_ERROR ? undefined : new Error(`Stream closed with error code ${h2ErrorName(code)}`),
        );
        return;
      }
      case SETTINGS:
        if (flags & ACK) return;
        this.onSettings(payload);
        this.write(frame(SETTINGS, ACK, 0, Buffer.alloc(0)));
        return;
      case PUSH_PROMISE:
        throw new ProtocolError(H2Error.PROTOCOL_ERROR, 'a PUSH_PROMISE, with push disabled');
      case PING:
        if (!(flags & ACK)) this.write(frame(PING, ACK, 0, payload));
        return;
      case GOAWAY: {
        const last = payload.readUInt32BE(0) & 0x7fffffff;
        const code = payload.readUInt32BE(4);
        this.goneAway = true;
        if (code !== H2Error.NO_ERROR) {
          const debug = payload.subarray(8).toString('utf8');
          this.destroy(
            new Error(`the server closed the connection (GOAWAY ${h2ErrorName(code)}${debug ? `: ${debug}` : ''})`),
          );
          return;
        }
        // streams the server never started may be sent again, on a new connection
        for (const stream of [...this.streams.values()]) {
          if (stream.id <= last) continue;
          stream.rstCode = H2Error.REFUSED_STREAM;
          this.end(stream, new Error('the server closed the connection before taking the call (GOAWAY)'));
        }
        if (this.streams.size === 0) this.finish();
        return;
      }
      case WINDOW_UPDATE: {
        const increment = payload.readUInt32BE(0) & 0x7fffffff;
        if (id === 0) {
          this.connectionSend += increment;
          for (const stream of this.streams.values()) if (stream.pending) this.flush(stream);
        } else {
          const stream = this.streams.get(id);
          if (!stream) return;
          stream.sendWindow += increment;
          this.flush(stream);
        }
        return;
      }
      default:
      // PRIORITY, and frame types this side does not know, are ignored (§5.5)
    }
  }

  private onHeaders(id: number, endStream: boolean, block: Buffer): void {
    // decoded even for a stream that is gone: the dynamic table must follow every block
    let fields: HeaderField[];
    try {
      fields = this.decoder.decode(block);
    } catch (error) {
      throw new ProtocolError(H2Error.COMPRESSION_ERROR, (error as Error).message);
    }
    const stream = this.streams.get(id);
    if (!stream) return;
    const record = toRecord(fields);
    if (!stream.sawHeaders) {
      stream.sawHeaders = true;
      stream.emit('response', record);
    } else {
      stream.emit('trailers', record);
    }
    if (endStream) this.remoteEnd(stream);
  }

  /** The server ended the stream: the answer is complete, so whatever of the body is unsent stays so. */
  private remoteEnd(stream: H2Stream): void {
    if (!stream.localEnded) this.write(rstStream(stream.id, H2Error.CANCEL));
    this.end(stream);
  }

  private onSettings(payload: Buffer): void {
    if (payload.length % 6 !== 0) throw new ProtocolError(H2Error.FRAME_SIZE_ERROR, 'a SETTINGS frame of odd size');
    for (let at = 0; at < payload.length; at += 6) {
      const key = payload.readUInt16BE(at);
      const value = payload.readUInt32BE(at + 2);
      if (key === SETTINGS_INITIAL_WINDOW_SIZE) {
        if (value > 0x7fffffff) throw new ProtocolError(H2Error.FLOW_CONTROL_ERROR, 'a window over 2^31-1');
        const delta = value - this.peerInitialWindow;
        this.peerInitialWindow = value;
        for (const stream of this.streams.values()) stream.sendWindow += delta;
        if (delta > 0) for (const stream of this.streams.values()) if (stream.pending) this.flush(stream);
      } else if (key === SETTINGS_MAX_FRAME_SIZE) {
        if (value < 16_384 || value > 16_777_215)
          throw new ProtocolError(H2Error.PROTOCOL_ERROR, `SETTINGS_MAX_FRAME_SIZE ${value}`);
        this.peerMaxFrame = value;
      }
      // SETTINGS_HEADER_TABLE_SIZE bounds the peer's decoder table: this side's encoder indexes
      // nothing. The rest (concurrency, header list size) do not matter to a few calls at a time.
    }
  }
}

/** Payload sizes by frame type: exact, or (negative) the least. */
const FIXED_SIZES: Partial<Record<number, number>> = {
  [RST_STREAM]: 4,
  [PING]: 8,
  [GOAWAY]: -8,
  [WINDOW_UPDATE]: 4,
};

class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function frame(type: number, flags: number, id: number, payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(9 + payload.length);
  out.writeUIntBE(payload.length, 0, 3);
  out[3] = type;
  out[4] = flags;
  out.writeUInt32BE(id, 5);
  out.set(payload, 9);
  return out;
}

function windowUpdate(id: number, increment: number): Buffer {
  const payload = Buffer.allocUnsafe(4);
  payload.writeUInt32BE(increment, 0);
  return frame(WINDOW_UPDATE, 0, id, payload);
}

function rstStream(id: number, code: number): Buffer {
  const payload = Buffer.allocUnsafe(4);
  payload.writeUInt32BE(code, 0);
  return frame(RST_STREAM, 0, id, payload);
}

/** A DATA or HEADERS payload without its padding (§6.1). */
function unpad(flags: number, payload: Buffer): Buffer {
  if (!(flags & PADDED)) return payload;
  const padding = payload[0] ?? 0;
  if (padding >= payload.length) throw new ProtocolError(H2Error.PROTOCOL_ERROR, 'padding longer than the frame');
  return payload.subarray(1, payload.length - padding);
}
