import { conformanceDir } from '@helmts/testkit';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  chartToArchive,
  loadChart,
  loadChartArchive,
  parseSet,
  parseValuesYaml,
  toYaml,
  ChartArchiveError,
  ChartLoadError,
  ChartValidationError,
  SetParseError,
  ValuesParseError,
} from '../src/index.js';
import { rawTar, CHART_YAML } from './raw-tar.js';

/** Per property, in seconds; FUZZ_SECONDS=300 for a long run. */
const seconds = Number(process.env.FUZZ_SECONDS ?? '3');
const params = {
  interruptAfterTimeLimit: seconds * 1000,
  numRuns: Number.MAX_SAFE_INTEGER,
  markInterruptAsFailure: false,
};
const counts: Record<string, number> = {};

function expectedFailure(e: unknown): boolean {
  return (
    e instanceof ChartArchiveError ||
    e instanceof ChartLoadError ||
    e instanceof ChartValidationError ||
    e instanceof ValuesParseError
  );
}

describe('fuzzing (fast-check, time-bounded)', function () {
  this.timeout(seconds * 1000 * 4 + 30000);
  after(() => {
    if (process.env.FUZZ_REPORT) console.log('fuzz counts', counts);
  });

  it('the loader returns a chart or a chart error for mutated archives', () => {
    const base = chartToArchive(loadChart(join(conformanceDir(), 'charts', 'clamav')));
    const tarBase = rawTar([
      { name: 'demo/Chart.yaml', data: CHART_YAML },
      { name: 'demo/values.yaml', data: 'a: 1\n' },
      { name: 'demo/templates/x.yaml', data: 'kind: X\n' },
    ]);
    counts.loader = 0;
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        (compressedLevel, flips) => {
          counts.loader++;
          let data: Buffer;
          if (compressedLevel) {
            data = Buffer.from(base);
            for (const [pos, byte] of flips) data[pos % data.length] = byte;
          } else {
            const tar = Buffer.from(tarBase);
            for (const [pos, byte] of flips) tar[pos % tar.length] = byte;
            data = gzipSync(tar);
          }
          try {
            loadChartArchive(data, { limits: { maxTotalBytes: 1 << 20, maxFileBytes: 1 << 19 } });
          } catch (e) {
            if (!expectedFailure(e)) throw e;
          }
        },
      ),
      params,
    );
  });

  it('the --set parser returns values or a SetParseError', () => {
    counts.set = 0;
    const text = fc
      .array(fc.constantFrom('a', 'b', '.', '[', ']', '0', '1', '=', ',', '{', '}', '\\', ' ', 'x', '-', 'é'), {
        maxLength: 40,
      })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(text, (s) => {
        counts.set++;
        try {
          parseSet(s);
        } catch (e) {
          if (!(e instanceof SetParseError)) throw e;
          assert.ok(e.position >= 0 && e.position <= Array.from(s).length);
        }
      }),
      params,
    );
  });

  it('the YAML reader returns values or a ValuesParseError', () => {
    counts.yaml = 0;
    const text = fc
      .array(
        fc.constantFrom(
          'a',
          ':',
          ' ',
          '\n',
          '- ',
          '[',
          ']',
          '{',
          '}',
          ',',
          '&x ',
          '*x',
          '<<',
          '"',
          "'",
          '#',
          '|',
          '>',
          '!!int ',
          'yes',
          '1',
          '.5',
          '~',
          '---\n',
          '\t',
          '?',
        ),
        { maxLength: 60 },
      )
      .map((a) => a.join(''));
    fc.assert(
      fc.property(text, (s) => {
        counts.yaml++;
        try {
          parseValuesYaml(s, 'fuzz.yaml');
        } catch (e) {
          if (!(e instanceof ValuesParseError)) throw e;
          assert.match(e.message, /^fuzz\.yaml: /);
        }
      }),
      params,
    );
  });

  it('writes a "<<" key bare, as Helm does (go-yaml v2 does not quote the merge key)', () => {
    assert.equal(toYaml({ '<<': [], a: { '<<': 'x' } }), '<<: []\na:\n  <<: x\n');
  });

  it('toYaml then parseValuesYaml gives back the same values', () => {
    counts.roundTrip = 0;
    const scalar = fc.oneof(
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
    );
    // "<<" is left out: Helm writes it bare (see above), so it reads back as a merge key in Helm too.
    const key = fc.oneof(
      fc.string({ minLength: 1 }).filter((k) => k !== '<<'),
      // 1E310 and .5e400 overflow a float64: Go's ParseFloat fails and go-yaml keeps them as text (found by this test)
      fc.constantFrom('yes', 'on', 'y', '1', 'null', '~', '0x1', '1e3', '0e0_', '1E310', '.5e400', '-1e999'),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 5 }), (v) => {
        counts.roundTrip++;
        const normalized = JSON.parse(JSON.stringify(v, (_k, x) => (Object.is(x, -0) ? 0 : x)));
        assert.deepStrictEqual(parseValuesYaml(toYaml(normalized)), normalized);
      }),
      params,
    );
  });
});
