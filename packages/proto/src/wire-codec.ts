// Protobuf wire encoding and decoding of the hapi messages, driven by the plain-data schema that
// scripts/generate-wire-schema.mjs writes from the .proto files. It gives exactly the JS shapes of
// HAPI_LOADER_OPTIONS (proto-loader / protobufjs toObject with keepCase, longs: Number, enums:
// String, defaults, oneofs), so a client can use it instead of loading protobufjs and parsing the
// .proto files at run time, which cost a release command most of its start-up CPU.

/** One field: [name, number, type, 'repeated' | 'map:<key type>']. */
export type WireField = [string, number, string, string?];

export interface WireSchema {
  messages: Record<string, { fields: WireField[]; oneofs: [string, string[]][] }>;
  enums: Record<string, Record<string, number>>;
  service: { name: string; methods: [string, string, string, boolean][] };
}

type Obj = Record<string, unknown>;

const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;
const FIXED32 = 5;

interface Field {
  name: string;
  id: number;
  /** Scalar type name, 'enum' or 'message'. */
  type: string;
  /** Enum or message name for type 'enum' / 'message'. */
  ref: string;
  repeated: boolean;
  mapKey: string | undefined;
  oneof: string | undefined;
}

interface Message {
  /** Sorted by field number, as protobufjs and Go write and convert them. */
  fields: Field[];
  /** Field by number (numbers are small). */
  byId: (Field | undefined)[];
  /** Fields given a default on decode, in protobufjs toObject's key order. */
  defaulted: Field[];
  hasOneofs: boolean;
}

interface Enum {
  byName: Record<string, number>;
  byId: Map<number, string>;
}

const PACKABLE = new Set(['bool', 'int32', 'int64', 'uint32', 'uint64', 'enum']);

/** Encoder and decoder for the messages of one schema. */
export class WireCodec {
  private readonly messages = new Map<string, Message>();
  private readonly enums = new Map<string, Enum>();

  constructor(private readonly schema: WireSchema) {}

  private enumOf(name: string): Enum {
    let e = this.enums.get(name);
    if (!e) {
      const byName = this.schema.enums[name];
      if (!byName) throw new Error(`unknown enum ${name}`);
      const byId = new Map<number, string>();
      // protobufjs keeps the first name of an aliased value
      for (const [k, v] of Object.entries(byName)) if (!byId.has(v)) byId.set(v, k);
      e = { byName, byId };
      this.enums.set(name, e);
    }
    return e;
  }

  private messageOf(name: string): Message {
    let m = this.messages.get(name);
    if (!m) {
      const def = this.schema.messages[name];
      if (!def) throw new Error(`unknown message ${name}`);
      const oneofOf = new Map<string, string>();
      for (const [oneof, members] of def.oneofs) for (const f of members) oneofOf.set(f, oneof);
      const fields = def.fields
        .map(([fname, id, type, mode]): Field => {
          const colon = type.indexOf(':');
          return {
            name: fname,
            id,
            type: colon < 0 ? type : type.slice(0, colon),
            ref: colon < 0 ? '' : type.slice(colon + 1),
            repeated: mode === 'repeated',
            mapKey: mode?.startsWith('map:') ? mode.slice(4) : undefined,
            oneof: oneofOf.get(fname),
          };
        })
        .sort((a, b) => a.id - b.id);
      const byId: (Field | undefined)[] = [];
      for (const f of fields) byId[f.id] = f;
      // Key order as protobufjs toObject: repeated, then maps, then the other non-oneof fields,
      // each by field number; oneof members (and the oneof's name) as they are met.
      const defaulted = [
        ...fields.filter((f) => f.repeated && !f.oneof),
        ...fields.filter((f) => f.mapKey && !f.oneof),
        ...fields.filter((f) => !f.repeated && !f.mapKey && !f.oneof),
      ];
      m = { fields, byId, defaulted, hasOneofs: def.oneofs.length > 0 };
      this.messages.set(name, m);
    }
    return m;
  }

  /** Wire bytes of `value` as message type `name`; fields holding their default are left out, as Go does. */
  encode(name: string, value: unknown): Buffer {
    const w = new Writer();
    this.writeMessage(w, name, (value ?? {}) as Obj, name);
    return w.finish();
  }

  /** The message `name` from wire bytes, every field present (defaults filled in). */
  decode(name: string, bytes: Uint8Array): Obj {
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const r = new Reader(buf);
    return this.readMessage(r, name, buf.length);
  }

  // ---- encoding ----

  private writeMessage(w: Writer, name: string, value: Obj, path: string): void {
    if (typeof value !== 'object' || value === null) throw new TypeError(`${path}: object expected`);
    for (const f of this.messageOf(name).fields) {
      const v = value[f.name];
      if (v === undefined || v === null) continue;
      const where = `${path}.${f.name}`;
      if (f.mapKey) {
        if (typeof v !== 'object') throw new TypeError(`${where}: object expected`);
        for (const [k, item] of Object.entries(v as Obj)) {
          const entry = new Writer();
          writeScalar(entry, 1, f.mapKey, f.mapKey === 'string' ? k : Number(k), true);
          this.writeValue(entry, { ...f, id: 2 }, item, where, true);
          w.tag(f.id, LEN).bytes(entry.finish());
        }
      } else if (f.repeated) {
        if (!Array.isArray(v)) throw new TypeError(`${where}: array expected`);
        if (v.length === 0) continue;
        if (PACKABLE.has(f.type)) {
          const packed = new Writer();
          for (const item of v) writeVarintValue(packed, f.type, this.enumNumber(f, item));
          w.tag(f.id, LEN).bytes(packed.finish());
        } else for (const item of v) this.writeValue(w, f, item, where, true);
      } else this.writeValue(w, f, v, where, Boolean(f.oneof));
    }
  }

  private enumNumber(f: Field, v: unknown): unknown {
    if (f.type !== 'enum') return v;
    if (typeof v === 'number') return v;
    return this.enumOf(f.ref).byName[String(v)] ?? 0;
  }

  private writeValue(w: Writer, f: Field, v: unknown, where: string, always: boolean): void {
    if (f.type === 'message') {
      const sub = new Writer();
      this.writeMessage(sub, f.ref, v as Obj, where);
      w.tag(f.id, LEN).bytes(sub.finish());
    } else writeScalar(w, f.id, f.type, this.enumNumber(f, v), always);
  }

  // ---- decoding ----

  private readMessage(r: Reader, name: string, end: number): Obj {
    const m = this.messageOf(name);
    const out: Obj = {};
    for (const f of m.defaulted) out[f.name] = f.repeated ? [] : f.mapKey ? {} : this.defaultOf(f);
    const oneofs: Obj | undefined = m.hasOneofs ? {} : undefined;
    while (r.pos < end) {
      const tag = r.uint32();
      const f = m.byId[tag >>> 3];
      const wire = tag & 7;
      if (!f) {
        r.skip(wire);
        continue;
      }
      if (f.mapKey) {
        const len = r.uint32();
        const stop = r.pos + len;
        let key: unknown = f.mapKey === 'string' ? '' : 0;
        let value: unknown = f.type === 'message' ? null : this.defaultOf(f);
        while (r.pos < stop) {
          const t = r.uint32();
          if (t >>> 3 === 1) key = readScalar(r, f.mapKey);
          else if (t >>> 3 === 2) value = this.readValue(r, f);
          else r.skip(t & 7);
        }
        (out[f.name] as Obj)[String(key)] = value;
      } else if (f.repeated) {
        const list = out[f.name] as unknown[];
        if (wire === LEN && PACKABLE.has(f.type)) {
          const len = r.uint32();
          const stop = r.pos + len;
          while (r.pos < stop) list.push(this.readValue(r, f));
        } else list.push(this.readValue(r, f));
      } else {
        out[f.name] = this.readValue(r, f);
        if (f.oneof) oneofs![f.oneof] = f.name;
      }
    }
    if (r.pos !== end) throw new Error(`invalid wire format: ${name} overruns its length`);
    if (oneofs)
      for (const [oneof, member] of Object.entries(oneofs)) {
        // protobufjs sets the oneof's name after its member: keep the member's own key order
        const value = out[member as string];
        delete out[member as string];
        out[member as string] = value;
        out[oneof] = member;
      }
    return out;
  }

  private readValue(r: Reader, f: Field): unknown {
    if (f.type === 'message') {
      const len = r.uint32();
      return this.readMessage(r, f.ref, r.pos + len);
    }
    if (f.type === 'enum') {
      const n = r.int32();
      return this.enumOf(f.ref).byId.get(n) ?? n;
    }
    return readScalar(r, f.type);
  }

  private defaultOf(f: Field): unknown {
    switch (f.type) {
      case 'message':
        return null;
      case 'enum':
        return this.enumOf(f.ref).byId.get(0) ?? 0;
      case 'string':
        return '';
      case 'bool':
        return false;
      case 'bytes':
        return Buffer.alloc(0);
      default:
        return 0;
    }
  }
}

function isDefault(type: string, v: unknown): boolean {
  switch (type) {
    case 'string':
      return v === '';
    case 'bool':
      return !v;
    case 'bytes':
      return typeof v === 'string' ? v.length === 0 : (v as Uint8Array).length === 0;
    default:
      return Number(v) === 0;
  }
}

function writeScalar(w: Writer, id: number, type: string, v: unknown, always: boolean): void {
  if (!always && isDefault(type, v)) return;
  if (type === 'string') w.tag(id, LEN).bytes(Buffer.from(String(v), 'utf8'));
  else if (type === 'bytes') {
    const b = typeof v === 'string' ? Buffer.from(v, 'base64') : Buffer.from(v as Uint8Array);
    w.tag(id, LEN).bytes(b);
  } else {
    w.tag(id, VARINT);
    writeVarintValue(w, type, v);
  }
}

function writeVarintValue(w: Writer, type: string, v: unknown): void {
  switch (type) {
    case 'bool':
      w.varint32(v ? 1 : 0);
      return;
    case 'uint32':
      w.varint32(Number(v) >>> 0);
      return;
    case 'int32':
    case 'enum': {
      const n = Number(v) | 0;
      if (n >= 0) w.varint32(n);
      else w.varint64(BigInt(n));
      return;
    }
    default: {
      // int64 / uint64: a number, a decimal string, or a Long-like {low, high}
      let big: bigint;
      if (typeof v === 'bigint') big = v;
      else if (typeof v === 'object' && v !== null && 'low' in v) {
        const long = v as unknown as { low: number; high: number };
        big = (BigInt(long.high >>> 0) << 32n) | BigInt(long.low >>> 0);
      } else big = BigInt(Math.trunc(Number(v)));
      w.varint64(big);
    }
  }
}

function readScalar(r: Reader, type: string): unknown {
  switch (type) {
    case 'string':
      return r.string();
    case 'bytes':
      return r.bytes();
    case 'bool':
      return r.uint32() !== 0;
    case 'int32':
      return r.int32();
    case 'uint32':
      return r.uint32();
    case 'int64':
      return r.int64(false);
    case 'uint64':
      return r.int64(true);
    default:
      throw new Error(`unsupported protobuf type ${type}`);
  }
}

class Writer {
  private chunks: Buffer[] = [];
  private buf = Buffer.allocUnsafe(256);
  private pos = 0;
  private size = 0;

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.chunks.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(n, 4096));
    this.pos = 0;
  }

  tag(id: number, wire: number): this {
    this.varint32(((id << 3) | wire) >>> 0);
    return this;
  }

  varint32(n: number): void {
    this.room(5);
    this.size -= this.pos;
    while (n > 127) {
      this.buf[this.pos++] = (n & 127) | 128;
      n >>>= 7;
    }
    this.buf[this.pos++] = n;
    this.size += this.pos;
  }

  varint64(v: bigint): void {
    let n = BigInt.asUintN(64, v);
    this.room(10);
    this.size -= this.pos;
    while (n > 127n) {
      this.buf[this.pos++] = Number(n & 127n) | 128;
      n >>= 7n;
    }
    this.buf[this.pos++] = Number(n);
    this.size += this.pos;
  }

  bytes(b: Uint8Array): this {
    this.varint32(b.length);
    if (b.length <= 64) {
      this.room(b.length);
      this.buf.set(b, this.pos);
      this.pos += b.length;
    } else {
      this.chunks.push(this.buf.subarray(0, this.pos));
      this.chunks.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      this.buf = this.buf.subarray(this.pos);
      this.pos = 0;
    }
    this.size += b.length;
    return this;
  }

  finish(): Buffer {
    this.chunks.push(this.buf.subarray(0, this.pos));
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
  }
}

class Reader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}

  private byte(): number {
    if (this.pos >= this.buf.length) throw new RangeError('invalid wire format: message truncated');
    return this.buf[this.pos++]!;
  }

  /** Low 32 bits of a varint, unsigned. */
  uint32(): number {
    // one-byte varints (tags, short lengths, small numbers) are most of them
    const first = this.buf[this.pos];
    if (first !== undefined && first < 128) {
      this.pos++;
      return first;
    }
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      if (shift < 32) n |= (b & 127) << shift;
      if (b < 128) return n >>> 0;
      shift += 7;
      if (shift > 63) throw new RangeError('invalid wire format: varint too long');
    }
  }

  int32(): number {
    return this.uint32() | 0;
  }

  /** A 64-bit varint as a JS number (as protobufjs LongBits.toNumber). */
  int64(unsigned: boolean): number {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      if (shift < 28) lo |= (b & 127) << shift;
      else if (shift === 28) {
        lo |= (b & 15) << 28;
        hi |= (b & 127) >>> 4;
      } else hi |= (b & 127) << (shift - 32);
      if (b < 128) break;
      shift += 7;
      if (shift > 63) throw new RangeError('invalid wire format: varint too long');
    }
    lo >>>= 0;
    hi >>>= 0;
    if (!unsigned && hi >>> 31) {
      const l = (~lo + 1) >>> 0;
      let h = ~hi >>> 0;
      if (!l) h = (h + 1) >>> 0;
      return -(l + h * 4294967296);
    }
    return lo + hi * 4294967296;
  }

  bytes(): Buffer {
    const len = this.uint32();
    const end = this.pos + len;
    if (end > this.buf.length) throw new RangeError('invalid wire format: message truncated');
    const b = this.buf.subarray(this.pos, end);
    this.pos = end;
    return b;
  }

  string(): string {
    const len = this.uint32();
    const end = this.pos + len;
    if (end > this.buf.length) throw new RangeError('invalid wire format: message truncated');
    const s = (this.buf as unknown as { utf8Slice(start: number, end: number): string }).utf8Slice(this.pos, end);
    this.pos = end;
    return s;
  }

  skip(wire: number): void {
    if (wire === VARINT) this.int64(true);
    else if (wire === FIXED64) this.pos += 8;
    else if (wire === LEN) this.pos += this.uint32();
    else if (wire === FIXED32) this.pos += 4;
    else throw new Error(`invalid wire type ${wire}`);
    if (this.pos > this.buf.length) throw new RangeError('invalid wire format: message truncated');
  }
}
