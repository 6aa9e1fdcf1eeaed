// The Bearer challenge against a real registry: CNCF Distribution with `auth: token` (started on
// 127.0.0.1 by scripts/local-cluster.sh), whose token service is a small one of this test on
// 127.0.0.1: it checks Basic credentials and signs ES256 JWTs with a self-signed certificate the
// registry trusts (x5c). The client asks it for a token with the challenge's service and scope.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildImageArchive, listTags, pullArtifact, pushImageArchive, RegistryError } from '../src/index.js';

const SCRIPT = fileURLToPath(new URL('../../../scripts/local-cluster.sh', import.meta.url));
const SERVICE = 'helmts-test-registry';
const ISSUER = 'helmts-test-token-service';
const USER = { username: 'ci', password: 'token pass' };

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

describe('registry token auth (Bearer challenge) against a real registry', function () {
  this.timeout(300_000);
  let work: string;
  let registry: string;
  let tokenService: Server;
  /** What the token service was asked: the user (or "" for anonymous) and the scope. */
  const asked: { user: string; scope: string }[] = [];
  const script = (...args: string[]) =>
    execFileSync('bash', [SCRIPT, ...args], {
      encoding: 'utf8',
      env: { ...process.env, HELMTS_CLUSTER_DIR: join(work, 'state'), HELMTS_REGISTRY_AUTH: join(work, 'auth.yml') },
    }).trim();

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'helmts-token-auth-'));
  });

  after(async () => {
    if (registry) script('registry-stop');
    await new Promise((resolve) => (tokenService ? tokenService.close(resolve) : resolve(undefined)));
    rmSync(work, { recursive: true, force: true });
  });

  it('pushes and pulls with a token for the scope asked; wrong or no credentials say so in one line', async () => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=helmts token test',
        '-keyout',
        join(work, 'key.pem'),
        '-out',
        join(work, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const key = createPrivateKey(readFileSync(join(work, 'key.pem')));
    const x5c = new X509Certificate(readFileSync(join(work, 'cert.pem'))).raw.toString('base64');
    tokenService = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://token');
      const auth = req.headers.authorization ?? '';
      const [user, password] = auth.startsWith('Basic ')
        ? Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')
        : ['', ''];
      const scope = url.searchParams.get('scope') ?? '';
      asked.push({ user, scope });
      if (url.searchParams.get('service') !== SERVICE || user !== USER.username || password !== USER.password) {
        res.writeHead(401).end();
        return;
      }
      const access = scope
        .split(' ')
        .filter(Boolean)
        .map((s) => {
          const [type, name, actions] = s.split(':');
          return { type, name, actions: actions.split(',') };
        });
      const now = Math.floor(Date.now() / 1000);
      const header = base64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', x5c: [x5c] }));
      const claims = base64url(
        JSON.stringify({
          iss: ISSUER,
          sub: user,
          aud: SERVICE,
          exp: now + 300,
          nbf: now - 10,
          iat: now,
          jti: randomUUID(),
          access,
        }),
      );
      const signature = sign('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token: `${header}.${claims}.${base64url(signature)}` }));
    });
    await new Promise<void>((resolve) => tokenService.listen(0, '127.0.0.1', resolve));
    const realm = `http://127.0.0.1:${(tokenService.address() as AddressInfo).port}/token`;
    writeFileSync(
      join(work, 'auth.yml'),
      `auth:\n  token:\n    realm: ${realm}\n    service: ${SERVICE}\n    issuer: ${ISSUER}\n    rootcertbundle: ${join(work, 'cert.pem')}\n`,
    );
    registry = script('registry');

    const image = buildImageArchive({
      name: `${registry}/helmts/app:1.0`,
      layers: [[{ type: 'file', path: '/app', data: Buffer.from('app\n'), mode: 0o755 }]],
    });
    // No credentials: the token service refuses the anonymous request, and the push says what to do.
    const config = join(work, 'no-credentials.json');
    await assert.rejects(
      pushImageArchive(image.archive, undefined, { registryConfig: config }),
      (e: Error) =>
        e instanceof RegistryError &&
        new RegExp(`HTTP 401 .*\\(the registry wants credentials: "helmts registry login ${registry}"\\)$`).test(
          e.message,
        ),
    );
    assert.deepEqual(asked.at(-1)?.user, '');
    // Wrong password: refused by the token service, said as refused credentials.
    await assert.rejects(
      pushImageArchive(image.archive, undefined, { credentials: { username: 'ci', password: 'wrong' } }),
      (e: Error) => e instanceof RegistryError && /HTTP 401 .*refused the credentials stored for/.test(e.message),
    );
    // Right ones: a token for pull, then one for pull and push when the upload asks for it.
    // Distribution lists a challenge's actions from a Go map: "pull,push" or "push,pull".
    asked.length = 0;
    const pushed = await pushImageArchive(image.archive, undefined, { credentials: USER });
    assert.equal(pushed.digest, image.manifest.digest);
    assert.ok(asked.every((a) => a.user === 'ci'));
    const actions = (scope: string) => {
      const [type, name, list] = scope.split(':');
      return `${type}:${name}:${(list ?? '').split(',').sort().join(',')}`;
    };
    assert.ok(
      asked.some((a) => actions(a.scope) === 'repository:helmts/app:pull,push'),
      JSON.stringify(asked),
    );
    // And from the credentials file, as `helmts registry login` stores them.
    const stored = join(work, 'config.json');
    writeFileSync(
      stored,
      JSON.stringify({
        auths: { [registry]: { auth: Buffer.from(`${USER.username}:${USER.password}`).toString('base64') } },
      }),
    );
    assert.deepEqual(await listTags(`${registry}/helmts/app`, { registryConfig: stored }), ['1.0']);
    const pulled = await pullArtifact(`${registry}/helmts/app:1.0`, { registryConfig: stored });
    assert.equal(pulled.digest, image.manifest.digest);
  });
});
