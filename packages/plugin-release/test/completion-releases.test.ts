import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

import { COMPLETION_MODES, completeLine, completionSandbox, interactiveShell, runHelmts } from '@helmts/testkit';

import { useTiller } from './tiller-fixture.js';

const chart = fileURLToPath(new URL('fixtures/dialects', import.meta.url));

/**
 * `helmts completion bash|zsh` completes release names by asking Tiller (`list --short`), reaching
 * it with the Tiller flags typed on the line, as Helm 2's script does.
 */
describe('shell completion of release names @cluster', function () {
  this.timeout(180_000);
  const t = useTiller('complete');
  let sandbox: ReturnType<typeof completionSandbox>;
  const scripts: Record<string, string> = {};
  /** The shell's environment: no HELMTS_HOST and no cluster, so Tiller is found only through the line. */
  let env: Record<string, string>;
  const script = (mode: string) => scripts[mode === 'zsh' ? 'zsh' : 'bash'];

  before(async () => {
    sandbox = completionSandbox();
    for (const name of ['web-a', 'web-b', 'db']) {
      const r = await t.helmts(['install', chart, '--name', name, '--namespace', t.ns]);
      assert.equal(r.status, 0, r.stderr);
    }
    // a deleted release (kept in history) completes too, as with Helm 2's `list -a`
    const r = await t.helmts(['delete', 'db']);
    assert.equal(r.status, 0, r.stderr);
    env = { PATH: sandbox.path, HELMTS_HOME: t.home, TILLER_NAMESPACE: t.tillerNs };
    for (const shell of ['bash', 'zsh']) scripts[shell] = runHelmts(['completion', shell], { env }).stdout;
  });
  after(() => sandbox?.dispose());

  for (const mode of COMPLETION_MODES) {
    it(`completes release names in ${mode}, with the --host typed on the line`, async () => {
      const host = t.tiller.address;
      const complete = (line: string) => completeLine(mode, script(mode), line, env);
      assert.deepEqual(await complete(`helmts status --host ${host} `), ['db', 'web-a', 'web-b']);
      assert.deepEqual(await complete(`helmts --host ${host} history we`), ['web-a', 'web-b']);
      assert.deepEqual(await complete(`helmts get values --host=${host} w`), ['web-a', 'web-b']);
      assert.deepEqual(await complete(`helmts get --host ${host} d`), ['db']);
      // upgrade RELEASE CHART: the chart is a path (the shell's own file names)
      assert.deepEqual(await complete(`helmts upgrade --host ${host} web-a `), []);
      // without the line's --host, no Tiller is found: nothing is offered, and nothing printed
      assert.deepEqual(await complete('helmts status '), []);
    });
  }

  it('lists release names at a real bash prompt on TAB TAB', async () => {
    const session = await interactiveShell('bash', 'source <(helmts completion bash)', env);
    try {
      await session.type(`helmts status --host ${t.tiller.address} w\t`, /status --host \S+ web-$/m);
      const screen = await session.type('\t\t', /web-a\s+web-b/);
      assert.doesNotMatch(screen, /Error/);
    } finally {
      session.close();
    }
  });
});
