import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { helmts } from './cli.js';

describe('inspect (Helm 2)', () => {
  const work = mkdtempSync(join(tmpdir(), 'helmts-inspect-'));
  const env = { HELMTS_HOME: join(work, 'home') };
  const chart = join(work, 'web');
  before(() => {
    mkdirSync(join(chart, 'templates'), { recursive: true });
    // Chart.yaml in an order and with fields Helm 2's Metadata message reorders and drops
    writeFileSync(
      join(chart, 'Chart.yaml'),
      'name: web\nversion: 1.0.0\napiVersion: v1\nappVersion: "1.0"\ntype: application\nmaintainers:\n- name: x\n  email: x@y\ndescription: ""\n',
    );
    writeFileSync(join(chart, 'values.yaml'), '# comment kept\ngreeting: hello\n');
    writeFileSync(join(chart, 'README.md'), '# Web\n');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  const metadata =
    'apiVersion: v1\nappVersion: "1.0"\nmaintainers:\n- email: x@y\n  name: x\nname: web\nversion: 1.0.0\n\n';

  it('inspect CHART prints the metadata, values.yaml verbatim and the README, separated by ---', () => {
    const r = helmts(['inspect', chart], env);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${metadata}---\n# comment kept\ngreeting: hello\n\n---\n# Web\n\n`);
  });

  it('inspect chart|values|readme print one part each', () => {
    assert.equal(helmts(['inspect', 'chart', chart], env).stdout, metadata);
    assert.equal(helmts(['inspect', 'values', chart], env).stdout, '# comment kept\ngreeting: hello\n\n');
    assert.equal(helmts(['inspect', 'readme', chart], env).stdout, '# Web\n\n');
  });

  it('says what is wrong for a chart that does not exist', () => {
    const r = helmts(['inspect', 'values', join(work, 'nope')], env);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^Error: .*nope/);
  });
});
