/** The parts of Go's net/url that Sprig's urlParse/urlJoin reach: Parse and URL.String. */

export interface GoUrl {
  scheme: string;
  opaque: string;
  user?: { username: string; password?: string };
  host: string;
  path: string;
  rawQuery: string;
  forceQuery: boolean;
  fragment: string;
}

const HEX = '0123456789ABCDEF';

function unhex(c: string): number {
  return parseInt(c, 16);
}

class GoUrlError extends Error {}

function unescape(s: string, what: string): string {
  const bytes: number[] = [];
  const raw = Buffer.from(s, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === 0x25) {
      const h = String.fromCharCode(raw[i + 1] ?? 0, raw[i + 2] ?? 0);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) {
        const bad = Buffer.from(raw.subarray(i, Math.min(i + 3, raw.length))).toString('utf8');
        throw new GoUrlError(`invalid URL escape ${JSON.stringify(bad)}`);
      }
      bytes.push(unhex(h));
      i += 2;
    } else bytes.push(c);
  }
  void what;
  return Buffer.from(bytes).toString('utf8');
}

export function goUrlParse(raw: string): GoUrl {
  const wrap = (msg: string) => new GoUrlError(`parse ${JSON.stringify(raw)}: ${msg}`);
  try {
    let rest = raw;
    let fragment = '';
    const hash = rest.indexOf('#');
    if (hash >= 0) {
      fragment = unescape(rest.slice(hash + 1), 'fragment');
      rest = rest.slice(0, hash);
    }
    for (const ch of rest)
      if (ch.charCodeAt(0) < 0x20 || ch === '\x7f') throw new GoUrlError('net/url: invalid control character in URL');
    const u: GoUrl = { scheme: '', opaque: '', host: '', path: '', rawQuery: '', forceQuery: false, fragment };
    const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
    if (m) {
      u.scheme = m[1]!.toLowerCase();
      rest = rest.slice(m[0].length);
    } else if (rest.startsWith(':')) throw new GoUrlError('missing protocol scheme');
    if (rest.endsWith('?') && rest.split('?').length === 2) {
      u.forceQuery = true;
      rest = rest.slice(0, -1);
    } else {
      const q = rest.indexOf('?');
      if (q >= 0) {
        u.rawQuery = rest.slice(q + 1);
        rest = rest.slice(0, q);
      }
    }
    if (!rest.startsWith('/')) {
      if (u.scheme !== '') {
        u.opaque = rest;
        return u;
      }
      const seg = rest.split('/')[0]!;
      if (seg.includes(':')) throw new GoUrlError('first path segment in URL cannot contain colon');
    }
    if (rest.startsWith('//') && !(u.scheme === '' && rest.startsWith('///'))) {
      const after = rest.slice(2);
      const slash = after.indexOf('/');
      const authority = slash >= 0 ? after.slice(0, slash) : after;
      rest = slash >= 0 ? after.slice(slash) : '';
      const at = authority.lastIndexOf('@');
      let host = authority;
      if (at >= 0) {
        const userinfo = authority.slice(0, at);
        host = authority.slice(at + 1);
        const colon = userinfo.indexOf(':');
        u.user =
          colon >= 0
            ? {
                username: unescape(userinfo.slice(0, colon), 'user'),
                password: unescape(userinfo.slice(colon + 1), 'password'),
              }
            : { username: unescape(userinfo, 'user') };
      }
      u.host = unescape(host, 'host');
    }
    u.path = unescape(rest, 'path');
    return u;
  } catch (e) {
    if (e instanceof GoUrlError) throw wrap(e.message);
    throw e;
  }
}

export function goUrlHostname(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end >= 0 ? host.slice(1, end) : host.slice(1);
  }
  const colon = host.lastIndexOf(':');
  return colon >= 0 && /^:\d*$/.test(host.slice(colon)) ? host.slice(0, colon) : host;
}

type EscapeMode = 'path' | 'fragment' | 'userinfo' | 'host';

function shouldEscape(c: string, mode: EscapeMode): boolean {
  if (/^[A-Za-z0-9]$/.test(c)) return false;
  if (mode === 'host') return !/^[-_.~!$&'()*+,;=:[\]<>"]$/.test(c);
  if ('-_.~'.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    if (mode === 'path') return c === '?';
    if (mode === 'userinfo') return c === '@' || c === '/' || c === '?' || c === ':';
    return false;
  }
  if (mode === 'fragment' && '!()*'.includes(c)) return false;
  return true;
}

function escape(s: string, mode: EscapeMode): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && !shouldEscape(c, mode) ? c : '%' + HEX[byte >> 4] + HEX[byte & 15];
  }
  return out;
}

export function goUserinfoString(user: { username: string; password?: string }): string {
  let s = escape(user.username, 'userinfo');
  if (user.password !== undefined) s += ':' + escape(user.password, 'userinfo');
  return s;
}

export function goUrlString(u: GoUrl): string {
  let buf = '';
  if (u.scheme !== '') buf += u.scheme + ':';
  if (u.opaque !== '') buf += u.opaque;
  else {
    if (u.scheme !== '' || u.host !== '' || u.user) {
      if (u.host !== '' || u.path !== '' || u.user) buf += '//';
      if (u.user) buf += goUserinfoString(u.user) + '@';
      if (u.host !== '') buf += escape(u.host, 'host');
    }
    const path = escape(u.path, 'path');
    if (path !== '' && path[0] !== '/' && u.host !== '') buf += '/';
    if (buf === '' && path.split('/')[0]!.includes(':')) buf += './';
    buf += path;
  }
  if (u.forceQuery || u.rawQuery !== '') buf += '?' + u.rawQuery;
  if (u.fragment !== '') buf += '#' + escape(u.fragment, 'fragment');
  return buf;
}
