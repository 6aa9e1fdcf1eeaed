import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';

import { IndexFormatError, readIndexFile } from '../src/index.js';

/** Per property, in seconds; FUZZ_SECONDS=300 for a long run (FUZZ_REPORT=1 prints the counts). */
const seconds = Number(process.env.FUZZ_SECONDS ?? '3');

const BASE = `apiVersion: v1
entries:
  nginx:
  - apiVersion: v1
    name: nginx
    version: 1.2.3
    digest: abc
    urls:
    - https://example.com/nginx-1.2.3.tgz
    created: "2019-01-01T00:00:00Z"
  - name: nginx
    version: 1.0.0
    urls: [https://example.com/nginx-1.0.0.tgz]
  redis:
  - name: redis
    version: 0.1.0
    urls:
    - redis-0.1.0.tgz
generated: "2019-01-01T00:00:00Z"
`;

/** What an index reader may answer with for a document it cannot use: its own error or YAML's. */
function expected(e: unknown): boolean {
  return e instanceof IndexFormatError || /^YAML/.test((e as Error)?.name ?? '');
}

describe('fuzzing index.yaml reading (fast-check, time-bounded)', function () {
  this.timeout(seconds * 1000 * 3 + 30_000);
  let dir: string;
  let n = 0;
  const counts = { mutated: 0, generated: 0 };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fuzz-index-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    if (process.env.FUZZ_REPORT) console.log('index fuzz counts', counts);
  });

  const read = async (text: string | Buffer) => {
    const file = join(dir, `i${n++ % 4}.yaml`);
    writeFileSync(file, text);
    const seen: string[] = [];
    try {
      await readIndexFile(file, { entry: (name, v) => seen.push(`${name}@${String(v.version)}`), problem: () => {} });
    } catch (e) {
      if (!expected(e)) throw e;
    }
    return seen;
  };

  it('a mutated index gives entries or an index/YAML error, never a crash', async () => {
    assert.deepEqual(await read(BASE), ['nginx@1.2.3', 'nginx@1.0.0', 'redis@0.1.0']);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')), {
          minLength: 1,
          maxLength: 10,
        }),
        async (edits) => {
          counts.mutated++;
          let bytes = Buffer.from(BASE);
          for (const [pos, byte, op] of edits) {
            const at = pos % (bytes.length + 1);
            if (op === 'set' && at < bytes.length) bytes[at] = byte;
            else if (op === 'insert')
              bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at)]);
            else bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
          }
          await read(bytes);
        },
      ),
      { interruptAfterTimeLimit: seconds * 1000, numRuns: Number.MAX_SAFE_INTEGER, markInterruptAsFailure: false },
    );
  });

  it('generated YAML-ish documents built from index tokens never crash the reader', async () => {
    const token = fc.constantFrom(
      'apiVersion: v1',
      'entries:',
      '  a:',
      '  - name: a',
      '    version: 1.0.0',
      '    urls: [x]',
      '    urls:',
      '    - x',
      '- ',
      ': ',
      '{',
      '}',
      '[',
      ']',
      '&a ',
      '*a',
      '!!binary ',
      '"',
      "'",
      '|',
      '>',
      '#',
      '\t',
      '~',
      'null',
      '---',
      '...',
      '\n',
      '  ',
      'generated: 2019',
      'entries: {a: [{name: a, version: "1"}]}',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 40 }), async (tokens) => {
        counts.generated++;
        await read(tokens.join(''));
      }),
      { interruptAfterTimeLimit: seconds * 1000, numRuns: Number.MAX_SAFE_INTEGER, markInterruptAsFailure: false },
    );
  });
});
