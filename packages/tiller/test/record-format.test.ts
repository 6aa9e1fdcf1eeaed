import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  decodeReleaseRecord,
  encodeReleaseRecord,
  InvalidReleaseKeyError,
  parseRecordKey,
  recordKey,
  releaseLabels,
} from '../src/index.js';
import { helm2ReadPayload, helm2RecordPayload, helm2Release } from './helm2-record.js';
import { sampleRelease } from './sample-release.js';

describe('release record format (Helm 2 compatible)', () => {
  it('decodes a record payload built from the protocol as Helm 2 writes it', () => {
    const payload = helm2RecordPayload(helm2Release('legacy-app', 4, 3));
    const rel = decodeReleaseRecord(payload);
    assert.equal(rel.name, 'legacy-app');
    assert.equal(rel.version, 4);
    assert.equal(rel.namespace, 'legacy');
    assert.equal(rel.info?.status?.code, 'SUPERSEDED');
    assert.equal(rel.info?.status?.notes, 'old notes');
    assert.equal(rel.info?.Description, 'Install complete');
    assert.deepEqual(rel.info?.first_deployed, { seconds: 1_500_000_000, nanos: 1 });
    assert.equal(rel.config?.raw, 'image: nginx\n');
    assert.equal(rel.chart?.metadata?.version, '2.3.4');
    assert.deepEqual(rel.chart?.metadata?.maintainers, [{ name: 'Bo', email: 'bo@example.com', url: '' }]);
    assert.equal(rel.chart?.files[0]?.type_url, 'files/blob.bin');
    assert.deepEqual([...rel.chart!.files[0]!.value], [1, 2, 3]);
    assert.deepEqual(rel.hooks[0]?.events, ['PRE_INSTALL', 'PRE_UPGRADE']);
    assert.deepEqual(rel.hooks[0]?.delete_policies, ['BEFORE_HOOK_CREATION']);
    assert.equal(rel.hooks[0]?.weight, -1);
  });

  it('decodes a legacy record holding uncompressed protobuf', () => {
    const rel = decodeReleaseRecord(helm2RecordPayload(helm2Release('very-old', 1, 1), { gzip: false }));
    assert.equal(rel.name, 'very-old');
    assert.equal(rel.info?.status?.code, 'DEPLOYED');
  });

  it('writes a payload Helm 2 reads: base64 of gzip (level 9) of the protobuf Release', () => {
    const payload = encodeReleaseRecord(sampleRelease('ours', 3, 'PENDING_UPGRADE'));
    assert.match(payload, /^[A-Za-z0-9+/]+={0,2}$/, 'standard base64, padded, no line breaks');
    const gz = Buffer.from(payload, 'base64');
    assert.deepEqual([...gz.subarray(0, 3)], [0x1f, 0x8b, 0x08], 'gzip, deflate');
    assert.equal(gz[8], 2, 'gzip XFL = 2: maximum compression');
    const read = helm2ReadPayload(payload) as {
      name: string;
      version: number;
      info: { status: { code: number }; Description: string; last_deployed: { seconds: number; nanos: number } };
      chart: { metadata: { name: string }; files: { type_url: string; value: Uint8Array }[] };
      hooks: { events: number[] }[];
    };
    assert.equal(read.name, 'ours');
    assert.equal(read.version, 3);
    assert.equal(read.info.status.code, 7, 'PENDING_UPGRADE on the wire');
    assert.equal(read.info.Description, 'Upgrade complete');
    assert.deepEqual(read.info.last_deployed, { seconds: 1_700_000_003, nanos: 500 });
    assert.equal(read.chart.metadata.name, 'demo');
    assert.equal(read.chart.files[0]!.type_url, 'README.md');
    assert.deepEqual(read.hooks[0]!.events, [2]);
  });

  it('round-trips through our own encoder and decoder', () => {
    const rel = decodeReleaseRecord(encodeReleaseRecord(sampleRelease('loop', 9, 'DELETED')));
    assert.equal(rel.info?.status?.code, 'DELETED');
    assert.equal(decodeReleaseRecord(encodeReleaseRecord(rel)).manifest, rel.manifest);
  });

  it('rejects a payload that is not a release', () => {
    assert.throws(() => decodeReleaseRecord(Buffer.from([0x1f, 0x8b, 0x08, 0, 0]).toString('base64')));
  });

  it('keys records <name>.v<revision>', () => {
    assert.equal(recordKey('myapp', 3), 'myapp.v3');
    assert.deepEqual(parseRecordKey('my.app.v12'), { name: 'my.app', revision: 12 });
    assert.throws(() => parseRecordKey('myapp.3'), InvalidReleaseKeyError);
  });

  it('labels records NAME, OWNER=TILLER, STATUS, VERSION', () => {
    assert.deepEqual(releaseLabels(sampleRelease('lab', 2, 'FAILED')), {
      NAME: 'lab',
      OWNER: 'TILLER',
      STATUS: 'FAILED',
      VERSION: '2',
    });
    assert.equal(releaseLabels({ name: 'n', version: 1, info: { status: { code: 6 } } }).STATUS, 'PENDING_INSTALL');
    assert.equal(releaseLabels({ name: 'n', version: 1 }).STATUS, 'UNKNOWN');
  });
});
