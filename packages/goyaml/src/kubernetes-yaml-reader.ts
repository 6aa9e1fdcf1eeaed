/**
 * The documents of a YAML stream as k8s.io/apimachinery's `YAMLReader` cuts them (pkg/util/yaml,
 * what helm v4 reads values files, `-f` files and lint's manifests with). Unlike go-yaml, it knows no
 * YAML: it reads line by line (a trailing `\r` dropped, every line given a `\n`), and a line that
 * starts with `---` ends the document when only blanks or a `#` comment follow; with anything else
 * after it (`--- !!str`, `---x`) reading stops with `invalid Yaml document separator: ...`.
 * Documents with no line at all (two separators in a row) are skipped.
 */
export interface KubernetesYamlDocuments {
  /** The documents read before the stream ended or a bad separator stopped it. */
  documents: string[];
  /** `invalid Yaml document separator: TEXT`, when a bad separator stopped the reading. */
  separatorError?: string;
}

const SEPARATOR = '---';

// Go's unicode.IsSpace (String.prototype.trim also trims U+FEFF and keeps U+0085)
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_TRIM_SPACE = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

export function readKubernetesYamlDocuments(text: string): KubernetesYamlDocuments {
  const documents: string[] = [];
  let buffer = '';
  // bufio.Reader.ReadLine: a line ends at \n, which takes a \r before it along; text after the last \n is a line too
  const lines = text.split('\n');
  const lastEnded = lines[lines.length - 1] === '';
  if (lastEnded) lines.pop();
  lines.forEach((raw, i) => {
    if (raw.endsWith('\r') && (lastEnded || i < lines.length - 1)) lines[i] = raw.slice(0, -1);
  });
  for (const line of lines) {
    if (line.startsWith(SEPARATOR)) {
      const trimmed = line.slice(SEPARATOR.length).replace(GO_TRIM_SPACE, '');
      if (trimmed !== '' && !trimmed.startsWith('#'))
        return { documents, separatorError: `invalid Yaml document separator: ${trimmed}` };
      if (buffer !== '') documents.push(buffer);
      buffer = '';
      continue;
    }
    buffer += `${line}\n`;
  }
  if (buffer !== '') documents.push(buffer);
  return { documents };
}
