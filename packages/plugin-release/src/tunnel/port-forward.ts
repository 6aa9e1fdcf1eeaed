import { createRequire } from 'node:module';
import { createServer, type Server, type Socket } from 'node:net';

import type { Settings } from '@helmts/core';
import type WebSocketClass from 'ws';

import { apiServerAgent, apiServerTransport } from './api-server-request.js';
import type { ApiServerAccess } from './kubeconfig-access.js';

/**
 * The API server's pods/portforward subresource over WebSocket (the kubelet's "v4.channel.k8s.io"
 * framing): every message starts with a channel byte, channel 0 carries the port's data and
 * channel 1 its errors, and the first message the server sends on each channel is the port number
 * (2 bytes, little-endian). One WebSocket carries one TCP connection, so the local listener opens
 * a WebSocket per accepted connection, as Helm 2's portforwarder opens a stream per connection.
 */
const PROTOCOL = 'v4.channel.k8s.io';
const DATA = 0;
const ERROR = 1;

export interface PortForward {
  /** 127.0.0.1:<port> of the local end */
  address: string;
  /** Why the tunnel broke, once it has (a connection ended from the pod's side or an error). */
  broken(): string | undefined;
  close(): Promise<void>;
}

export interface PortForwardTarget {
  namespace: string;
  pod: string;
  port: number;
}

/**
 * The `ws` client class. Required, not imported: import('ws') goes through Node's ES module loader
 * (its wrapper.mjs), milliseconds of every tunnelled command; the CommonJS entry loads from the
 * compile cache. Loading it still costs ~15 ms (ws, and the zlib and crypto it requires), so the
 * tunnel calls this while its pod lookup is on the wire (see openTillerTunnel).
 */
export function loadWebSocket(): typeof WebSocketClass {
  return createRequire(import.meta.url)('ws') as typeof WebSocketClass;
}

export async function openPortForward(
  settings: Settings,
  access: ApiServerAccess,
  target: PortForwardTarget,
): Promise<PortForward> {
  const WebSocket = loadWebSocket();
  const { tls, headers } = await apiServerTransport(settings, access);
  const url =
    `${access.server.replace(/^http/, 'ws')}/api/v1/namespaces/${encodeURIComponent(target.namespace)}` +
    `/pods/${encodeURIComponent(target.pod)}/portforward?ports=${target.port}`;
  const agent = apiServerAgent(access);
  let brokenReason: string | undefined;
  let closing = false;
  const sockets = new Set<Socket>();

  /**
   * A WebSocket to the pod's port, opened before a local connection needs it, so that its upgrade
   * (API server and kubelet) runs while the command is still getting ready to call Tiller. What it
   * receives before `attach` is kept for the connection it is given to.
   */
  const openChannel = () => {
    const ws = new WebSocket(url, [PROTOCOL], { ...tls, agent, headers, perMessageDeflate: false });
    let socket: Socket | undefined;
    const early: Buffer[] = [];
    const portHeaderSeen = [false, false];
    let errorText = '';
    let failure: string | undefined;
    let ended = false;
    const fail = (reason: string) => {
      if (!socket) {
        failure ??= reason;
        return;
      }
      if (!closing && !brokenReason) brokenReason = reason;
      socket.destroy();
    };
    const closed = () => {
      if (!socket) {
        ended = true;
        return;
      }
      if (errorText) fail(`pod ${target.namespace}/${target.pod}: ${errorText.trim()}`);
      else if (!socket.destroyed && !closing && !brokenReason)
        // The pod side ended a connection the client still holds: the pod went away or restarted.
        brokenReason = `the connection to pod ${target.namespace}/${target.pod} ended (the pod stopped or restarted)`;
      socket.end();
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
          if (socket) socket.write(payload);
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

    const attach = (local: Socket) => {
      socket = local;
      const pending: Buffer[] = [];
      local.on('data', (chunk: Buffer) => {
        const frame = Buffer.concat([Buffer.from([DATA]), chunk]);
        if (ws.readyState === WebSocket.OPEN) ws.send(frame);
        else pending.push(frame);
      });
      local.on('close', () => {
        sockets.delete(local);
        if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.terminate();
      });
      local.on('error', () => ws.terminate());
      const flush = () => {
        for (const frame of pending.splice(0)) ws.send(frame);
      };
      if (ws.readyState === WebSocket.OPEN) flush();
      else ws.on('open', flush);
      for (const payload of early.splice(0)) local.write(payload);
      if (failure) fail(failure);
      else if (ended) closed();
    };
    return { attach, discard: () => ws.terminate() };
  };

  let spare: ReturnType<typeof openChannel> | undefined = openChannel();
  const forward = (socket: Socket) => {
    sockets.add(socket);
    const channel = spare ?? openChannel();
    spare = undefined;
    channel.attach(socket);
  };

  // Without TCP_NODELAY the local end holds back each small write (a TLS record, an HTTP/2 frame)
  // until the client acknowledges the one before, and the client acknowledges late (delayed ACK):
  // ~40 ms of every tunnelled command went there (bench/tiller-tunnel: list 201 -> 162 ms).
  const server: Server = createServer({ noDelay: true }, forward);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    broken: () => brokenReason,
    close() {
      closing = true;
      spare?.discard();
      spare = undefined;
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
