import assert from 'node:assert/strict';
import { GotplEngine, makeCapabilities, makeReleaseObject, buildScopes, type ChartTree } from '../src/index.js';

const enc = new TextEncoder();

function scopesOf(templates: Record<string, string>, values: Record<string, unknown> = {}) {
  const tree: ChartTree = {
    metadata: { name: 'c', version: '1.0.0', apiVersion: 'v2' },
    templates: Object.entries(templates).map(([n, t]) => ({ name: `templates/${n}`, data: enc.encode(t) })),
    files: [],
    dependencies: [],
  };
  return buildScopes(tree, {
    values,
    release: makeReleaseObject({ name: 'rel', namespace: 'ns' }),
    capabilities: makeCapabilities({ kubeVersion: 'v1.30.0' }),
  });
}

describe('gotpl engine: Sprig groups loaded on first use', () => {
  it('renders synchronously when the templates name no lazily loaded function', () => {
    const out = new GotplEngine().render({
      scopes: scopesOf({ 'a.yaml': '{{ "x" | upper | quote }} {{ sha256sum "a" | trunc 8 }}' }),
    });
    assert.ok(!(out instanceof Promise));
    assert.equal(out.get('c/templates/a.yaml'), '"X" ca978112');
  });

  it('loads the groups a template names before executing it', async () => {
    const engine = new GotplEngine();
    const out = await engine.render({
      scopes: scopesOf({
        'a.yaml':
          '{{ regexMatch "^a+$" "aaa" }} {{ semverCompare ">=1.2" "1.3.0" }} {{ urlParse "http://h/p" | dig "host" "" }}',
      }),
    });
    assert.equal(out.get('c/templates/a.yaml'), 'true true h');
    // loaded once: later renders of the same names are synchronous
    const again = engine.render({ scopes: scopesOf({ 'b.yaml': '{{ regexFind "b+" "abbc" }}' }) });
    assert.ok(!(again instanceof Promise));
    assert.equal(again.get('c/templates/b.yaml'), 'bb');
  });

  it('loads every group when a template uses tpl (its text comes from values)', async () => {
    const out = await new GotplEngine().render({
      scopes: scopesOf(
        { 'a.yaml': '{{ tpl .Values.t . }}' },
        { t: '{{ toDate "2006-01-02" "2024-05-06" | date "2006" }} {{ uuidv4 | len }}' },
      ),
    });
    assert.equal(out.get('c/templates/a.yaml'), '2024 36');
  });

  it('keeps functions given to the engine over lazily loaded ones of the same name', async () => {
    const engine = new GotplEngine({
      semver: Object.assign(() => 'mine', { goArity: { params: 1, variadic: false } }),
    });
    const out = await engine.render({
      scopes: scopesOf({ 'a.yaml': '{{ semver "1.0.0" }} {{ semverCompare "1.x" "1.0.0" }}' }),
    });
    assert.equal(out.get('c/templates/a.yaml'), 'mine true');
  });
});
