// The ConfigMap and Secret drivers against the real local kube-apiserver (testkit).
import assert from 'node:assert/strict';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { ensureCluster, kubeConfigFor, uniqueNamespace } from '@helmts/testkit';
import { after, before, describe, it } from 'mocha';
import {
  ConfigMapDriver,
  KubeRecordDriver,
  ReleaseExistsError,
  SecretDriver,
  Storage,
  StorageConflictError,
  StorageError,
  type KubeRecordDriverOptions,
} from '../src/index.js';
import { driverContract } from './driver-contract.js';
import { helm2ReadPayload, helm2RecordPayload, helm2Release } from './helm2-record.js';
import { sampleRelease } from './sample-release.js';
import { storageBehaviour } from './storage-behaviour.js';

interface Kind {
  title: string;
  make: (o: KubeRecordDriverOptions) => KubeRecordDriver;
  /** Reads the raw object's labels and `data.release` as the API returns it. */
  read: (
    core: CoreV1Api,
    name: string,
    namespace: string,
  ) => Promise<{ labels: Record<string, string>; data: Record<string, string>; type?: string }>;
  /** Writes a raw object as Helm 2's Tiller would. */
  write: (
    core: CoreV1Api,
    name: string,
    namespace: string,
    labels: Record<string, string>,
    payload: string,
  ) => Promise<unknown>;
  /** The base64 payload text from the API's `data.release`. */
  payload: (wire: string) => string;
}

const kinds: Kind[] = [
  {
    title: 'ConfigMapDriver',
    make: (o) => new ConfigMapDriver(o),
    read: async (core, name, namespace) => {
      const cm = await core.readNamespacedConfigMap({ name, namespace });
      return { labels: cm.metadata?.labels ?? {}, data: cm.data ?? {} };
    },
    write: (core, name, namespace, labels, payload) =>
      core.createNamespacedConfigMap({ namespace, body: { metadata: { name, labels }, data: { release: payload } } }),
    payload: (wire) => wire,
  },
  {
    title: 'SecretDriver',
    make: (o) => new SecretDriver(o),
    read: async (core, name, namespace) => {
      const s = await core.readNamespacedSecret({ name, namespace });
      return { labels: s.metadata?.labels ?? {}, data: s.data ?? {}, type: s.type };
    },
    write: (core, name, namespace, labels, payload) =>
      core.createNamespacedSecret({
        namespace,
        body: { metadata: { name, labels }, data: { release: Buffer.from(payload).toString('base64') } },
      }),
    payload: (wire) => Buffer.from(wire, 'base64').toString('utf8'),
  },
];

for (const kind of kinds) {
  describe(`${kind.title} against the apiserver @cluster`, () => {
    let kc: KubeConfig;
    let core: CoreV1Api;
    const namespace = uniqueNamespace(`tiller-${kind.title.slice(0, 6).toLowerCase()}`);
    const warnings: string[] = [];
    const options = (): KubeRecordDriverOptions => ({ namespace, kubeConfig: kc, onWarning: (m) => warnings.push(m) });

    before(async () => {
      kc = kubeConfigFor(await ensureCluster());
      core = kc.makeApiClient(CoreV1Api);
      await core.createNamespace({ body: { metadata: { name: namespace } } });
    });

    after(async () => {
      await core?.deleteNamespace({ name: namespace }).catch(() => {});
    });

    describe('driver contract', () => driverContract(() => kind.make(options())));
    describe('Storage helpers and pruning', () => storageBehaviour(() => kind.make(options())));

    it('writes Helm 2’s object: name, labels, single `release` data key, payload format', async () => {
      const before = Math.floor(Date.now() / 1000);
      const d = kind.make(options());
      const rel = sampleRelease('fmt-a', 1, 'PENDING_INSTALL');
      await d.create('fmt-a.v1', rel);
      const raw = await kind.read(core, 'fmt-a.v1', namespace);
      const { CREATED_AT, ...rest } = raw.labels;
      assert.deepEqual(rest, { NAME: 'fmt-a', OWNER: 'TILLER', STATUS: 'PENDING_INSTALL', VERSION: '1' });
      assert.ok(
        Number(CREATED_AT) >= before && Number(CREATED_AT) <= Math.ceil(Date.now() / 1000),
        `CREATED_AT=${CREATED_AT}`,
      );
      assert.deepEqual(Object.keys(raw.data), ['release']);
      if (kind.title === 'SecretDriver') assert.equal(raw.type, 'Opaque');
      const text = kind.payload(raw.data.release!);
      assert.match(text, /^H4sI/, 'base64 of a gzip stream');
      const decoded = helm2ReadPayload(text) as { name: string; info: { status: { code: number } } };
      assert.equal(decoded.name, 'fmt-a');
      assert.equal(decoded.info.status.code, 6);

      rel.info!.status!.code = 'DEPLOYED';
      await d.update('fmt-a.v1', rel);
      const updated = await kind.read(core, 'fmt-a.v1', namespace);
      assert.equal(updated.labels.STATUS, 'DEPLOYED');
      assert.ok(updated.labels.MODIFIED_AT, 'MODIFIED_AT set on update');
      assert.equal(updated.labels.CREATED_AT, undefined, 'Helm 2 rewrites the label set on update');
    });

    it('reads records written by Helm 2’s Tiller', async () => {
      const labels = {
        NAME: 'fmt-legacy',
        OWNER: 'TILLER',
        STATUS: 'DEPLOYED',
        VERSION: '4',
        CREATED_AT: '1500000000',
      };
      await kind.write(core, 'fmt-legacy.v4', namespace, labels, helm2RecordPayload(helm2Release('fmt-legacy', 4, 1)));
      await kind.write(
        core,
        'fmt-legacy.v3',
        namespace,
        { ...labels, STATUS: 'SUPERSEDED', VERSION: '3' },
        helm2RecordPayload(helm2Release('fmt-legacy', 3, 3)),
      );
      const storage = new Storage(kind.make(options()));
      const deployed = await storage.deployed('fmt-legacy');
      assert.equal(deployed.version, 4);
      assert.equal(deployed.namespace, 'legacy');
      assert.equal(deployed.chart?.metadata?.version, '2.3.4');
      assert.deepEqual(
        (await storage.history('fmt-legacy')).map((r) => r.info?.status?.code),
        ['SUPERSEDED', 'DEPLOYED'],
      );
      // ...and updates them (a Helm 2 Tiller reading them back is covered by the payload check above).
      deployed.info!.status!.code = 'SUPERSEDED';
      await storage.update(deployed);
      const raw = await kind.read(core, 'fmt-legacy.v4', namespace);
      assert.equal(
        (helm2ReadPayload(kind.payload(raw.data.release!)) as { info: { status: { code: number } } }).info.status.code,
        3,
      );
    });

    it('two Tillers (driver instances) cannot both win an update', async () => {
      const tillerA = kind.make(options());
      const tillerB = kind.make(options());
      await tillerA.create('fmt-race.v1', sampleRelease('fmt-race', 1, 'PENDING_UPGRADE'));
      const a = await tillerA.get('fmt-race.v1');
      const b = await tillerB.get('fmt-race.v1');
      a.info!.status!.code = 'DEPLOYED';
      b.info!.status!.code = 'FAILED';
      await tillerA.update('fmt-race.v1', a);
      await assert.rejects(tillerB.update('fmt-race.v1', b), StorageConflictError);
      await assert.rejects(tillerB.create('fmt-race.v1', b), ReleaseExistsError);
      assert.equal((await tillerB.get('fmt-race.v1')).info?.status?.code, 'DEPLOYED');
    });

    it('list skips records it cannot decode, with a warning', async () => {
      await kind.write(
        core,
        'fmt-junk.v1',
        namespace,
        { NAME: 'fmt-junk', OWNER: 'TILLER', STATUS: 'DEPLOYED', VERSION: '1' },
        'bm90IGEgcmVsZWFzZQ==',
      );
      const d = kind.make(options());
      const all = await d.list();
      assert.ok(!all.some((r) => r.name === 'fmt-junk'));
      assert.ok(all.some((r) => r.name === 'fmt-a'));
      assert.ok(
        warnings.some((w) => w.includes('fmt-junk.v1')),
        warnings.join('\n'),
      );
      await assert.rejects(d.get('fmt-junk.v1'), /cannot decode/);
    });

    it('lists across pages', async () => {
      const d = kind.make({ ...options(), listPageSize: 2 });
      for (let v = 1; v <= 5; v++) await d.create(`fmt-page.v${v}`, sampleRelease('fmt-page', v, 'SUPERSEDED'));
      assert.deepEqual(
        (await d.query({ NAME: 'fmt-page' })).map((r) => r.version),
        [1, 2, 3, 4, 5],
      );
    });

    it('reports a record the apiserver refuses (over 1 MiB) as a StorageError with its reason', async () => {
      const d = kind.make(options());
      const big = sampleRelease('fmt-big', 1);
      // Random bytes do not compress: the record ends up well over the object size limit.
      big.chart!.files = [
        {
          type_url: 'blob.bin',
          value: Buffer.from(Array.from({ length: 1_600_000 }, () => Math.floor(Math.random() * 256))),
        },
      ];
      await assert.rejects(d.create('fmt-big.v1', big), (e: Error) => {
        assert.ok(e instanceof StorageError && !(e instanceof ReleaseExistsError), String(e));
        assert.match(e.message, /fmt-big\.v1/);
        return true;
      });
    });

    it('refuses label values that could alter the selector', async () => {
      const d = kind.make(options());
      await assert.rejects(d.query({ NAME: 'x,OWNER!=TILLER' }), /invalid label value/);
    });
  });
}
