// Regenerates src/generated (TypeScript types for the hapi .proto files, by proto-loader's own
// generator) and src/service-messages.ts (friendly re-exports of the ReleaseService messages).
// Run from packages/proto: `npm run generate`. Keep the flags in step with HAPI_LOADER_OPTIONS.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const generator = path.join(path.dirname(require.resolve('@grpc/proto-loader/package.json')), 'build/bin/proto-loader-gen-types.js');

rmSync(path.join(pkg, 'src/generated'), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    generator,
    '--keepCase',
    '--longs=Number',
    '--enums=String',
    '--defaults',
    '--oneofs',
    '--grpcLib=@grpc/grpc-js',
    '--importFileExtension=.js',
    '-I',
    'proto',
    '-O',
    'src/generated',
    'hapi/services/tiller.proto',
  ],
  { cwd: pkg, stdio: 'inherit' },
);

const serviceDir = path.join(pkg, 'src/generated/hapi/services/tiller');
const messages = readdirSync(serviceDir)
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((m) => m !== 'ReleaseService' && m !== 'ListSort')
  .sort();
const lines = [
  '// Written by scripts/generate.mjs — do not edit. Output shape under the plain name, the',
  '// permissive (sending) shape as `…Input`.',
  "export type { ReleaseServiceClient, ReleaseServiceDefinition, ReleaseServiceHandlers } from './generated/hapi/services/tiller/ReleaseService.js';",
  "export type { ProtoGrpcType as HapiGrpcType } from './generated/tiller.js';",
  ...messages.map(
    (m) => `export type { ${m} as ${m}Input, ${m}__Output as ${m} } from './generated/hapi/services/tiller/${m}.js';`,
  ),
  '',
];
writeFileSync(path.join(pkg, 'src/service-messages.ts'), lines.join('\n'));
