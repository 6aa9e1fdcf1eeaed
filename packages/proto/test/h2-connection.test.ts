// The HTTP/2 client connection against node:http2's server (nghttp2: Huffman coding, a dynamic
// table, CONTINUATION frames, padding, flow control, PING, RST_STREAM and GOAWAY as a real server
// sends them), and against a server that does not speak HTTP/2 at all.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import * as http2 from 'node:http2';
import { connect as netConnect, createServer, type AddressInfo, type Server } from 'node:net';
import { after, before, describe, it } from 'mocha';
import { H2Connection, H2Error, type H2Fields, type H2Stream } from '../src/h2-connection.js';
import type { HeaderField } from '../src/hpack.js';

/**
 * Every printable ASCII character, so Huffman decoding meets each of their codes (the space inside:
 * a field value may not start or end with one).
 */
const PRINTABLE = `!${Array.from({ length: 93 }, (_, i) => String.fromCharCode(34 + i)).join('')} "`;

interface Answer {
  response?: H2Fields;
  trailers?: H2Fields;
  body: Buffer;
  error?: Error;
  rstCode?: number;
}

/** Collects one stream's answer until 'close'. */
function answer(stream: H2Stream): Promise<Answer> {
  const got: Answer = { body: Buffer.alloc(0) };
  const chunks: Buffer[] = [];
  stream.on('response', (fields: H2Fields) => (got.response = fields));
  stream.on('trailers', (fields: H2Fields) => (got.trailers = fields));
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('error', (error: Error) => (got.error = error));
  return new Promise((resolve) =>
    stream.once('close', () => {
      got.body = Buffer.concat(chunks);
      got.rstCode = stream.rstCode;
      resolve(got);
    }),
  );
}

function request(path: string, extra: HeaderField[] = []): HeaderField[] {
  return [[':method', 'POST'], [':scheme', 'http'], [':path', path], [':authority', 'test'], ...extra];
}

describe('the HTTP/2 client connection', function () {
  this.timeout(30_000);
  let server: http2.Http2Server;
  let port: number;
  const pings: number[] = [];

  before(async () => {
    server = http2.createServer({ paddingStrategy: http2.constants.PADDING_STRATEGY_MAX });
    server.on('stream', (stream, headers) => {
      const path = String(headers[':path']);
      // a stream the client resets ends in an error here: expected
      stream.on('error', () => undefined);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const body = Buffer.concat(chunks);
        if (path === '/echo') {
          // request headers back as response headers and as trailers, the body's digest as the body
          const echoed: Record<string, string> = {};
          for (const [k, v] of Object.entries(headers)) if (k.startsWith('x-')) echoed[k] = String(v);
          stream.respond({ ':status': 200, ...echoed }, { waitForTrailers: true });
          stream.on('wantTrailers', () => stream.sendTrailers({ 'x-length': String(body.length), ...echoed }));
          stream.end(createHash('sha256').update(body).digest('hex'));
        } else if (path === '/big') {
          stream.respond({ ':status': 200 });
          stream.end(Buffer.alloc(Number(headers['x-size']), 'z'));
        } else if (path === '/refuse') {
          stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
        } else if (path === '/ping') {
          stream.session?.ping((error, duration) => {
            if (!error) pings.push(duration);
            stream.respond({ ':status': 200 });
            stream.end('pong');
          });
        }
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  after(() => server?.close());

  const open = () =>
    new H2Connection(netConnect(port, '127.0.0.1'), { streamWindow: 1 << 20, connectionWindow: 2 << 20 });

  it('carries header fields both ways through Huffman coding and a dynamic table that evicts', async () => {
    const connection = open();
    try {
      // 40 requests with distinct values: the server's 4 KiB table keeps indexing and evicting
      for (let i = 0; i < 40; i++) {
        const fields: HeaderField[] = [
          ['x-printable', PRINTABLE],
          ['x-count', `${i}-${'n'.repeat(i * 7)}`],
        ];
        const got = await answer(connection.request(request('/echo', fields), Buffer.from(`body ${i}`)));
        assert.equal(got.response?.[':status'], '200');
        assert.equal(got.response?.['x-printable'], PRINTABLE);
        assert.equal(got.trailers?.['x-count'], fields[1]![1]);
        assert.equal(got.trailers?.['x-length'], String(`body ${i}`.length));
        assert.equal(got.body.toString(), createHash('sha256').update(`body ${i}`).digest('hex'));
      }
    } finally {
      connection.close();
    }
  });

  it('sends a header block larger than a frame in CONTINUATION frames, and reads one', async () => {
    const connection = open();
    try {
      const huge = 'h'.repeat(40_000);
      const got = await answer(connection.request(request('/echo', [['x-huge', huge]]), Buffer.from('x')));
      assert.equal(got.response?.['x-huge'], huge);
      assert.equal(got.trailers?.['x-huge'], huge);
    } finally {
      connection.close();
    }
  });

  it('keeps to flow control both ways: a body and an answer larger than every window', async () => {
    const connection = open();
    try {
      const body = Buffer.alloc(3 * 1024 * 1024, 'q');
      const sent = await answer(connection.request(request('/echo'), body));
      assert.equal(sent.trailers?.['x-length'], String(body.length));
      const size = 5 * 1024 * 1024;
      const [first, second] = await Promise.all([
        answer(connection.request(request('/big', [['x-size', String(size)]]), Buffer.alloc(0))),
        answer(connection.request(request('/big', [['x-size', String(size)]]), Buffer.alloc(0))),
      ]);
      assert.equal(first.body.length, size);
      assert.equal(second.body.length, size);
    } finally {
      connection.close();
    }
  });

  it("answers the server's PING and takes its RST_STREAM as the stream's end with an error", async () => {
    const connection = open();
    try {
      const pong = await answer(connection.request(request('/ping'), Buffer.alloc(0)));
      assert.equal(pong.body.toString(), 'pong');
      assert.equal(pings.length, 1);
      const refused = await answer(connection.request(request('/refuse'), Buffer.alloc(0)));
      assert.equal(refused.rstCode, H2Error.REFUSED_STREAM);
      assert.match(String(refused.error?.message), /REFUSED_STREAM/);
      // the connection serves on
      assert.equal((await answer(connection.request(request('/ping'), Buffer.alloc(0)))).body.toString(), 'pong');
    } finally {
      connection.close();
    }
  });

  it('cancels a stream with RST_STREAM; close() sends GOAWAY once the streams are done', async () => {
    const connection = open();
    const stream = connection.request(request('/big', [['x-size', String(8 << 20)]]), Buffer.alloc(0));
    const got = answer(stream);
    stream.once('data', () => stream.close(H2Error.CANCEL));
    assert.ok((await got).body.length < 8 << 20);
    const closed = once(connection, 'close');
    connection.close();
    assert.equal(connection.usable, false);
    await closed;
  });

  it('refuses to go on with a server that does not speak HTTP/2', async () => {
    const liar: Server = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    liar.listen(0, '127.0.0.1');
    await once(liar, 'listening');
    try {
      const connection = new H2Connection(netConnect((liar.address() as AddressInfo).port, '127.0.0.1'));
      let failure: Error | undefined;
      connection.on('error', (error: Error) => (failure = error));
      const got = await answer(connection.request(request('/echo'), Buffer.from('x')));
      assert.equal(got.response, undefined);
      assert.match(String(failure?.message ?? got.error?.message), /HTTP\/2|frame/);
    } finally {
      liar.close();
    }
  });
});
