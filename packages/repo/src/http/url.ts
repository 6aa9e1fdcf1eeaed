/** `base` + `/` + path parts, without doubled slashes (Helm's urlutil.URLJoin). */
export function joinUrl(base: string, ...parts: string[]): string {
  const url = new URL(base);
  const path = [url.pathname.replace(/\/+$/, ''), ...parts.map((p) => p.replace(/^\/+|\/+$/g, ''))]
    .filter((p) => p !== '')
    .join('/');
  url.pathname = path.startsWith('/') ? path : `/${path}`;
  return url.toString();
}

/**
 * Resolves a chart URL from an index against the repository URL: relative URLs are taken
 * relative to the repository (given a trailing slash), and the repository's query string is
 * carried over when the chart lives on the same host (signed-URL repositories rely on it).
 */
export function resolveChartUrl(repoUrl: string, chartUrl: string): string {
  const base = new URL(repoUrl.endsWith('/') ? repoUrl : `${repoUrl}/`);
  const resolved = new URL(chartUrl, base);
  if (resolved.host === base.host && base.search && !resolved.search) resolved.search = base.search;
  return resolved.toString();
}

/** The index URL of a repository (`<url>/index.yaml`, keeping the query string). */
export function indexUrl(repoUrl: string): string {
  const url = new URL(repoUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/index.yaml`;
  return url.toString();
}

export function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[^/]/i.test(text);
}

/** The URL without user info, for messages. */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    // as given when there is nothing to hide (Go prints a URL as it was written: no "/" added)
    if (url.username === '' && url.password === '') return text;
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return text;
  }
}

/** The lower-case scheme of a URL, without ":" (undefined when it is not an absolute URL). */
export function schemeOf(url: string): string | undefined {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  return match ? match[1].toLowerCase() : undefined;
}

/** Whether `url` can be fetched: http(s), or a scheme a getter handles. */
export function canFetch(url: string, getters: Readonly<Record<string, unknown>> | undefined): boolean {
  const scheme = schemeOf(url);
  return scheme === 'http' || scheme === 'https' || (scheme !== undefined && Object.hasOwn(getters ?? {}, scheme));
}
