import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as grpc from '@grpc/grpc-js';
import {
  addReleaseService,
  bindServer,
  createTillerGrpcServer,
  type ReleaseServiceHandlers,
  timestampFromDate,
} from '@helmts/proto';

import { buildProject, exampleDir, helmts } from './helmts.js';

const HOUR = 3_600_000;

/** A real gRPC server answering ListReleases only, as a Tiller with three releases would. */
async function startFakeTiller(): Promise<{ server: grpc.Server; address: string; requests: unknown[] }> {
  const requests: unknown[] = [];
  const now = Date.now();
  const release = (name: string, version: number, code: string, deployedHoursAgo: number) => ({
    name,
    namespace: 'default',
    version,
    info: { status: { code }, last_deployed: timestampFromDate(new Date(now - deployedHoursAgo * HOUR)) },
    chart: { metadata: { name: `${name}-chart`, version: '1.2.3' } },
  });
  const handlers = {
    ListReleases(call: grpc.ServerWritableStream<unknown, unknown>) {
      requests.push(call.request);
      call.write({
        count: 2,
        total: 3,
        next: 'db',
        releases: [release('web', 3, 'DEPLOYED', 2), release('cache', 1, 'FAILED', 30)],
      });
      call.write({ count: 1, total: 3, next: '', releases: [release('db', 7, 'DEPLOYED', 24 * 50)] });
      call.end();
    },
  } as unknown as ReleaseServiceHandlers;
  const server = createTillerGrpcServer();
  addReleaseService(server, handlers);
  const port = await bindServer(server, '127.0.0.1:0', grpc.ServerCredentials.createInsecure());
  return { server, address: `127.0.0.1:${port}`, requests };
}

describe('helmts releases age (linked into a core-only helmts)', function () {
  let scratch: string;
  let env: Record<string, string>;
  let tiller: Awaited<ReturnType<typeof startFakeTiller>>;

  before(async () => {
    buildProject(exampleDir);
    scratch = mkdtempSync(join(tmpdir(), 'helmts-hello-'));
    env = {
      HELMTS_CORE_ONLY: '1',
      HELMTS_DATA_DIR: join(scratch, 'data'),
      HELMTS_CACHE_DIR: join(scratch, 'cache'),
      HELMTS_CONFIG_DIR: join(scratch, 'config'),
      HELMTS_HOME: join(scratch, 'home'),
      HELMTS_HOST: '',
      // A linked TypeScript plugin runs from its compiled dist/; oclif says so on every run otherwise.
      OCLIF_DISABLE_LINKED_ESM_WARNING: '1',
    };
    const link = await helmts(['plugins', 'link', exampleDir, '--no-install'], env);
    assert.equal(link.status, 0, link.stderr);
    tiller = await startFakeTiller();
  });
  after(async () => {
    tiller?.server.forceShutdown();
    if (env) await helmts(['plugins', 'unlink', exampleDir], env);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('is listed as a linked plugin and shows its help', async () => {
    assert.match((await helmts(['plugins'], env)).stdout, /helmts-plugin-hello 0\.1\.0 \(link\)/);
    const help = await helmts(['releases', 'age', '--help'], env);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /List releases with their age/);
    assert.match(help.stdout, /releases age --host 127\.0\.0\.1:44134/);
  });

  it('lists the releases Tiller returns, with their ages', async () => {
    const r = await helmts(['releases', 'age', '--host', tiller.address, '--max', '50'], env);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t').map((cell) => cell.trim()));
    assert.deepEqual(lines[0], ['NAME', 'NAMESPACE', 'REVISION', 'STATUS', 'CHART', 'AGE']);
    assert.deepEqual(
      lines.slice(1).map((row) => row.slice(0, 5)),
      [
        ['web', 'default', '3', 'DEPLOYED', 'web-chart-1.2.3'],
        ['cache', 'default', '1', 'FAILED', 'cache-chart-1.2.3'],
        ['db', 'default', '7', 'DEPLOYED', 'db-chart-1.2.3'],
      ],
    );
    // Ages are computed from "now"; each is within a minute of the fake's offsets.
    assert.match(lines[1][5], /^(2h|1h59m)$/);
    assert.equal(lines[2][5], '30h');
    assert.equal(lines[3][5], '50d');
    assert.deepEqual(tiller.requests.at(-1), {
      limit: 50,
      offset: '',
      sort_by: 'LAST_RELEASED',
      filter: '',
      sort_order: 'DESC',
      status_codes: [],
      namespace: '',
    });
  });

  it('prints JSON with -o json and takes the address from HELMTS_HOST', async () => {
    const r = await helmts(['releases', 'age', '-o', 'json'], { ...env, HELMTS_HOST: tiller.address });
    assert.equal(r.status, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { name: string; lastDeployed: string }[];
    assert.deepEqual(
      rows.map((row) => row.name),
      ['web', 'cache', 'db'],
    );
    assert.ok(!Number.isNaN(Date.parse(rows[0].lastDeployed)));
  });

  it('says how to point at Tiller when no address is set', async () => {
    const r = await helmts(['releases', 'age'], env);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^Error: cannot reach Tiller: no Tiller address is configured\nHint: pass --host/);
  });

  it('reports an unreachable Tiller as a connection error', async () => {
    const r = await helmts(['releases', 'age', '--host', '127.0.0.1:1', '--tiller-connection-timeout', '5'], env);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^Error: cannot reach 127\.0\.0\.1:1: /);
  });
});
