/** The tags of a repository (`GET /v2/<path>/tags/list`, following `Link` pages). */
import { RegistryError } from './errors.js';
import { parseRepository, RegistryRepository, type RegistryOptions } from './registry-repository.js';

/** Tags of `repository` (host[:port]/path); a repository the registry does not know is an error. */
export async function listTags(repository: string, options: RegistryOptions = {}): Promise<string[]> {
  const { host, path } = parseRepository(repository);
  const repo = new RegistryRepository(host, path, options);
  const tags: string[] = [];
  let url = 'tags/list';
  for (;;) {
    const res = await repo.request('GET', url);
    if (res.status === 404) {
      await res.body?.cancel();
      throw new RegistryError(`${host}/${path}: no such repository in the registry`);
    }
    if (!res.ok) await repo.fail('listing the tags', res);
    tags.push(...(((await res.json()) as { tags?: string[] | null }).tags ?? []));
    // RFC 5988 Link: </v2/<path>/tags/list?n=…&last=…>; rel="next"
    const next = /<([^>]+)>;\s*rel="?next"?/.exec(res.headers.get('link') ?? '');
    if (!next) return tags;
    url = new URL(next[1], `${repo.scheme}://${host}`).toString();
  }
}
