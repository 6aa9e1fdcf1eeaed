/** Sprig's urlParse and urlJoin (net/url semantics). */
import { argString } from '../args.js';
import { goFunc, type FuncMap } from '../go-func.js';
import { goUrlHostname, goUrlParse, goUrlString, goUserinfoString, type GoUrl } from '../go-url.js';
import { goKind, isGoMap, type GoMap } from '../go-values.js';

export function urlFunctions(): FuncMap {
  return {
    urlParse: goFunc('string', (s) => {
      let u: GoUrl;
      try {
        u = goUrlParse(argString(s));
      } catch (e) {
        throw new Error(`unable to parse url: ${(e as Error).message}`);
      }
      return {
        scheme: u.scheme,
        host: u.host,
        hostname: goUrlHostname(u.host),
        path: u.path,
        query: u.rawQuery,
        opaque: u.opaque,
        fragment: u.fragment,
        userinfo: u.user ? goUserinfoString(u.user) : '',
      };
    }),
    urlJoin: goFunc('map[string]interface {}', (d) => {
      const m: GoMap = isGoMap(d) ? d : {};
      const get = (k: string): string => {
        if (!Object.prototype.hasOwnProperty.call(m, k)) return '';
        const v = m[k];
        if (typeof v !== 'string')
          throw new Error(`unable to parse ${k} key, must be of type string, but ${goKind(v)} found`);
        return v;
      };
      const u: GoUrl = {
        scheme: get('scheme'),
        host: get('host'),
        path: get('path'),
        rawQuery: get('query'),
        opaque: get('opaque'),
        fragment: get('fragment'),
        forceQuery: false,
      };
      const userinfo = get('userinfo');
      if (userinfo !== '') {
        try {
          u.user = goUrlParse(`proto://${userinfo}@host`).user;
        } catch (e) {
          throw new Error(`unable to parse userinfo in dict: ${(e as Error).message}`);
        }
      }
      return goUrlString(u);
    }),
  };
}
