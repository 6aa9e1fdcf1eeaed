import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  COMPLETION_MODES,
  completeLine,
  completionSandbox,
  interactiveShell,
  type CompletionMode,
} from '@helmts/testkit';

import { completionTree } from '../src/completion/command-tree.js';
import { runCli } from './run-cli.js';

/** `helmts completion bash|zsh`: Helm 2's command, its scripts run in real bash and zsh. */
describe('helmts completion', () => {
  let sandbox: ReturnType<typeof completionSandbox>;
  let home: string;
  let pluginDir: string;
  /** The shell's environment: only what a user's shell would have, helmts on PATH. */
  let env: Record<string, string>;
  const scripts: Partial<Record<'bash' | 'zsh', string>> = {};
  const script = (mode: CompletionMode) => scripts[mode === 'zsh' ? 'zsh' : 'bash']!;

  before(() => {
    sandbox = completionSandbox();
    home = join(sandbox.dir, 'home');
    pluginDir = join(sandbox.dir, 'helm-plugins');
    // a Helm 2 plugin (plugin.yaml), completed as a command
    mkdirSync(join(pluginDir, 'diff'), { recursive: true });
    writeFileSync(
      join(pluginDir, 'diff', 'plugin.yaml'),
      'name: "diffing"\nversion: "3.1.3"\nusage: "Preview helm upgrade changes"\ncommand: "$HELM_PLUGIN_DIR/bin/diff"\n',
    );
    // two repositories, as `repo add` writes them
    mkdirSync(join(home, 'repository', 'cache'), { recursive: true });
    writeFileSync(
      join(home, 'repository', 'repositories.yaml'),
      [
        'apiVersion: v1',
        'generated: "2026-12-07T00:00:00Z"',
        'repositories:',
        ...['stable', 'team-charts'].flatMap((name) => [
          `- name: ${name}`,
          `  url: http://127.0.0.1:9/${name}`,
          `  cache: ${join(home, 'repository', 'cache', `${name}-index.yaml`)}`,
        ]),
        '',
      ].join('\n'),
    );
    // no Tiller listens there: release names are asked for and none come, after a second
    env = {
      PATH: sandbox.path,
      HELMTS_HOME: home,
      HELM_PLUGIN: pluginDir,
      HELMTS_HOST: '127.0.0.1:9',
      HELMTS_TILLER_CONNECTION_TIMEOUT: '1',
    };
    for (const shell of ['bash', 'zsh'] as const) {
      const r = runCli(['completion', shell], env);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      scripts[shell] = r.stdout;
    }
  });
  after(() => sandbox?.dispose());

  describe("errors in Helm 2's words (exit 1)", () => {
    for (const [args, message] of [
      [[], 'shell not specified'],
      [['fish'], 'unsupported shell type "fish"'],
      [['bash', 'zsh'], 'too many arguments, expected only the shell type'],
      [['fish', 'zsh'], 'too many arguments, expected only the shell type'],
    ] as const) {
      it(`completion ${args.join(' ')}`.trim(), () => {
        const r = runCli(['completion', ...args]);
        assert.equal(r.stdout, '');
        assert.equal(r.stderr, `Error: ${message}\n`);
        assert.equal(r.status, 1);
      });
    }
  });

  it('prints scripts that bash and zsh parse', () => {
    for (const shell of ['bash', 'zsh'] as const) {
      const r = spawnSync(shell, ['-n'], { input: scripts[shell], encoding: 'utf8' });
      assert.equal(r.status, 0, `${shell} -n: ${r.stderr}`);
    }
    assert.match(scripts.zsh!, /^#compdef helmts\n/);
    assert.match(scripts.bash!, /^complete -o default -F _helmts helmts$/m);
  });

  for (const mode of COMPLETION_MODES) {
    describe(`in ${mode}`, () => {
      const complete = (line: string) => completeLine(mode, script(mode), line, env);

      it('completes commands, topics and their subcommands, aliases included', async () => {
        assert.deepEqual(await complete('helmts sta'), ['status']);
        assert.deepEqual(await complete('helmts del'), ['del', 'delete']);
        assert.deepEqual(await complete('helmts get '), ['hooks', 'manifest', 'notes', 'values']);
        assert.deepEqual(await complete('helmts repo re'), ['remove']);
        assert.deepEqual(await complete('helmts dep u'), ['up', 'update']);
        const root = await complete('helmts ');
        for (const command of ['completion', 'install', 'list', 'plugin', 'template', 'version'])
          assert.ok(root.includes(command), `${command} in ${root.join(' ')}`);
      });

      it("completes a Helm plugin's name as a command", async () => {
        assert.deepEqual(await complete('helmts diffi'), ['diffing']);
      });

      it("completes a command's flags, global ones included", async () => {
        assert.deepEqual(await complete('helmts get values --'), [
          '--all',
          '--debug',
          '--help',
          '--home',
          '--host',
          '--kube-context',
          '--kubeconfig',
          '--local',
          '--output',
          '--revision',
          '--tiller-connection-timeout',
          '--tiller-namespace',
          '--tls',
          '--tls-ca-cert',
          '--tls-cert',
          '--tls-hostname',
          '--tls-key',
          '--tls-verify',
        ]);
        assert.deepEqual(await complete('helmts --deb'), ['--debug']);
        // Helm 2's names of flags helmts spells as Helm 3 does
        assert.deepEqual(await complete('helmts template --exe'), ['--execute']);
        assert.deepEqual(await complete('helmts search --col'), ['--col-width']);
      });

      it("completes a flag's options, after a space or an =", async () => {
        assert.deepEqual(await complete('helmts list --output '), ['table', 'json', 'yaml']);
        assert.deepEqual(await complete('helmts status web -o j'), ['json']);
        // bash replaces what follows the = itself; zsh's word is the whole --flag=value
        assert.deepEqual(
          await complete('helmts install --dialect=h'),
          mode === 'zsh' ? ['--dialect=helm2', '--dialect=helm3'] : ['helm2', 'helm3'],
        );
        assert.deepEqual(await complete('helmts completion '), ['bash', 'zsh']);
      });

      it('skips flags and their values to find the command and the argument', async () => {
        assert.deepEqual(await complete('helmts --home /tmp/h --debug ge'), ['get']);
        assert.deepEqual(await complete('helmts get --revision 3 va'), ['values']);
        // after a value flag's value, the next word is an argument (files: nothing offered)
        assert.deepEqual(await complete('helmts install -f values.yaml '), []);
        assert.deepEqual(await complete('helmts install -- --'), []);
        assert.deepEqual(await complete('helmts template -x templates/a.yaml --name web --dialect '), [
          'helm2',
          'helm3',
        ]);
      });

      it('asks helmts for repository and Helm plugin names', async () => {
        assert.deepEqual(await complete('helmts repo remove '), ['stable', 'team-charts']);
        assert.deepEqual(await complete('helmts repo rm t'), ['team-charts']);
        assert.deepEqual(await complete('helmts plugin remove '), ['diffing']);
      });

      it('offers nothing (no error) for releases when Tiller cannot be reached', async () => {
        assert.deepEqual(await complete('helmts status '), []);
      });
    });
  }

  it('completes through a link named helm (a Helm 2 user keeping their command name)', async () => {
    const link = join(sandbox.bin, 'helm');
    spawnSync('ln', ['-sf', join(sandbox.bin, 'helmts'), link]);
    const r = spawnSync(link, ['completion', 'bash'], { encoding: 'utf8', env: { ...process.env, ...env } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^complete -o default -F _helmts helm$/m);
    assert.deepEqual(await completeLine('bash', r.stdout, 'helm sta', env), ['status']);
  });

  describe('at a real prompt (tmux)', () => {
    const setups = {
      bash: 'source <(helmts completion bash)',
      'bash-completion': 'source /usr/share/bash-completion/bash_completion && source <(helmts completion bash)',
      zsh: 'source <(helmts completion zsh)',
    };
    for (const mode of COMPLETION_MODES) {
      it(`TAB completes commands and flag values in interactive ${mode}`, async () => {
        const session = await interactiveShell(mode === 'zsh' ? 'zsh' : 'bash', setups[mode], env);
        try {
          await session.type('helmts sta\t', /^\$ helmts status ?$/m);
          await session.type('--outp\t', /^\$ helmts status --output ?$/m);
          const screen = await session.type('\t\t', /json/);
          assert.match(screen, /table/);
          assert.match(screen, /yaml/);
          // a new line (Ctrl-U clears this one): the value after an = (bash splits the word there)
          await session.type('\x15helmts list --output=y\t', /^\$ helmts list --output=yaml ?$/m);
        } finally {
          session.close();
        }
      });
    }
  });

  describe('completionTree', () => {
    it('leaves out hidden commands, aliases, flags and words a script cannot quote', () => {
      const tree = completionTree(
        [
          {
            id: 'get:values',
            aliases: ['get:vals'],
            hiddenAliases: ['get:vals'],
            flags: {
              revision: { name: 'revision', type: 'option' },
              secret: { name: 'secret', type: 'boolean', hidden: true },
              format: {
                name: 'format',
                type: 'option',
                char: 'F',
                options: ['a', "b'c", 'd e'],
                aliases: ['fmt'],
                charAliases: ['x'],
              },
            },
            args: { release: { name: 'release' }, extra: { name: 'extra', options: ['x'] } },
          },
          { id: 'internal', hidden: true },
          { id: "it's", flags: {} },
        ],
        { helmPlugins: ['diff', 'bad name'] },
      );
      assert.deepEqual(
        tree.nodes.map((n) => n.path),
        ['', 'get', 'get values'],
      );
      const values = tree.nodes[2];
      assert.deepEqual(values.flags, ['--fmt', '--format', '--help', '--revision', '-F', '-h', '-x']);
      assert.deepEqual(values.valueFlags, ['--fmt', '--format', '--revision', '-F', '-x']);
      assert.deepEqual(values.flagValues, { '--fmt': ['a'], '--format': ['a'], '-F': ['a'], '-x': ['a'] });
      assert.deepEqual(values.args, [{ kind: 'releases' }, { kind: 'words', words: ['x'] }]);
      assert.deepEqual(tree.nodes[0].subcommands, ['diff', 'get']);
    });
  });
});
