// What the client says before and around talking to Tiller, each in one line: an input too large
// for a Tiller request, and a connection error without timestamps or grpc-js's empty "Resolution note:".
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createH2ReleaseClient } from '@helmts/proto/client';
import { runHelmtsAsync } from '@helmts/testkit';
import { after, before, describe, it } from 'mocha';
import { checkRequestSize } from '../src/request-size.js';
import { cleanGrpcDetail, fromRpcError } from '../src/tiller/rpc-error.js';

const webapp = fileURLToPath(new URL('fixtures/webapp', import.meta.url));
const MiB = 1024 * 1024;

describe('client-side limits and connection errors', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'helmts-limits-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a values file over 20 MiB: refused at once, naming the file and the limit', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `blob: "${'x'.repeat(25 * MiB)}"\n`);
    const started = Date.now();
    // nothing listens on the host: the refusal comes before any connection
    const r = await runHelmtsAsync(['install', webapp, '-f', big], { env: { HELMTS_HOST: '127.0.0.1:9' } });
    assert.equal(r.status, 2, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`^Error: -f ${big.replace(/[.]/g, '\\.')} is 25\\.0 MiB, over the 20\\.0 MiB limit\\n`),
    );
    assert.ok(Date.now() - started < 15_000, 'not read, parsed and sent first');
  });

  it('values and chart that only together exceed the limit: says so, with both sizes', async () => {
    const chart = { metadata: { name: 'demo' }, templates: [{ name: 't.yaml', data: Buffer.alloc(12 * MiB) }] };
    await assert.rejects(checkRequestSize(chart, 'v: x\n'.repeat(2 * MiB)), {
      message: 'the chart (12.0 MiB) and the values (10.0 MiB) together are over the 20.0 MiB limit',
    });
    await assert.rejects(checkRequestSize(chart, 'v'.repeat(21 * MiB)), {
      message: 'the values (-f/--set) are 21.0 MiB, over the 20.0 MiB limit',
    });
    const huge = { ...chart, templates: [{ name: 't.yaml', data: Buffer.alloc(21 * MiB) }] };
    await assert.rejects(
      checkRequestSize(huge, ''),
      /^UsageError: the chart "demo" .* is 21\.0 MiB, over the 20\.0 MiB limit$/,
    );
    await checkRequestSize(chart, 'v: 1\n');
  });

  it('a call to a Tiller that is gone: one clean line, no timestamp, no empty "Resolution note:"', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const client = createH2ReleaseClient(`127.0.0.1:${port}`);
    const error = await client.unary('GetVersion', {}, { deadline: Date.now() + 5000 }).catch((e: unknown) => e);
    client.close();
    const message = fromRpcError(error, `127.0.0.1:${port}`).message;
    assert.doesNotMatch(message, /Resolution note|\d{4}-\d\d-\d\dT|\n/);
    assert.match(message, new RegExp(`ECONNREFUSED 127\\.0\\.0\\.1:${port}$`));
    assert.equal(cleanGrpcDetail('x. Resolution note: DNS lookup failed'), 'x (DNS lookup failed)');
    assert.equal(
      cleanGrpcDetail('connect ECONNREFUSED 127.0.0.1:1 (2026-12-04T18:00:00.000Z). Resolution note: '),
      'connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});
