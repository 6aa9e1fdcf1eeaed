import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTarGz } from '@helmts/archive';
import { ChartArchiveError, ChartLoadError, expandChartArchive, readChartArchiveMetadata } from '../src/index.js';
import { CHART_YAML, rawTgz } from './raw-tar.js';

describe('expandChartArchive (fetch --untar)', () => {
  let dest: string;
  beforeEach(() => {
    dest = mkdtempSync(join(tmpdir(), 'helmts-untar-'));
  });
  afterEach(() => rmSync(dest, { recursive: true, force: true }));

  it('writes the files under their top folder, bytes and permission bits as stored', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a: 1\n')]);
    const archive = writeTarGz([
      { name: 'demo/Chart.yaml', data: Buffer.from(CHART_YAML) },
      { name: 'demo/values.yaml', data: bom },
      { name: 'demo/scripts/run.sh', data: Buffer.from('#!/bin/sh\n'), mode: 0o755 },
    ]);
    const top = expandChartArchive(archive, dest);
    assert.equal(top, join(dest, 'demo'));
    assert.equal(readFileSync(join(top, 'Chart.yaml'), 'utf8'), CHART_YAML);
    assert.deepEqual(readFileSync(join(top, 'values.yaml')), bom);
    assert.equal(statSync(join(top, 'scripts', 'run.sh')).mode & 0o777, 0o755);
  });

  it('writes nothing from a hostile archive', () => {
    const hostile = rawTgz([
      { name: 'demo/Chart.yaml', data: CHART_YAML },
      { name: 'demo/x', type: '2', linkName: '/etc/passwd' },
    ]);
    assert.throws(() => expandChartArchive(hostile, dest), ChartArchiveError);
    const escaping = rawTgz([
      { name: 'demo/Chart.yaml', data: CHART_YAML },
      { name: 'demo/../../escaped', data: 'x' },
    ]);
    assert.throws(() => expandChartArchive(escaping, dest), /parent directory/);
    assert.deepEqual(readdirSync(dest), []);
  });
});

describe('readChartArchiveMetadata', () => {
  it('reads Chart.yaml only (as Helm decodes it), a missing apiVersion meaning v1', () => {
    const archive = rawTgz([
      { name: 'old/Chart.yaml', data: 'name: old\nversion: 1.10\n' },
      { name: 'old/values.yaml', data: ': not yaml' },
    ]);
    const md = readChartArchiveMetadata(archive);
    // an unquoted 1.10 is a float to YAML, and Helm's decoding turns it into the string "1.1"
    assert.deepEqual([md.name, md.version, md.apiVersion], ['old', '1.1', 'v1']);
  });

  it('refuses an archive without Chart.yaml, a name or a version', () => {
    assert.throws(
      () => readChartArchiveMetadata(rawTgz([{ name: 'demo/values.yaml', data: 'a: 1\n' }])),
      (e: unknown) => e instanceof ChartLoadError && /Chart\.yaml file is missing/.test(e.message),
    );
    assert.throws(
      () => readChartArchiveMetadata(rawTgz([{ name: 'demo/Chart.yaml', data: 'version: 1.0.0\n' }])),
      /name is required/,
    );
    assert.throws(
      () => readChartArchiveMetadata(rawTgz([{ name: 'demo/Chart.yaml', data: 'name: demo\n' }])),
      /version is required/,
    );
  });
});
