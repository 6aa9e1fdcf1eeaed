// Binary protobuf of hapi.release.Release, the payload of every stored release record. protobufjs
// reads the same .proto files as the gRPC layer and converts with the same options, so a decoded
// record has exactly the shape a gRPC handler receives.
import { createRequire } from 'node:module';
import type protobufModule from 'protobufjs';
import { HAPI_ENTRY_PROTO, HAPI_PROTO_DIR } from './hapi.js';
import { hapiWireCodec } from './release-service-definition.js';
import type { Release, ReleaseInput } from './shapes.js';

// Loaded on first use, so that importing this package costs a client nothing.
let protobufLib: typeof protobufModule | undefined;
const lib = () => (protobufLib ??= createRequire(import.meta.url)('protobufjs') as typeof protobufModule);
type Protobuf = typeof protobufModule;

let releaseType: protobufModule.Type | undefined;

function resolveInHapiDir(origin: string, target: string): string {
  // protobufjs resolves imports relative to the importing file; hapi imports are rooted at the
  // proto directory (`import "hapi/chart/chart.proto"`), like protoc -I.
  if (target.startsWith('hapi/')) return `${HAPI_PROTO_DIR}/${target}`;
  return lib().util.path.resolve(origin, target);
}

/** The protobufjs type of hapi.release.Release (loaded once). */
export function releaseMessageType(): protobufModule.Type {
  if (!releaseType) {
    const root = new (lib().Root)();
    root.resolvePath = resolveInHapiDir;
    root.loadSync(`${HAPI_PROTO_DIR}/${HAPI_ENTRY_PROTO}`, { keepCase: true });
    releaseType = root.lookupType('hapi.release.Release');
  }
  return releaseType;
}

/** Same conversions as HAPI_LOADER_OPTIONS in the gRPC layer. */
const TO_OBJECT: protobufModule.IConversionOptions = {
  longs: Number,
  enums: String,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
};

/**
 * Drops fields holding their proto3 default ("" / 0 / false / first enum value / empty bytes), which
 * protobufjs would otherwise write explicitly: Go's proto.Marshal omits them, and so do we, so that a
 * record we write is laid out like one Helm 2 writes.
 */
function withoutDefaults(type: protobufModule.Type, value: Record<string, unknown>): Record<string, unknown> {
  const protobuf: Protobuf = lib();
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    const v = value[field.name];
    if (v === undefined || v === null) continue;
    const resolved = field.resolve().resolvedType;
    if (field.map) {
      const entries =
        resolved instanceof protobuf.Type
          ? Object.fromEntries(
              Object.entries(v as Record<string, unknown>).map(([k, m]) => [
                k,
                withoutDefaults(resolved, m as Record<string, unknown>),
              ]),
            )
          : v;
      if (Object.keys(entries as object).length > 0) out[field.name] = entries;
    } else if (field.repeated) {
      const items = v as unknown[];
      if (items.length === 0) continue;
      out[field.name] =
        resolved instanceof protobuf.Type
          ? items.map((m) => withoutDefaults(resolved, m as Record<string, unknown>))
          : items;
    } else if (resolved instanceof protobuf.Type) {
      out[field.name] = withoutDefaults(resolved, v as Record<string, unknown>);
    } else if (!isDefaultScalar(v, resolved)) {
      out[field.name] = v;
    }
  }
  return out;
}

function isDefaultScalar(v: unknown, enumType: protobufModule.ReflectionObject | null): boolean {
  const protobuf: Protobuf = lib();
  if (enumType instanceof protobuf.Enum) return v === 0 || (typeof v === 'string' && enumType.values[v] === 0);
  if (v === '' || v === false || v === 0 || v === '0') return true;
  if (v instanceof Uint8Array) return v.length === 0;
  if (typeof v === 'object' && v !== null && 'low' in v && 'high' in v)
    return (v as { low: number; high: number }).low === 0 && (v as { high: number }).high === 0;
  return false;
}

/**
 * Protobuf wire bytes of a release, laid out as Helm 2's proto.Marshal does (defaults omitted).
 * Written by the generated wire codec (same bytes as protobufjs after withoutDefaults, tested), so
 * Tiller never loads protobufjs nor parses the .proto files.
 */
export function encodeRelease(release: ReleaseInput): Uint8Array {
  return hapiWireCodec().encode('hapi.release.Release', release);
}

/** A release from protobuf wire bytes; every field is present (defaults filled in). */
export function decodeRelease(bytes: Uint8Array): Release {
  return hapiWireCodec().decode('hapi.release.Release', bytes) as unknown as Release;
}

/** encodeRelease by protobufjs reflection: the reference the wire codec is tested against. */
export function encodeReleaseWithProtobufjs(release: ReleaseInput): Uint8Array {
  const type = releaseMessageType();
  return type.encode(type.fromObject(withoutDefaults(type, release as Record<string, unknown>))).finish();
}

/** decodeRelease by protobufjs reflection: the reference the wire codec is tested against. */
export function decodeReleaseWithProtobufjs(bytes: Uint8Array): Release {
  const type = releaseMessageType();
  return type.toObject(type.decode(bytes), TO_OBJECT) as Release;
}
