import assert from 'node:assert/strict';

import { prepareCommand, selectPlatformCommand, splitGlobalFlags } from '../src/legacy-plugins/command-line.js';
import { expandEnv } from '../src/legacy-plugins/environment.js';
import { parseManifest } from '../src/legacy-plugins/manifest.js';

describe('legacy plugins: plugin.yaml', () => {
  it("reads every field and fills Helm's defaults", () => {
    const m = parseManifest(
      {
        name: 'diff',
        version: '1.0.0',
        command: 'x',
        hooks: { install: 'i' },
        downloaders: [{ command: 'd', protocols: ['s3'] }],
      },
      'p',
    );
    assert.equal(m.usage, 'the "diff" plugin');
    assert.equal(m.ignoreFlags, false);
    assert.deepEqual(m.hooks, { install: 'i' });
    assert.deepEqual(m.downloaders, [{ command: 'd', protocols: ['s3'] }]);
  });

  it('rejects unknown keys, bad names and bad types', () => {
    assert.throws(() => parseManifest({ name: 'a', ignoreflags: true }, 'p'), /unknown field "ignoreflags"/);
    assert.throws(() => parseManifest({ name: '../evil' }, 'p'), /"name" must be made of/);
    assert.throws(() => parseManifest({ name: 'a', ignoreFlags: 'yes' }, 'p'), /"ignoreFlags" must be true or false/);
    assert.throws(
      () => parseManifest({ name: 'a', hooks: { preinstall: 'x' } }, 'p'),
      /unknown hook "hooks.preinstall"/,
    );
    assert.throws(
      () => parseManifest({ name: 'a', downloaders: [{ command: 'd', protocols: 's3' }] }, 'p'),
      /protocols" must be a list/,
    );
  });
});

describe('legacy plugins: command line', () => {
  it("expands variables as Go's os.ExpandEnv does", () => {
    const env = { A: 'x', LONG_NAME: 'y', '1': 'one' };
    assert.equal(expandEnv('$A/${LONG_NAME}/$MISSING/end', env), 'x/y//end');
    assert.equal(expandEnv('cost $ 5 and $', env), 'cost $ 5 and $');
    assert.equal(expandEnv('$1 ${} ${A', env), 'one  A');
  });

  it("takes helmts's global flags out wherever they are and leaves the rest in order", () => {
    const split = splitGlobalFlags([
      'a',
      '--debug',
      '--host',
      'h:1',
      '-x',
      '--tiller-namespace=ops',
      '--kube-context',
      'c',
      '--flag=v',
      'b',
    ]);
    assert.deepEqual(split.pluginArgs, ['a', '-x', '--flag=v', 'b']);
    assert.deepEqual(split.settings, { debug: true, host: 'h:1', 'tiller-namespace': 'ops', 'kube-context': 'c' });
  });

  it("appends the user's arguments unless ignoreFlags, splitting the command on spaces", () => {
    const manifest = parseManifest({ name: 'p', command: '$DIR/run.sh --fixed' }, 'p');
    assert.deepEqual(prepareCommand(manifest, ['u1'], { DIR: '/d' }), {
      program: '/d/run.sh',
      args: ['--fixed', 'u1'],
    });
    const ignoring = parseManifest({ name: 'p', command: '$DIR/run.sh', ignoreFlags: true }, 'p');
    assert.deepEqual(prepareCommand(ignoring, ['u1'], { DIR: '/d' }), { program: '/d/run.sh', args: [] });
  });

  it('picks the platform command for this os and arch', () => {
    const entries = [
      { os: 'linux', command: 'linux-any' },
      { os: 'linux', arch: 'arm64', command: 'linux-arm' },
      { os: 'darwin', command: 'mac' },
    ];
    assert.equal(selectPlatformCommand(entries, 'plain', { os: 'linux', arch: 'arm64' }), 'linux-arm');
    assert.equal(selectPlatformCommand(entries, 'plain', { os: 'linux', arch: 'amd64' }), 'linux-any');
    assert.equal(selectPlatformCommand(entries, 'plain', { os: 'windows', arch: 'amd64' }), 'plain');
  });
});
