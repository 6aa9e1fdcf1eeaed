import type { Server, Socket } from 'node:net';
import { Duplex } from 'node:stream';

import type { Settings } from '@helmts/core';
import type WebSocketClass from 'ws';

import { apiServerAgent, apiServerTransport } from './api-server-request.js';
import type { ApiServerAccess } from './kubeconfig-access.js';

/**
 * The API server's pods/portforward subresource over WebSocket (the kubelet's "v4.channel.k8s.io"
 * framing): every message starts with a channel byte, channel 0 carries the port's data and
 * channel 1 its errors, and the first message the server sends on each channel is the port number
 * (2 bytes, little-endian). One WebSocket carries one TCP connection: `connect()` hands the caller
 * one as a stream (what helmts' own gRPC client dials), and the local listener (`listen()`, for
 * programs given an address: legacy plugins' TILLER_HOST) opens one per accepted connection, as
 * Helm 2's portforwarder opens a stream per connection.
 */
const PROTOCOL = 'v4.channel.k8s.io';
const DATA = 0;
const ERROR = 1;

export interface PortForward {
  /**
   * A connection to the pod's port as a stream, without a local port: no listener to open and no
   * loopback hop (Node compiles its `cluster` module on the first listen: 5-10 ms of a command).
   */
  connect(): Duplex;
  /** Opens (once) a local end on 127.0.0.1 that forwards each connection; resolves to its host:port. */
  listen(): Promise<string>;
  /** Why the tunnel broke, once it has (a connection ended from the pod's side or an error). */
  broken(): string | undefined;
  close(): Promise<void>;
}

/** Where a WebSocket channel delivers what the pod sends, and how it ends that connection. */
interface LocalEnd {
  deliver(payload: Buffer): void;
  /** The pod's side ended the connection. */
  end(): void;
  /** The connection failed: dropped at once. */
  destroy(): void;
  readonly destroyed: boolean;
}

/**
 * One connection through the tunnel as a stream: what is written goes to the pod in channel-0
 * frames, what the pod sends is read. (node:http2 and node:tls take any stream as their connection.)
 */
class TunnelStream extends Duplex {
  constructor(
    private readonly sendToPod: (chunk: Buffer) => void,
    private readonly closeChannel: () => void,
  ) {
    super({ allowHalfOpen: false });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.sendToPod(chunk);
    callback();
  }

  override _read(): void {
    // pushed as the WebSocket's messages arrive
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.closeChannel();
    callback(error);
  }
}

export interface PortForwardTarget {
  namespace: string;
  pod: string;
  port: number;
}

let webSocketClass: Promise<typeof WebSocketClass> | undefined;

/**
 * The `ws` client class (websocket-client.ts), loaded once. Loading it costs milliseconds (ws, and
 * the zlib and crypto it requires), so the tunnel starts it while its pod lookup is on the wire
 * (see openTillerTunnel): a bundled module's import() evaluates in the microtask right after.
 */
export function loadWebSocket(): Promise<typeof WebSocketClass> {
  return (webSocketClass ??= import('./websocket-client.js').then((m) => m.WebSocket));
}

export async function openPortForward(
  settings: Settings,
  access: ApiServerAccess,
  target: PortForwardTarget,
): Promise<PortForward> {
  const WebSocket = await loadWebSocket();
  const { tls, headers } = await apiServerTransport(settings, access);
  const url =
    `${access.server.replace(/^http/, 'ws')}/api/v1/namespaces/${encodeURIComponent(target.namespace)}` +
    `/pods/${encodeURIComponent(target.pod)}/portforward?ports=${target.port}`;
  const agent = apiServerAgent(access);
  let brokenReason: string | undefined;
  let closing = false;
  /** Connections open through the tunnel, streams and accepted sockets alike. */
  const ends = new Set<{ destroy(): void }>();

  /**
   * A WebSocket to the pod's port, opened before a connection needs it, so that its upgrade (API
   * server and kubelet) runs while the command is still getting ready to call Tiller. What it
   * receives before `attach` is kept for the connection it is given to.
   */
  const openChannel = () => {
    const ws = new WebSocket(url, [PROTOCOL], { ...tls, agent, headers, perMessageDeflate: false });
    let local: LocalEnd | undefined;
    const early: Buffer[] = [];
    const pending: Buffer[] = [];
    const portHeaderSeen = [false, false];
    let errorText = '';
    let failure: string | undefined;
    let ended = false;
    const fail = (reason: string) => {
      if (!local) {
        failure ??= reason;
        return;
      }
      if (!closing && !brokenReason) brokenReason = reason;
      local.destroy();
    };
    const closed = () => {
      if (!local) {
        ended = true;
        return;
      }
      if (errorText) fail(`pod ${target.namespace}/${target.pod}: ${errorText.trim()}`);
      else if (!local.destroyed && !closing && !brokenReason)
        // The pod side ended a connection the client still holds: the pod went away or restarted.
        brokenReason = `the connection to pod ${target.namespace}/${target.pod} ended (the pod stopped or restarted)`;
      local.end();
    };
    ws.on('message', (message: Buffer, isBinary: boolean) => {
      const data = isBinary ? message : Buffer.from(message);
      if (data.length === 0) return;
      const channel = data[0];
      let payload = data.subarray(1);
      if (channel === DATA || channel === ERROR) {
        if (!portHeaderSeen[channel]) {
          portHeaderSeen[channel] = true;
          payload = payload.subarray(2);
        }
        if (channel === DATA) {
          if (payload.length === 0) return;
          if (local) local.deliver(payload);
          else early.push(payload);
        } else errorText += payload.toString('utf8');
      }
    });
    ws.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let message = Buffer.concat(chunks).toString('utf8').trim();
        try {
          message = (JSON.parse(message) as { message?: string }).message ?? message;
        } catch {
          // not a Status object
        }
        fail(`port-forward to pod ${target.namespace}/${target.pod} refused: HTTP ${res.statusCode} ${message}`);
      });
    });
    ws.on('error', (error) => fail(`port-forward to pod ${target.namespace}/${target.pod}: ${error.message}`));
    ws.on('close', closed);
    ws.once('open', () => {
      for (const frame of pending.splice(0)) ws.send(frame);
    });

    /** What the connection sends, as a channel-0 frame: sent now, or once the upgrade is through. */
    const send = (chunk: Buffer) => {
      const frame = Buffer.concat([Buffer.from([DATA]), chunk]);
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
      else pending.push(frame);
    };
    const terminate = () => {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.terminate();
    };
    const attach = (end: LocalEnd) => {
      local = end;
      for (const payload of early.splice(0)) end.deliver(payload);
      if (failure) fail(failure);
      else if (ended) closed();
    };
    return { send, terminate, attach };
  };

  let spare: ReturnType<typeof openChannel> | undefined = openChannel();
  const takeChannel = () => {
    const channel = spare ?? openChannel();
    spare = undefined;
    return channel;
  };

  const connect = (): Duplex => {
    const channel = takeChannel();
    const stream = new TunnelStream(channel.send, () => {
      ends.delete(stream);
      channel.terminate();
    });
    ends.add(stream);
    channel.attach({
      deliver: (payload) => stream.push(payload),
      end: () => stream.push(null),
      destroy: () => stream.destroy(),
      get destroyed() {
        return stream.destroyed;
      },
    });
    return stream;
  };

  /** An accepted local connection, forwarded through its own WebSocket. */
  const forward = (socket: Socket) => {
    const channel = takeChannel();
    ends.add(socket);
    socket.on('data', channel.send);
    socket.on('close', () => {
      ends.delete(socket);
      channel.terminate();
    });
    socket.on('error', () => channel.terminate());
    channel.attach({
      deliver: (payload) => socket.write(payload),
      end: () => socket.end(),
      destroy: () => socket.destroy(),
      get destroyed() {
        return socket.destroyed;
      },
    });
  };

  let server: Server | undefined;
  let listening: Promise<string> | undefined;
  const listen = () =>
    (listening ??= (async () => {
      const { createServer } = await import('node:net');
      // Without TCP_NODELAY the local end holds back each small write (a TLS record, an HTTP/2
      // frame) until the client acknowledges the one before, and the client acknowledges late
      // (delayed ACK): ~40 ms of every tunnelled command went there (list 201 -> 162 ms).
      const listener = createServer({ noDelay: true }, forward);
      server = listener;
      await new Promise<void>((resolve, reject) => {
        listener.once('error', reject);
        listener.listen(0, '127.0.0.1', () => resolve());
      });
      return `127.0.0.1:${(listener.address() as { port: number }).port}`;
    })());

  return {
    connect,
    listen,
    broken: () => brokenReason,
    close() {
      closing = true;
      spare?.terminate();
      spare = undefined;
      for (const end of ends) end.destroy();
      ends.clear();
      const listener = server;
      return listener ? new Promise<void>((resolve) => listener.close(() => resolve())) : Promise.resolve();
    },
  };
}
