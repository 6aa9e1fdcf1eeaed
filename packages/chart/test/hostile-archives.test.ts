import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ChartArchiveError, ChartLoadError, loadChart, loadChartArchive } from '../src/index.js';
import { CHART_YAML, rawTgz } from './raw-tar.js';

const refused = (data: Buffer, pattern: RegExp, opts = {}) =>
  assert.throws(
    () => loadChartArchive(data, opts),
    (e: unknown) =>
      (e instanceof ChartArchiveError || e instanceof ChartLoadError) && pattern.test((e as Error).message),
  );

describe('hostile chart archives are refused', () => {
  let sandbox: string;
  beforeEach(() => {
    sandbox = mkdtempSync(join(tmpdir(), 'helmts-hostile-'));
  });
  afterEach(() => {
    // nothing may have been written while reading an archive
    assert.deepEqual(readdirSync(sandbox), []);
    rmSync(sandbox, { recursive: true, force: true });
  });

  it('loads a well-formed archive (control)', () => {
    const c = loadChartArchive(
      rawTgz([
        { name: 'demo/Chart.yaml', data: CHART_YAML },
        { name: 'demo/templates/a.yaml', data: 'x' },
      ]),
    );
    assert.equal(c.metadata.name, 'demo');
    assert.equal(c.templates.length, 1);
  });

  it('entries with ..', () => {
    refused(
      rawTgz([
        { name: 'demo/Chart.yaml', data: CHART_YAML },
        { name: 'demo/../../etc/passwd', data: 'x' },
      ]),
      /chart illegally references parent directory/,
    );
    refused(rawTgz([{ name: '../demo/Chart.yaml', data: CHART_YAML }]), /parent directory/);
  });

  it('absolute paths', () => {
    refused(rawTgz([{ name: '/demo/Chart.yaml', data: CHART_YAML }]), /chart illegally contains absolute paths/);
    refused(rawTgz([{ name: 'demo//etc/passwd', data: 'x' }]), /absolute paths/);
  });

  it('entries escaping the chart folder through cleaning', () => {
    refused(
      rawTgz([
        { name: 'demo/Chart.yaml', data: CHART_YAML },
        { name: 'demo/templates/../../x', data: 'x' },
      ]),
      /parent directory/,
    );
    refused(
      rawTgz([
        { name: 'demo/Chart.yaml', data: CHART_YAML },
        { name: 'demo/.', data: 'x' },
      ]),
      /outside the base directory/,
    );
    refused(
      rawTgz([
        { name: 'demo/Chart.yaml', data: CHART_YAML },
        { name: 'demo/C:/x', data: 'x' },
      ]),
      /illegally named files/,
    );
  });

  it('Chart.yaml at the archive root', () => {
    refused(rawTgz([{ name: 'Chart.yaml', data: CHART_YAML }]), /chart yaml not in base directory/);
  });

  it('symbolic links and hard links', () => {
    refused(
      rawTgz([
        { name: 'demo/Chart.yaml', data: CHART_YAML },
        { name: 'demo/templates/x', type: '2', linkName: '/etc/passwd' },
      ]),
      /is a symlink/,
    );
    refused(
      rawTgz([
        { name: 'demo/Chart.yaml', data: CHART_YAML },
        { name: 'demo/templates/x', type: '1', linkName: 'demo/Chart.yaml' },
      ]),
      /is a hardlink/,
    );
  });

  it('device files and fifos', () => {
    refused(
      rawTgz([
        { name: 'demo/Chart.yaml', data: CHART_YAML },
        { name: 'demo/dev', type: '3' },
      ]),
      /is a char-device/,
    );
    refused(
      rawTgz([
        { name: 'demo/Chart.yaml', data: CHART_YAML },
        { name: 'demo/blk', type: '4' },
      ]),
      /is a block-device/,
    );
    refused(
      rawTgz([
        { name: 'demo/Chart.yaml', data: CHART_YAML },
        { name: 'demo/fifo', type: '6' },
      ]),
      /is a fifo/,
    );
  });

  it('a top folder that differs between entries', () => {
    refused(
      rawTgz([
        { name: 'demo/Chart.yaml', data: CHART_YAML },
        { name: 'other/templates/a.yaml', data: 'x' },
      ]),
      /must share one top folder/,
    );
  });

  it('a file over the per-file limit', () => {
    refused(
      rawTgz([
        { name: 'demo/Chart.yaml', data: CHART_YAML },
        { name: 'demo/big', data: Buffer.alloc(2000) },
      ]),
      /decompressed chart file "demo\/big" is larger than the maximum file size 1000/,
      {
        limits: { maxFileBytes: 1000 },
      },
    );
  });

  it('a total over the limit (many files)', () => {
    const entries = [{ name: 'demo/Chart.yaml', data: CHART_YAML }];
    for (let i = 0; i < 10; i++) entries.push({ name: `demo/f${i}`, data: 'x'.repeat(900) });
    refused(rawTgz(entries), /decompressed chart is larger than the maximum size 5000/, {
      limits: { maxTotalBytes: 5000 },
    });
  });

  it('a gzip bomb (expands far past the limit)', () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    refused(bomb, /decompressed chart is larger than the maximum size/, { limits: { maxTotalBytes: 1024 * 1024 } });
  });

  it('nested subchart archives share one size budget', () => {
    const inner = rawTgz([
      { name: 'sub/Chart.yaml', data: CHART_YAML.replace('demo', 'sub') },
      { name: 'sub/big', data: 'x'.repeat(3000) },
    ]);
    const outer = rawTgz([
      { name: 'demo/Chart.yaml', data: CHART_YAML },
      { name: 'demo/charts/sub-0.1.0.tgz', data: inner },
      { name: 'demo/pad', data: 'y'.repeat(3000) },
    ]);
    refused(outer, /larger than the maximum size 5000/, { limits: { maxTotalBytes: 5000 } });
  });

  it('a header whose size runs past the end', () => {
    refused(rawTgz([{ name: 'demo/Chart.yaml', data: CHART_YAML, declaredSize: 99999 }]), /unexpected EOF/);
  });

  it('data that is not gzip', () => {
    refused(Buffer.from('apiVersion: v2\n'), /does not appear to be a valid chart file/);
  });

  it('an empty archive', () => {
    refused(rawTgz([]), /no files in chart archive/);
  });

  it('a Chart.yaml that is not a map', () => {
    refused(
      rawTgz([{ name: 'demo/Chart.yaml', data: '- a\n- b\n' }]),
      /cannot load Chart\.yaml: .*cannot unmarshal array/,
    );
  });

  it('a values.yaml alias bomb inside an archive', () => {
    let values = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 1; i < 9; i++)
      values += `l${i}: &l${i} [${Array(10)
        .fill(i === 1 ? '*a' : `*l${i - 1}`)
        .join(',')}]\n`;
    refused(
      rawTgz([
        { name: 'demo/Chart.yaml', data: CHART_YAML },
        { name: 'demo/values.yaml', data: values },
      ]),
      /cannot load values\.yaml: .*excessive aliasing/,
    );
  });
});

describe('hostile chart directories are refused', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'helmts-dir-'));
    writeFileSync(join(dir, 'Chart.yaml'), CHART_YAML);
    mkdirSync(join(dir, 'templates'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a symlink that points outside the chart', () => {
    symlinkSync('/etc', join(dir, 'templates', 'escape'));
    assert.throws(() => loadChart(dir), /symbolic link templates\/escape points outside the chart directory/);
  });

  it('a symlink inside the chart is followed', () => {
    writeFileSync(join(dir, 'templates', 'real.yaml'), 'x');
    symlinkSync('real.yaml', join(dir, 'templates', 'alias.yaml'));
    assert.deepEqual(
      loadChart(dir)
        .templates.map((t) => t.name)
        .sort(),
      ['templates/alias.yaml', 'templates/real.yaml'],
    );
  });

  it('a fifo (irregular file)', () => {
    execFileSync('mkfifo', [join(dir, 'templates', 'pipe')]);
    assert.throws(() => loadChart(dir), /cannot load irregular file .*pipe as it has file mode type bits set/);
  });

  it('a file over the per-file limit', () => {
    writeFileSync(join(dir, 'big.bin'), Buffer.alloc(3000));
    assert.throws(
      () => loadChart(dir, { limits: { maxFileBytes: 1000 } }),
      /chart file "big\.bin" is larger than the maximum file size 1000/,
    );
  });

  it('a Chart.yaml that is not a map', () => {
    writeFileSync(join(dir, 'Chart.yaml'), '"just a string"\n');
    assert.throws(() => loadChart(dir), /cannot load Chart\.yaml: .*cannot unmarshal string/);
  });
});
