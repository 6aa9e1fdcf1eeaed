// Helm 2's record payload built and read straight from the hapi .proto files with protobufjs and
// zlib — deliberately not through @helmts/proto's codec or our record functions — so the tests
// check our format against the protocol rather than against itself.
import { gunzipSync, gzipSync } from 'node:zlib';
import protobuf from 'protobufjs';
import { HAPI_PROTO_DIR } from '@helmts/proto';

let releaseType: protobuf.Type | undefined;

function helm2ReleaseType(): protobuf.Type {
  if (!releaseType) {
    const root = new protobuf.Root();
    root.resolvePath = (origin, target) =>
      target.startsWith('hapi/') ? `${HAPI_PROTO_DIR}/${target}` : protobuf.util.path.resolve(origin, target);
    root.loadSync(`${HAPI_PROTO_DIR}/hapi/release/release.proto`, { keepCase: true });
    releaseType = root.lookupType('hapi.release.Release');
  }
  return releaseType;
}

/** `data.release` as Helm 2's ConfigMap driver writes it: base64(gzip-9(protobuf Release)). */
export function helm2RecordPayload(release: Record<string, unknown>, options: { gzip?: boolean } = {}): string {
  const type = helm2ReleaseType();
  const err = type.verify(release);
  if (err) throw new Error(`fixture is not a valid Release: ${err}`);
  const proto = type.encode(type.fromObject(release)).finish();
  const body = options.gzip === false ? Buffer.from(proto) : gzipSync(proto, { level: 9 });
  return body.toString('base64');
}

/** Reads a payload the way Helm 2 does, returning the plain protobufjs object (enums as numbers). */
export function helm2ReadPayload(payload: string): Record<string, unknown> {
  const bytes = Buffer.from(payload, 'base64');
  const proto = bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08 ? gunzipSync(bytes) : bytes;
  const type = helm2ReleaseType();
  return type.toObject(type.decode(proto), { longs: Number, defaults: false }) as Record<string, unknown>;
}

/** A Helm 2 release revision in protobufjs form: enums as numbers, as Go sees them. */
export function helm2Release(name: string, version: number, statusCode: number): Record<string, unknown> {
  return {
    name,
    version,
    namespace: 'legacy',
    manifest: '---\n# Source: old/templates/svc.yaml\nkind: Service\n',
    config: { raw: 'image: nginx\n' },
    info: {
      status: { code: statusCode, notes: 'old notes' },
      first_deployed: { seconds: 1_500_000_000, nanos: 1 },
      last_deployed: { seconds: 1_500_000_500, nanos: 2 },
      Description: 'Install complete',
    },
    chart: {
      metadata: {
        name: 'old',
        version: '2.3.4',
        apiVersion: 'v1',
        maintainers: [{ name: 'Bo', email: 'bo@example.com' }],
      },
      templates: [{ name: 'templates/svc.yaml', data: Buffer.from('kind: Service\n') }],
      files: [{ type_url: 'files/blob.bin', value: Buffer.from([1, 2, 3]) }],
    },
    hooks: [{ name: 'pre', kind: 'Job', events: [1, 5], delete_policies: [2], weight: -1 }],
  };
}
