// Writes src/wire-schema.ts: every hapi message, enum and ReleaseService method as plain
// data, read here (at generate time) with protobufjs from the .proto files. src/wire-codec.ts encodes
// and decodes with it, so that a client does not load protobufjs and parse .proto files on each run.
// Run from packages/proto: `npm run generate` (it runs this too). `--check` writes nothing and exits
// 1 if the committed file differs (test/generated.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const protobuf = createRequire(import.meta.url)('protobufjs');
const protoDir = path.join(pkg, 'proto');
const out = path.join(pkg, 'src/wire-schema.ts');

const root = new protobuf.Root();
root.resolvePath = (origin, target) =>
  target.startsWith('hapi/') ? path.join(protoDir, target) : protobuf.util.path.resolve(origin, target);
root.loadSync(path.join(protoDir, 'hapi/services/tiller.proto'), { keepCase: true });
root.resolveAll();

const messages = {};
const enums = {};
let service;
const SCALARS = new Set([
  'string',
  'bool',
  'bytes',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'double',
  'float',
]);
const name = (t) => t.fullName.slice(1);
const kind = (type, resolved) => {
  if (SCALARS.has(type)) return type;
  if (resolved instanceof protobuf.Enum) return `enum:${name(resolved)}`;
  return `message:${name(resolved)}`;
};
(function walk(ns) {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) {
      messages[name(nested)] = {
        fields: nested.fieldsArray.map((f) => {
          const field = [f.name, f.id, kind(f.type, f.resolvedType)];
          if (f.map) field.push(`map:${f.keyType}`);
          else if (f.repeated) field.push('repeated');
          return field;
        }),
        oneofs: nested.oneofsArray.map((o) => [o.name, o.fieldsArray.map((f) => f.name)]),
      };
    } else if (nested instanceof protobuf.Enum) {
      enums[name(nested)] = Object.fromEntries(Object.entries(nested.values));
    } else if (nested instanceof protobuf.Service) {
      service = {
        name: name(nested),
        methods: nested.methodsArray.map((m) => [
          m.name,
          m.resolvedRequestType && name(m.resolvedRequestType),
          name(m.resolvedResponseType),
          Boolean(m.responseStream),
        ]),
      };
    }
    if (nested.nestedArray) walk(nested);
  }
})(root);

const text = `// Written by scripts/generate-wire-schema.mjs from the .proto files — do not edit.
// Fields: [name, number, type, 'repeated' | 'map:<key type>'?]; types are scalars, 'enum:<name>' or
// 'message:<name>'. Methods: [name, request, response, server-streaming].
import type { WireSchema } from './wire-codec.js';

export const WIRE_SCHEMA: WireSchema = ${JSON.stringify({ messages, enums, service })};
`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {}
  if (current !== text) {
    console.error(`${out} is stale: run npm run generate in packages/proto`);
    process.exit(1);
  }
} else writeFileSync(out, text);
