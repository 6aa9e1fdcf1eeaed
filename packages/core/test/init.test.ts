import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCli } from './run-cli.js';

/**
 * `init` without a plugin answering the helmts:install-tiller hook (what an install of
 * @helmts/core alone is). The Tiller half, with @helmts/plugin-release, is tested there
 * against a real apiserver.
 */
describe('helmts init (core only)', () => {
  let scratch: string;
  const coreOnly = () => ({ HELMTS_CORE_ONLY: '1', HELMTS_DATA_DIR: join(scratch, 'data-empty') });
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'helmts-init-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('refuses to install Tiller, naming the release plugin, and touches nothing', () => {
    const home = join(scratch, 'h1');
    const r = runCli(['init', '--home', home], coreOnly());
    assert.equal(r.status, 2, r.stderr);
    assert.match(
      r.stderr,
      /^Error: installing Tiller needs the release plugin\nHint: .*init --client-only.*plugins install @helmts\/plugin-release/,
    );
    assert.equal(existsSync(home), false);
  });

  it('refuses --dry-run -o yaml the same way (the manifests come from the plugin)', () => {
    const r = runCli(['init', '--dry-run', '-o', 'yaml', '--home', join(scratch, 'h2')], coreOnly());
    assert.equal(r.status, 2);
    assert.match(r.stderr, /installing Tiller needs the release plugin/);
  });

  it("sets up HELMTS_HOME with --client-only, with Helm 2's lines", () => {
    const home = join(scratch, 'h3');
    const r = runCli(['init', '--client-only', '--home', home, '--history-max', '5', '--skip-refresh'], coreOnly());
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(
        `\\$HELM_HOME has been configured at ${home}\\.\\nNot installing Tiller due to 'client-only' flag having been set\\n$`,
      ),
    );
    assert.ok(existsSync(join(home, 'repository', 'repositories.yaml')));
  });

  it('rejects --output with --client-only', () => {
    const r = runCli(['init', '--client-only', '-o', 'yaml', '--home', join(scratch, 'h4')], coreOnly());
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--output prints Tiller's manifests; it cannot be combined with --client-only/);
  });

  it("accepts Helm 2's init flags and validates their values", () => {
    const r = runCli(['init', '--storage', 'sql', '--home', join(scratch, 'h5')], coreOnly());
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Expected --storage=sql to be one of: configmap, secret/);
  });
});
