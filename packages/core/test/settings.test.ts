import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { resolveSettings, settingsEnvironment } from '../src/sdk/settings.js';

describe('settings', () => {
  it('uses Helm 2 defaults when nothing is given', () => {
    const s = resolveSettings({}, {});
    assert.equal(s.home, join(homedir(), '.helmts'));
    assert.equal(s.tillerNamespace, 'kube-system');
    assert.equal(s.tillerConnectionTimeout, 300);
    assert.equal(s.host, undefined);
    assert.equal(s.debug, false);
  });

  it('reads the environment when no flag is given', () => {
    const s = resolveSettings(
      {},
      { HELMTS_HOME: '/h', HELMTS_HOST: 'tiller:44134', TILLER_NAMESPACE: 'ops', KUBECONFIG: '/k', HELMTS_DEBUG: '1' },
    );
    assert.deepEqual(
      { home: s.home, host: s.host, ns: s.tillerNamespace, kubeconfig: s.kubeconfig, debug: s.debug },
      { home: '/h', host: 'tiller:44134', ns: 'ops', kubeconfig: '/k', debug: true },
    );
  });

  it('lets flags win over the environment', () => {
    const s = resolveSettings(
      { home: '/flag', 'tiller-namespace': 'flagged', host: 'a:1' },
      { HELMTS_HOME: '/env', TILLER_NAMESPACE: 'env', HELMTS_HOST: 'b:2' },
    );
    assert.equal(s.home, '/flag');
    assert.equal(s.tillerNamespace, 'flagged');
    assert.equal(s.host, 'a:1');
  });

  it('ignores a non-numeric connection timeout from the environment', () => {
    assert.equal(resolveSettings({}, { HELMTS_TILLER_CONNECTION_TIMEOUT: 'soon' }).tillerConnectionTimeout, 300);
    assert.equal(resolveSettings({}, { HELMTS_TILLER_CONNECTION_TIMEOUT: '5' }).tillerConnectionTimeout, 5);
  });

  it('exports the settings to child processes under Helm 2 names too', () => {
    const env = settingsEnvironment(resolveSettings({ home: '/h', host: 'x:1' }, {}));
    assert.equal(env.HELM_HOME, '/h');
    assert.equal(env.HELMTS_HOME, '/h');
    assert.equal(env.HELM_HOST, 'x:1');
    assert.equal(env.TILLER_NAMESPACE, 'kube-system');
  });
});
