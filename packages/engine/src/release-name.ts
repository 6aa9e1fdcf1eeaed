/**
 * Helm 2's release names for `helm template`: `--name-template` is a Go template with Sprig's
 * functions, executed with no data (generateName), and a given name must be a DNS-1123 subdomain.
 */
import { TemplateSet, type FuncMap } from '@helmts/gotemplate';
import { sprigFuncs } from '@helmts/sprig';

export function generateReleaseName(nameTemplate: string): string {
  const set = new TemplateSet({ funcs: sprigFuncs() as FuncMap });
  set.parse('name-template', nameTemplate);
  return set.execute('name-template', null);
}

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`);

/** k8s.io/apimachinery's IsDNS1123Subdomain messages; empty when the name is valid. */
export function dns1123SubdomainErrors(name: string): string[] {
  const errors: string[] = [];
  if (name.length > 253) errors.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(name))
    errors.push(
      "a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  return errors;
}
