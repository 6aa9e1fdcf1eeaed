// Regenerates src/generated (TypeScript types for the hapi .proto files, by proto-loader's own
// generator) and src/service-messages.ts (friendly re-exports of the ReleaseService messages).
// Run from packages/proto: `npm run generate`. Keep the flags in step with HAPI_LOADER_OPTIONS.
// `node scripts/generate.mjs --check` generates into a temporary directory instead and exits 1 if
// the committed files differ (used by test/generated.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const generator = path.join(
  path.dirname(require.resolve('@grpc/proto-loader/package.json')),
  'build/bin/proto-loader-gen-types.js',
);

const check = process.argv.includes('--check');
const outRoot = check ? mkdtempSync(path.join(os.tmpdir(), 'helmts-proto-gen-')) : path.join(pkg, 'src');
const outGenerated = path.join(outRoot, 'generated');

rmSync(outGenerated, { recursive: true, force: true });
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
    outGenerated,
    'hapi/services/tiller.proto',
  ],
  { cwd: pkg, stdio: 'inherit' },
);

const serviceDir = path.join(outGenerated, 'hapi/services/tiller');
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
writeFileSync(path.join(outRoot, 'service-messages.ts'), lines.join('\n'));

function filesUnder(dir, prefix = '') {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

if (check) {
  const committed = path.join(pkg, 'src');
  const wanted = ['service-messages.ts', ...filesUnder(outGenerated).map((f) => `generated/${f}`)];
  const have = ['service-messages.ts', ...filesUnder(path.join(committed, 'generated')).map((f) => `generated/${f}`)];
  const stale = [
    ...wanted.filter(
      (f) =>
        !have.includes(f) ||
        readFileSync(path.join(outRoot, f), 'utf8') !== readFileSync(path.join(committed, f), 'utf8'),
    ),
    ...have.filter((f) => !wanted.includes(f)),
  ];
  rmSync(outRoot, { recursive: true, force: true });
  if (stale.length > 0) {
    console.error(`src/ is out of date with the .proto files; run npm run generate. Differs: ${stale.join(', ')}`);
    process.exit(1);
  }
}
