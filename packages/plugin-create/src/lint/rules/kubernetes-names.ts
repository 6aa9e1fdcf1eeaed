import { goQuote } from '@helmts/gotemplate';

/**
 * Kubernetes' rules for an object's metadata.name, in the words of k8s.io/apimachinery's validation
 * (what Helm 4's lint quotes): each rule lists every problem it finds, and Helm wraps them as
 * `field.Invalid` errors under `metadata.name`.
 */

const SUBDOMAIN_FORMAT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const DNS1123_LABEL_FORMAT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_FORMAT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const matches = (format: string, value: string) => new RegExp(`^${format}$`).test(value);

/** apimachinery's RegexError: the message, its examples and the pattern. */
function regexError(message: string, format: string, ...examples: string[]): string {
  const eg = examples.map((example) => `'${example}', `).join(' or ');
  return `${message} (${examples.length ? `e.g. ${eg}` : ''}regex used for validation is '${format}')`;
}

const maxLength = (limit: number) => `must be no more than ${limit} characters`;

function dns1123Subdomain(value: string): string[] {
  const problems = value.length > 253 ? [maxLength(253)] : [];
  if (!matches(SUBDOMAIN_FORMAT, value))
    problems.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        SUBDOMAIN_FORMAT,
        'example.com',
      ),
    );
  return problems;
}

function dns1123Label(value: string): string[] {
  const problems = value.length > 63 ? [maxLength(63)] : [];
  if (!matches(DNS1123_LABEL_FORMAT, value))
    // a valid subdomain that is no label can only have dots (the length is checked above)
    problems.push(
      matches(SUBDOMAIN_FORMAT, value)
        ? 'must not contain dots'
        : regexError(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
            DNS1123_LABEL_FORMAT,
            'my-name',
            '123-abc',
          ),
    );
  return problems;
}

function dns1035Label(value: string): string[] {
  const problems = value.length > 63 ? [maxLength(63)] : [];
  if (!matches(DNS1035_LABEL_FORMAT, value))
    problems.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL_FORMAT,
        'my-name',
        'abc-123',
      ),
    );
  return problems;
}

/** RBAC objects' names are path segments: anything but `.`, `..`, `/` and `%`. */
function pathSegment(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  return [
    ...(value.includes('/') ? ["may not contain '/'"] : []),
    ...(value.includes('%') ? ["may not contain '%'"] : []),
  ];
}

/** The rule for a kind, as Helm 4 picks it (case-insensitively; subdomain when it has none). */
function ruleFor(kind: string): (value: string) => string[] {
  switch (kind.toLowerCase()) {
    case 'service':
      return dns1035Label;
    case 'namespace':
      return dns1123Label;
    case 'certificatesigningrequest':
      return () => [];
    case 'role':
    case 'clusterrole':
    case 'rolebinding':
    case 'clusterrolebinding':
      return pathSegment;
    default:
      return dns1123Subdomain;
  }
}

/**
 * What Helm 4's lint says of an object's name (an empty or missing name too), or undefined when
 * Kubernetes would take it: several problems read as apimachinery's aggregate, `[a, b]`.
 */
export function objectNameProblem(kind: string, name: string): string | undefined {
  const problems = ruleFor(kind)(name).map((detail) => `metadata.name: Invalid value: ${goQuote(name)}: ${detail}`);
  if (problems.length === 0) return undefined;
  const aggregate = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
  return `object name does not conform to Kubernetes naming requirements: ${goQuote(name)}: ${aggregate}`;
}
