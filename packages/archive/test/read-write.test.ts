import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';

import {
  ArchiveFormatError,
  ArchiveSizeError,
  cleanPath,
  gunzipBounded,
  readArchive,
  readTarEntries,
  SizeBudget,
  writeTar,
  writeTarGz,
} from '../src/index.js';

describe('readArchive', () => {
  it('reads back what writeTarGz wrote, with types, modes and link names', () => {
    const entries = readArchive(
      writeTarGz([
        { name: 'top/', type: 'directory' },
        { name: 'top/a.txt', data: Buffer.from('hello') },
        { name: 'top/run.sh', data: Buffer.from('#!/bin/sh\n'), mode: 0o755 },
        { name: 'top/link', type: 'symlink', linkName: 'a.txt' },
      ]),
    );
    assert.deepEqual(
      entries.map((e) => [e.name, e.type, e.mode, e.linkName, e.data.toString()]),
      [
        ['top/', 'directory', 0o755, '', ''],
        ['top/a.txt', 'file', 0o644, '', 'hello'],
        ['top/run.sh', 'file', 0o755, '', '#!/bin/sh\n'],
        ['top/link', 'symlink', 0o644, 'a.txt', ''],
      ],
    );
  });

  it('keeps names longer than 100 bytes (ustar prefix and pax)', () => {
    const split = `${'d'.repeat(120)}/${'f'.repeat(90)}`;
    const pax = `top/${'x'.repeat(300)}`;
    const names = readArchive(
      writeTarGz([
        { name: split, data: Buffer.from('1') },
        { name: pax, data: Buffer.from('2') },
      ]),
    ).map((e) => e.name);
    assert.deepEqual(names, [split, pax]);
  });

  it('refuses a file over the per-file bound and a total over the budget', () => {
    const big = writeTarGz([{ name: 'a', data: Buffer.alloc(2000) }]);
    assert.throws(
      () => readArchive(big, { budget: new SizeBudget({ maxTotalBytes: 10_000, maxFileBytes: 1000 }) }),
      (e: unknown) => {
        assert.ok(e instanceof ArchiveSizeError);
        assert.equal(e.limit, 'file');
        assert.equal(e.entry, 'a');
        return true;
      },
    );
    const many = writeTarGz(Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, data: Buffer.alloc(900) })));
    assert.throws(
      () => readArchive(many, { budget: new SizeBudget({ maxTotalBytes: 5000, maxFileBytes: 1000 }) }),
      /larger than the maximum size 5000/,
    );
  });

  it('shares one budget between reads', () => {
    const budget = new SizeBudget({ maxTotalBytes: 1500, maxFileBytes: 1000 });
    const one = writeTarGz([{ name: 'a', data: Buffer.alloc(900) }]);
    readArchive(one, { budget });
    assert.throws(() => readArchive(one, { budget }), ArchiveSizeError);
  });

  it('stops inflating a gzip bomb at the budget', () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    assert.throws(() => gunzipBounded(bomb, 1024 * 1024), ArchiveSizeError);
    assert.throws(
      () => readArchive(bomb, { budget: new SizeBudget({ maxTotalBytes: 1024 * 1024, maxFileBytes: 1024 }) }),
      /larger than the maximum size 1048576/,
    );
  });

  it('refuses malformed tar and gzip data', () => {
    const tar = writeTar([{ name: 'a', data: Buffer.from('abc') }]);
    const badSum = Buffer.from(tar);
    badSum[0] ^= 1;
    assert.throws(() => readTarEntries(badSum), /checksum mismatch/);
    assert.throws(
      () => readTarEntries(tar.subarray(0, 512)),
      (e: unknown) => e instanceof ArchiveFormatError && /unexpected EOF/.test(e.message),
    );
    assert.throws(() => gunzipBounded(Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0]), 100), /^ArchiveFormatError: gzip: /);
    assert.throws(() => gunzipBounded(Buffer.from('plain'), 100), /gzip: invalid header/);
  });
});

describe('writeTarGz', () => {
  it('gives the same bytes for the same entries, whenever and wherever it runs', () => {
    const entries = [{ name: 'c/Chart.yaml', data: Buffer.from('name: c\n') }];
    const a = writeTarGz(entries);
    assert.deepEqual(writeTarGz(entries), a);
    assert.equal(a.readUInt32LE(4), 0, 'no gzip timestamp');
    assert.equal(a[9], 3, 'OS byte is Unix');
  });

  it('writes the given mtime and owner 0', () => {
    const [h] = [writeTar([{ name: 'a', data: Buffer.from('') }], { mtime: 1_700_000_000 })];
    assert.equal(parseInt(h.toString('latin1', 136, 147), 8), 1_700_000_000);
    assert.equal(h.toString('latin1', 108, 115), '0000000');
  });
});

describe('cleanPath', () => {
  it('cleans as Go path.Clean', () => {
    const cases: [string, string][] = [
      ['', '.'],
      ['a/../..', '..'],
      ['/../a', '/a'],
      ['a//b/./c/', 'a/b/c'],
      ['a/b/../../../c', '../c'],
    ];
    for (const [input, want] of cases) assert.equal(cleanPath(input), want, input);
  });
});
