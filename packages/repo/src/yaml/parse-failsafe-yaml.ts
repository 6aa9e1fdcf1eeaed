import { parseAllDocuments, visit } from 'yaml';

/**
 * One YAML document with every scalar a string (the failsafe schema), so that `version: 1.10`
 * stays "1.10" as Helm's typed decoding keeps it. An empty plain value (`key:`) is null, as Go
 * reads it. More than one document, duplicate keys and unknown tags are errors. Throws the first problem.
 */
export function parseFailsafeYaml(text: string): unknown {
  const docs = parseAllDocuments(text, { schema: 'failsafe', logLevel: 'silent' });
  if (docs.length === 0) return null;
  if (docs.length > 1) throw new Error('expected a single document in the stream, but found more (multiple documents)');
  const [doc] = docs;
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw problem;
  visit(doc, {
    Scalar(_key, node) {
      if (node.type === 'PLAIN' && node.source === '' && !node.tag) node.value = null;
    },
  });
  return doc.toJS();
}
