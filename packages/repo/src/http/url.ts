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
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return text;
  }
}
