// The generated wire codec against protobufjs (what proto-loader and the storage codec use): the
// same random messages of every hapi type must give the same objects (same keys, same order) and
// bytes each side decodes alike, and Helm 2's own layout of a release must decode the same.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'mocha';
import protobuf from 'protobufjs';
import {
  decodeReleaseWithProtobufjs,
  encodeReleaseWithProtobufjs,
  HAPI_ENTRY_PROTO,
  HAPI_PROTO_DIR,
  hapiWireCodec,
} from '../src/index.js';
import { WIRE_SCHEMA } from '../src/wire-schema.js';

const root = new protobuf.Root();
root.resolvePath = (origin, target) =>
  target.startsWith('hapi/') ? path.join(HAPI_PROTO_DIR, target) : protobuf.util.path.resolve(origin, target);
root.loadSync(path.join(HAPI_PROTO_DIR, HAPI_ENTRY_PROTO), { keepCase: true });
const TO_OBJECT = { longs: Number, enums: String, defaults: true, arrays: true, objects: true, oneofs: true };

let seed = 0x2545f491;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const STRINGS = ['', 'a', 'web-1', 'ünïcödé ✓ 日本', 'x'.repeat(200), 'line\nbreak'];

function scalar(type: string): unknown {
  switch (type) {
    case 'string':
      return pick(STRINGS);
    case 'bool':
      return rand() < 0.5;
    case 'bytes':
      return Buffer.from(Array.from({ length: Math.floor(rand() * 5) * 40 }, () => Math.floor(rand() * 256)));
    case 'int32':
      return pick([0, 1, -1, 300, -2147483648, 2147483647]);
    case 'uint32':
      return pick([0, 1, 300, 4294967295]);
    case 'int64':
      return pick([0, 1, -1, 1_600_000_000, -1_600_000_000_123, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]);
    case 'uint64':
      return pick([0, 1, 2 ** 32, 2 ** 40 + 7, Number.MAX_SAFE_INTEGER]);
    default:
      throw new Error(type);
  }
}

function value(type: string, depth: number): unknown {
  if (type.startsWith('enum:')) {
    const names = Object.keys(WIRE_SCHEMA.enums[type.slice(5)]!);
    return pick(names);
  }
  if (type.startsWith('message:')) return message(type.slice(8), depth + 1);
  return scalar(type);
}

function message(name: string, depth = 0): Record<string, unknown> {
  const def = WIRE_SCHEMA.messages[name]!;
  const out: Record<string, unknown> = {};
  const oneofMembers = new Set(def.oneofs.flatMap(([, m]) => m));
  for (const [oneof, members] of def.oneofs) {
    void oneof;
    if (rand() < 0.7) {
      const member = pick(members);
      const f = def.fields.find((x) => x[0] === member)!;
      out[member] = value(f[2], depth);
    }
  }
  for (const [fname, , type, mode] of def.fields) {
    if (oneofMembers.has(fname) || rand() < 0.2) continue;
    if (type.startsWith('message:') && depth > 4) continue;
    const count = Math.floor(rand() * 3);
    if (mode === 'repeated') out[fname] = Array.from({ length: count }, () => value(type, depth));
    else if (mode?.startsWith('map:'))
      out[fname] = Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, value(type, depth)]));
    else out[fname] = value(type, depth);
  }
  return out;
}

const viaProtobufjs = (name: string, bytes: Uint8Array) => {
  const type = root.lookupType(name);
  return type.toObject(type.decode(bytes), TO_OBJECT);
};
const encodeProtobufjs = (name: string, obj: Record<string, unknown>) => {
  const type = root.lookupType(name);
  return type.encode(type.fromObject(obj)).finish();
};
// Same keys in the same order (JSON), and the same values (deepStrictEqual, Buffers as Buffers).
const same = (actual: unknown, expected: unknown, what: string) => {
  assert.equal(JSON.stringify(actual), JSON.stringify(expected), what);
  assert.deepStrictEqual(actual, expected, what);
};

describe('the generated wire codec', () => {
  const wire = hapiWireCodec();

  it('decodes and encodes every hapi message as protobufjs does (random messages)', () => {
    for (const name of Object.keys(WIRE_SCHEMA.messages)) {
      if (name.startsWith('google.protobuf.') && name !== 'google.protobuf.Timestamp' && name !== 'google.protobuf.Any')
        continue;
      for (let i = 0; i < 30; i++) {
        const obj = message(name);
        const bytes = encodeProtobufjs(name, obj);
        const expected = viaProtobufjs(name, bytes);
        same(wire.decode(name, bytes), expected, `${name}: decode of protobufjs bytes`);
        same(viaProtobufjs(name, wire.encode(name, obj)), expected, `${name}: protobufjs decode of our bytes`);
        same(wire.decode(name, wire.encode(name, expected)), expected, `${name}: our round trip`);
      }
    }
  });

  it('lays a release out as protobufjs without defaults (Go-like) does', () => {
    for (let i = 0; i < 50; i++) {
      const release = message('hapi.release.Release');
      const ours = wire.encode('hapi.release.Release', release);
      same(
        wire.decode('hapi.release.Release', ours),
        decodeReleaseWithProtobufjs(encodeReleaseWithProtobufjs(release)),
        'release',
      );
      assert.deepEqual(ours, Buffer.from(encodeReleaseWithProtobufjs(release)), 'same bytes as protobufjs');
    }
  });

  it('accepts enum numbers, decimal-string longs and base64 bytes as proto-loader does', () => {
    const name = 'hapi.release.Info';
    const obj = { status: { code: 3 }, first_deployed: { seconds: '1600000000', nanos: 5 } };
    same(wire.decode(name, wire.encode(name, obj)), viaProtobufjs(name, encodeProtobufjs(name, obj)), 'info');
    const tpl = { name: 't', data: Buffer.from('hello').toString('base64') };
    assert.equal(
      (wire.decode('hapi.chart.Template', wire.encode('hapi.chart.Template', tpl)).data as Buffer).toString(),
      'hello',
    );
  });

  it('fails on truncated bytes and wrong shapes with an error, not a bad object', () => {
    const bytes = wire.encode('hapi.release.Release', { name: 'web', info: { Description: 'x' } });
    assert.throws(() => wire.decode('hapi.release.Release', bytes.subarray(0, bytes.length - 1)), /truncated|overruns/);
    assert.throws(() => wire.encode('hapi.release.Release', { info: 'nope' }), /Release\.info: object expected/);
    assert.throws(() => wire.encode('hapi.release.Release', { hooks: {} }), /array expected/);
  });
});
