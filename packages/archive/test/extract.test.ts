import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { extractArchive, UnsafeArchiveError, writeTar, writeTarGz, type TarWriteEntry } from '../src/index.js';

describe('extractArchive', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'helmts-archive-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('extracts files, directories, inner links and executable bits', async () => {
    const target = join(scratch, 'out');
    await extractArchive(
      writeTarGz([
        { name: 'p/', type: 'directory' },
        { name: './p/plugin.yaml', data: Buffer.from('name: p\n') },
        { name: 'p/bin/run.sh', data: Buffer.from('#!/bin/sh\n'), mode: 0o755 },
        { name: 'p/lib/run', type: 'symlink', linkName: '../bin/run.sh' },
      ]),
      target,
    );
    assert.equal(readFileSync(join(target, 'p/plugin.yaml'), 'utf8'), 'name: p\n');
    assert.equal(statSync(join(target, 'p/bin/run.sh')).mode & 0o111, 0o111);
    assert.equal(readFileSync(join(target, 'p/lib/run'), 'utf8'), '#!/bin/sh\n');
  });

  it('extracts an uncompressed tar too', async () => {
    const target = join(scratch, 'plain');
    await extractArchive(writeTar([{ name: 'a.txt', data: Buffer.from('a') }]), target);
    assert.equal(readFileSync(join(target, 'a.txt'), 'utf8'), 'a');
  });

  const file = (name: string, content = 'x'): TarWriteEntry => ({ name, data: Buffer.from(content) });
  const hostile: [string, TarWriteEntry[], RegExp][] = [
    ['a ".." path', [file('p/../../escaped')], /leaving its directory/],
    ['an absolute path', [file('/tmp/escaped')], /absolute path/],
    ['a link to an absolute path', [{ name: 'link', type: 'symlink', linkName: '/etc' }], /absolute path/],
    ['a link climbing out', [{ name: 'a/link', type: 'symlink', linkName: '../../outside' }], /leaving its directory/],
    [
      'a chain of links climbing out',
      [
        { name: 'up', type: 'symlink', linkName: '.' },
        { name: 'd/x', type: 'symlink', linkName: '../up/../sibling' },
        file('sibling', 'ok'),
        { name: 'e/f/g', type: 'symlink', linkName: '../../up/../..' },
      ],
      /leaving its directory|dangling/,
    ],
    [
      'a file written through a link',
      [{ name: 'dir', type: 'symlink', linkName: '.' }, file('dir/file')],
      /through a symbolic link/,
    ],
    ['a hard link', [{ name: 'h', type: 'hardlink', linkName: '/etc/passwd' }], /hard link/],
  ];
  for (const [what, entries, message] of hostile) {
    it(`refuses ${what}`, async () => {
      const target = join(scratch, 'out');
      await assert.rejects(extractArchive(writeTarGz(entries), target), (error: Error) => {
        assert.ok(error instanceof UnsafeArchiveError, error.message);
        assert.match(error.message, message);
        return true;
      });
      assert.ok(!existsSync(join(scratch, 'escaped')));
      assert.ok(!existsSync(join(scratch, 'outside')));
    });
  }

  it('names what the archive is in its refusals', async () => {
    await assert.rejects(
      extractArchive(writeTarGz([{ name: 'h', type: 'hardlink', linkName: 'x' }]), join(scratch, 'out'), {
        kind: 'plugin archives',
      }),
      /the archive holds a hard link \(h\), which plugin archives may not contain/,
    );
  });

  it('refuses an archive over its size budget before writing anything', async () => {
    const { SizeBudget } = await import('../src/index.js');
    const target = join(scratch, 'out');
    await assert.rejects(
      extractArchive(writeTarGz([file('a', 'x'.repeat(600)), file('b', 'y'.repeat(600))]), target, {
        budget: new SizeBudget({ maxTotalBytes: 1000, maxFileBytes: 1000 }),
      }),
      /larger than the maximum size 1000/,
    );
    assert.ok(!existsSync(target));
  });
});
