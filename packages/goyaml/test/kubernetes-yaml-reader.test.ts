import assert from 'node:assert/strict';

import { readKubernetesYamlDocuments } from '../src/index.js';

// What k8s.io/apimachinery's YAMLReader returns, read by hand from pkg/util/yaml/decoder.go (the
// values-files oracle test in plugin-create checks the same through the real helm v4).
describe('readKubernetesYamlDocuments (k8s YAMLReader)', () => {
  const cases: Array<[string, string[], string?]> = [
    ['a: 1\n---\nb: 2\n', ['a: 1\n', 'b: 2\n']],
    ['a: 1', ['a: 1\n']],
    ['', []],
    ['---\n---\na: 1\n---\n', ['a: 1\n']],
    ['a: 1\n---   # a comment\nb: 2', ['a: 1\n', 'b: 2\n']],
    // the line reader drops the \r of a \r\n, not a \r at the very end
    ['a: 1\r\n---\r\nb: 2\r', ['a: 1\n', 'b: 2\r\n']],
    // an indented --- and a --- inside a block scalar's text are not separators; one at column 0 is
    ['a: |\n  ---\nb: 2\n', ['a: |\n  ---\nb: 2\n']],
    ['a: |\n---\n', ['a: |\n']],
    // anything but blanks and a comment after --- stops the reading; the document before it is lost
    ['a: 1\n---\nb: 2\n--- !!str\nc: 3\n', ['a: 1\n'], 'invalid Yaml document separator: !!str'],
    ['---x\n', [], 'invalid Yaml document separator: x'],
    ['--- \t\n', []],
    // Go's TrimSpace: U+0085 is a space, U+FEFF is not
    ['---\u0085\na', ['a\n']],
    ['---\ufeff\n', [], 'invalid Yaml document separator: \ufeff'],
  ];
  for (const [text, documents, separatorError] of cases) {
    it(JSON.stringify(text), () => {
      assert.deepEqual(
        readKubernetesYamlDocuments(text),
        separatorError ? { documents, separatorError } : { documents },
      );
    });
  }
});
