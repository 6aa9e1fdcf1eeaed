import assert from 'node:assert/strict';
import {
  GotplEngine,
  makeCapabilities,
  makeReleaseObject,
  buildScopes,
  type ChartTree,
  type RenderedTemplates,
} from '../src/index.js';

const enc = new TextEncoder();

/**
 * Values whose `a` counts its reads: `a` is the same object each time, and reading `a.b` counts too,
 * so the count says how many times an include or a toYaml really ran.
 */
function countingValues(): { values: Record<string, unknown>; reads: () => number } {
  let reads = 0;
  const a = {};
  Object.defineProperty(a, 'b', {
    enumerable: true,
    get() {
      reads++;
      return 'x';
    },
  });
  const values: Record<string, unknown> = {};
  Object.defineProperty(values, 'a', { enumerable: true, get: () => a });
  return { values, reads: () => reads };
}

async function render(
  templates: Record<string, string>,
  values: Record<string, unknown>,
  engine = new GotplEngine(),
  lintMode = false,
): Promise<RenderedTemplates> {
  const tree: ChartTree = {
    metadata: { name: 'c', version: '1.0.0', apiVersion: 'v2' },
    templates: Object.entries(templates).map(([n, t]) => ({ name: `templates/${n}`, data: enc.encode(t) })),
    files: [],
    dependencies: [],
  };
  const scopes = buildScopes(tree, {
    values,
    release: makeReleaseObject({ name: 'rel', namespace: 'ns' }),
    capabilities: makeCapabilities({ kubeVersion: 'v1.30.0' }),
  });
  return await engine.render({ scopes, lintMode });
}

const helpers = '{{ define "b" }}b={{ .Values.a.b }}{{ end }}';

describe('gotpl engine: include and toYaml reused while rendering is repeatable', () => {
  it('runs an include of the same name and data object once per template', async () => {
    const { values, reads } = countingValues();
    const out = await render(
      { '_h.tpl': helpers, 'a.yaml': '{{ include "b" . }} {{ include "b" . }} {{ include "b" . | upper }}' },
      values,
    );
    assert.equal(out.get('c/templates/a.yaml'), 'b=x b=x B=X');
    assert.equal(reads(), 1);
  });

  it('writes the same object once with toYaml', async () => {
    const { values, reads } = countingValues();
    const out = await render(
      { 'a.yaml': '{{ toYaml .Values.a }}|{{ toYaml .Values.a }}', 'b.yaml': '{{ .Values.a | toYaml }}' },
      values,
    );
    assert.equal(out.get('c/templates/a.yaml'), 'b: x|b: x');
    assert.equal(out.get('c/templates/b.yaml'), 'b: x');
    assert.equal(reads(), 1);
  });

  it('runs every include and toYaml again once a template can change values (set, merge)', async () => {
    const { values, reads } = countingValues();
    const out = await render(
      {
        '_h.tpl': '{{ define "v" }}{{ toYaml .Values.c }}{{ end }}',
        'a.yaml':
          '{{ $_ := set .Values "c" (dict "k" 1) }}{{ include "v" . }}|{{ $_ := set .Values.c "k" 2 }}{{ include "v" . }}|{{ toYaml .Values.a }}{{ toYaml .Values.a }}',
      },
      values,
    );
    assert.equal(out.get('c/templates/a.yaml'), 'k: 1|k: 2|b: xb: x');
    assert.equal(reads(), 2);
  });

  it('runs an include again when a template calls a random or clock function', async () => {
    const { values, reads } = countingValues();
    const out = await render(
      {
        '_h.tpl': helpers + '{{ define "r" }}{{ randAlphaNum 16 }}{{ end }}',
        'a.yaml': '{{ include "b" . }} {{ include "b" . }} {{ ne (include "r" .) (include "r" .) }}',
      },
      values,
    );
    assert.equal(out.get('c/templates/a.yaml'), 'b=x b=x true');
    assert.equal(reads(), 2);
  });

  it('reuses nothing in lint mode or when a template calls a function given to the engine', async () => {
    const templates = { '_h.tpl': helpers, 'a.yaml': '{{ include "b" . }}{{ include "b" . }}{{ mine }}' };
    const mine = Object.assign(() => '!', { goArity: { params: 0, variadic: false } });
    const given = countingValues();
    assert.equal(
      (await render(templates, given.values, new GotplEngine({ mine }))).get('c/templates/a.yaml'),
      'b=xb=x!',
    );
    assert.equal(given.reads(), 2);
    const linted = countingValues();
    await render(
      { '_h.tpl': helpers, 'a.yaml': '{{ include "b" . }}{{ include "b" . }}' },
      linted.values,
      undefined,
      true,
    );
    assert.equal(linted.reads(), 2);
  });
});
