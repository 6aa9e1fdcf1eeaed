// Outputs and error messages recorded from the real helm binary (Helm v4.1.4, Go 1.25) by rendering each
// template inside `{{define "s"}}` in c/templates/_s.tpl with the given values (missingkey=zero, as Helm).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TemplateSet } from '../src/index.js';

interface Recorded {
  template: string;
  values: unknown;
  helm: string;
}
const cases: Recorded[] = JSON.parse(readFileSync(new URL('./fixtures/helm-oracle.json', import.meta.url), 'utf8'));

function render(template: string, values: unknown): string {
  const set = new TemplateSet({ missingKey: 'zero' });
  try {
    set.parse('c/templates/_s.tpl', '{{- define "s" -}}' + template + '{{- end -}}\n');
    return set.execute('s', { Values: values });
  } catch (e) {
    return 'ERR: ' + (e as Error).message;
  }
}

describe('matches helm (recorded oracle)', () => {
  for (const c of cases) {
    it(c.template.slice(0, 80), () => {
      assert.equal(render(c.template, c.values), c.helm);
    });
  }
});
