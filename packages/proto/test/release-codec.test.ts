// The storage payload is raw protobuf of hapi.release.Release. These tests build and read the wire
// format by field number (protobufjs Writer/Reader, no .proto), independently of the codec under test.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import protobuf from 'protobufjs';
import { decodeRelease, encodeRelease, loadHapi, type ReleaseInput } from '../src/index.js';

const LEN = 2;
const VARINT = 0;

function message(build: (w: protobuf.Writer) => void): Uint8Array {
  const w = protobuf.Writer.create();
  build(w);
  return w.finish();
}
const str = (w: protobuf.Writer, field: number, s: string) => w.uint32((field << 3) | LEN).string(s);
const bytes = (w: protobuf.Writer, field: number, b: Uint8Array) => w.uint32((field << 3) | LEN).bytes(b);
const varint = (w: protobuf.Writer, field: number, n: number) => w.uint32((field << 3) | VARINT).int64(n);

/** A release as Go's proto.Marshal would lay it out, from the field numbers of reference §1.4–1.5. */
function helm2WireRelease(): Uint8Array {
  const timestamp = (seconds: number, nanos: number) =>
    message((w) => {
      varint(w, 1, seconds);
      if (nanos !== 0) varint(w, 2, nanos);
    });
  const status = message((w) => {
    varint(w, 1, 3); // SUPERSEDED
    str(w, 4, 'Thank you for installing.');
  });
  const info = message((w) => {
    bytes(w, 1, status);
    bytes(w, 2, timestamp(1_600_000_000, 123_000_000));
    bytes(w, 3, timestamp(1_600_000_100, 0));
    str(w, 5, 'Upgrade complete');
  });
  const metadata = message((w) => {
    str(w, 1, 'mychart');
    str(w, 4, '0.1.0');
    str(w, 5, 'A chart');
    str(w, 6, 'web');
    str(w, 6, 'db');
    bytes(
      w,
      7,
      message((m) => {
        str(m, 1, 'Ann');
        str(m, 2, 'ann@example.com');
      }),
    );
    str(w, 8, 'gotpl');
    str(w, 10, 'v1');
    str(w, 13, '1.16');
    // map<string,string> entry: key=1, value=2
    bytes(
      w,
      16,
      message((e) => {
        str(e, 1, 'team');
        str(e, 2, 'blue');
      }),
    );
  });
  const chart = message((w) => {
    bytes(w, 1, metadata);
    bytes(
      w,
      2,
      message((t) => {
        str(t, 1, 'templates/deployment.yaml');
        bytes(t, 2, Buffer.from('kind: Deployment\n'));
      }),
    );
    bytes(
      w,
      4,
      message((c) => str(c, 1, 'replicas: 1\n')),
    );
    // Any abused as path + bytes
    bytes(
      w,
      5,
      message((a) => {
        str(a, 1, 'files/app.conf');
        bytes(a, 2, Buffer.from([0, 1, 2, 255]));
      }),
    );
  });
  const hook = message((w) => {
    str(w, 1, 'db-init');
    str(w, 2, 'Job');
    str(w, 3, 'mychart/templates/job.yaml');
    str(w, 4, 'kind: Job\n');
    // repeated enum, packed as proto3 does
    w.uint32((5 << 3) | LEN)
      .fork()
      .int32(1)
      .int32(5)
      .ldelim();
    bytes(w, 6, timestamp(1_600_000_050, 0));
    varint(w, 7, -5);
    w.uint32((8 << 3) | LEN)
      .fork()
      .int32(2)
      .int32(0)
      .ldelim();
    varint(w, 9, 60);
  });
  return message((w) => {
    str(w, 1, 'happy-panda');
    bytes(w, 2, info);
    bytes(w, 3, chart);
    bytes(
      w,
      4,
      message((c) => str(c, 1, 'replicas: 3\n')),
    );
    str(w, 5, '---\n# Source: mychart/templates/deployment.yaml\nkind: Deployment\n');
    bytes(w, 6, hook);
    varint(w, 7, 2);
    str(w, 8, 'default');
  });
}

describe('encodeRelease / decodeRelease', () => {
  it('decodes a Release laid out by field number as Helm 2 writes it', () => {
    const rel = decodeRelease(helm2WireRelease());
    assert.equal(rel.name, 'happy-panda');
    assert.equal(rel.version, 2);
    assert.equal(rel.namespace, 'default');
    assert.equal(rel.manifest, '---\n# Source: mychart/templates/deployment.yaml\nkind: Deployment\n');
    assert.equal(rel.config?.raw, 'replicas: 3\n');
    assert.equal(rel.info?.status?.code, 'SUPERSEDED');
    assert.equal(rel.info?.status?.notes, 'Thank you for installing.');
    assert.deepEqual(rel.info?.first_deployed, { seconds: 1_600_000_000, nanos: 123_000_000 });
    assert.deepEqual(rel.info?.last_deployed, { seconds: 1_600_000_100, nanos: 0 });
    assert.equal(rel.info?.deleted, null);
    assert.equal(rel.info?.Description, 'Upgrade complete');
    const md = rel.chart?.metadata;
    assert.equal(md?.name, 'mychart');
    assert.equal(md?.version, '0.1.0');
    assert.deepEqual(md?.keywords, ['web', 'db']);
    assert.deepEqual(md?.maintainers, [{ name: 'Ann', email: 'ann@example.com', url: '' }]);
    assert.equal(md?.apiVersion, 'v1');
    assert.equal(md?.appVersion, '1.16');
    assert.deepEqual(md?.annotations, { team: 'blue' });
    assert.equal(rel.chart?.templates[0]?.name, 'templates/deployment.yaml');
    assert.equal(Buffer.from(rel.chart!.templates[0]!.data).toString(), 'kind: Deployment\n');
    assert.equal(rel.chart?.values?.raw, 'replicas: 1\n');
    assert.equal(rel.chart?.files[0]?.type_url, 'files/app.conf');
    assert.deepEqual([...rel.chart!.files[0]!.value], [0, 1, 2, 255]);
    const hook = rel.hooks[0]!;
    assert.equal(hook.name, 'db-init');
    assert.equal(hook.kind, 'Job');
    assert.equal(hook.path, 'mychart/templates/job.yaml');
    assert.deepEqual(hook.events, ['PRE_INSTALL', 'PRE_UPGRADE']);
    assert.deepEqual(hook.delete_policies, ['BEFORE_HOOK_CREATION', 'SUCCEEDED']);
    assert.equal(hook.weight, -5);
    assert.equal(hook.delete_timeout, 60);
    assert.deepEqual(hook.last_run, { seconds: 1_600_000_050, nanos: 0 });
  });

  it('writes the field numbers Helm 2 reads', () => {
    const bytesOut = encodeRelease({
      name: 'r1',
      version: 7,
      namespace: 'ns',
      manifest: 'm',
      info: { status: { code: 'PENDING_UPGRADE' }, Description: 'd' },
      hooks: [{ name: 'h', events: ['POST_DELETE'] }],
    });
    const seen: Record<number, unknown> = {};
    const r = protobuf.Reader.create(bytesOut);
    while (r.pos < r.len) {
      const tag = r.uint32();
      const field = tag >>> 3;
      if ((tag & 7) === VARINT) seen[field] = r.int32();
      else seen[field] = r.bytes();
    }
    assert.equal(Buffer.from(seen[1] as Uint8Array).toString(), 'r1');
    assert.equal(seen[7], 7);
    assert.equal(Buffer.from(seen[8] as Uint8Array).toString(), 'ns');
    assert.equal(Buffer.from(seen[5] as Uint8Array).toString(), 'm');
    // info(2) → status(1) → code(1) = 7, Description(5) = "d"
    const info = protobuf.Reader.create(seen[2] as Uint8Array);
    assert.equal(info.uint32(), (1 << 3) | LEN);
    const status = protobuf.Reader.create(info.bytes());
    assert.equal(status.uint32(), (1 << 3) | VARINT);
    assert.equal(status.int32(), 7);
    assert.equal(info.uint32(), (5 << 3) | LEN);
    assert.equal(info.string(), 'd');
    // hooks(6) → name(1), events(5) packed [4]
    const hook = protobuf.Reader.create(seen[6] as Uint8Array);
    assert.equal(hook.uint32(), (1 << 3) | LEN);
    assert.equal(hook.string(), 'h');
    assert.equal(hook.uint32(), (5 << 3) | LEN);
    assert.deepEqual([...hook.bytes()], [4]);
  });

  it('round-trips a full release', () => {
    const input: ReleaseInput = {
      name: 'full',
      version: 12,
      namespace: 'prod',
      manifest: '---\nkind: ConfigMap\n',
      config: { raw: 'a: 1\n' },
      info: {
        status: {
          code: 'DEPLOYED',
          notes: 'notes',
          last_test_suite_run: {
            started_at: { seconds: 10, nanos: 1 },
            completed_at: { seconds: 20, nanos: 2 },
            results: [{ name: 't1', status: 'SUCCESS', info: 'ok', started_at: { seconds: 11, nanos: 0 } }],
          },
        },
        first_deployed: { seconds: 1, nanos: 0 },
        last_deployed: { seconds: 2, nanos: 0 },
        deleted: { seconds: 3, nanos: 0 },
        Description: 'Rollback to 3',
      },
      chart: {
        metadata: { name: 'c', version: '1.2.3', deprecated: true, kubeVersion: '>=1.10', tillerVersion: '>2.0' },
        dependencies: [
          { metadata: { name: 'sub', version: '0.0.1' }, templates: [{ name: 'templates/x', data: Buffer.from('x') }] },
        ],
      },
      hooks: [{ name: 't', events: ['RELEASE_TEST_SUCCESS', 'CRD_INSTALL'], delete_policies: ['FAILED'], weight: 3 }],
    };
    const out = decodeRelease(encodeRelease(input));
    assert.equal(out.info?.status?.last_test_suite_run?.results[0]?.status, 'SUCCESS');
    assert.deepEqual(out.info?.status?.last_test_suite_run?.completed_at, { seconds: 20, nanos: 2 });
    assert.equal(out.chart?.dependencies[0]?.metadata?.name, 'sub');
    assert.equal(Buffer.from(out.chart!.dependencies[0]!.templates[0]!.data).toString(), 'x');
    assert.equal(out.chart?.metadata?.deprecated, true);
    assert.deepEqual(out.info?.deleted, { seconds: 3, nanos: 0 });
    assert.deepEqual(out.hooks[0]?.events, ['RELEASE_TEST_SUCCESS', 'CRD_INSTALL']);
    // Decoding what we encoded is stable: a second pass gives the same bytes.
    assert.deepEqual(encodeRelease(out), encodeRelease(decodeRelease(encodeRelease(out))));
  });

  it('decodes to the same shape a gRPC handler receives', () => {
    const method = (
      loadHapi()['hapi.services.tiller.ReleaseService'] as Record<
        string,
        { responseSerialize(v: unknown): Buffer; responseDeserialize(b: Buffer): unknown }
      >
    ).GetReleaseContent!;
    const wire = helm2WireRelease();
    // GetReleaseContentResponse{release = 1}: the release bytes as one length-delimited field.
    const response = message((w) => bytes(w, 1, wire));
    const viaGrpc = (method.responseDeserialize(Buffer.from(response)) as { release: unknown }).release;
    assert.deepEqual(viaGrpc, decodeRelease(wire));
    const back = protobuf.Reader.create(method.responseSerialize({ release: decodeRelease(wire) }));
    assert.equal(back.uint32(), (1 << 3) | LEN);
    assert.deepEqual(decodeRelease(back.bytes()), decodeRelease(wire));
  });

  it('re-encodes a decoded Helm 2 release to the very same bytes', () => {
    const wire = helm2WireRelease();
    assert.deepEqual(
      Buffer.from(encodeRelease(decodeRelease(wire))).toString('hex'),
      Buffer.from(wire).toString('hex'),
    );
  });

  it('omits default values as Go does', () => {
    assert.equal(encodeRelease({ name: '', version: 0, info: { status: { code: 'UNKNOWN' } }, hooks: [] }).length, 4);
    assert.deepEqual(
      [...encodeRelease({ version: 0, info: { status: { code: 'UNKNOWN' } } })],
      [0x12, 0x02, 0x0a, 0x00],
    );
  });

  it('rejects bytes that are not a Release', () => {
    assert.throws(() => decodeRelease(Buffer.from([0x0f])));
    assert.throws(() => decodeRelease(Buffer.from([0x38, 0xff])));
  });
});
