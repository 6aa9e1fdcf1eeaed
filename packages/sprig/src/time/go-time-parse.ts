/** time.ParseInLocation for Go layouts (the subset of chunks formatting knows). */
import {
  atWallClock,
  daysFromCivil,
  fixedZone,
  GoTime,
  LONG_DAYS,
  LONG_MONTHS,
  offsetAt,
  splitLayout,
} from './go-time.js';

export function parseGoTime(layout: string, value: string, location: string): GoTime {
  const orig = value;
  const cannot = (rest: string, std: string) =>
    new Error(
      `parsing time ${JSON.stringify(orig)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(std)}`,
    );
  const range = (what: string) => new Error(`parsing time ${JSON.stringify(orig)}: ${what} out of range`);
  let year = 1;
  let month = 1;
  let day = 1;
  let yday = -1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nsec = 0;
  let pm = false;
  let pmSet = false;
  let offset: number | undefined;
  let zoneName: string | undefined;
  let v = value;
  const num = (min: number, max: number, std: string): number => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(v);
    if (!m) throw cannot(v, std);
    v = v.slice(m[0].length);
    return Number(m[0]);
  };
  const chunks = splitLayout(layout);
  for (let ci = 0; ci < chunks.length; ci++) {
    const chunk = chunks[ci]!;
    if ('literal' in chunk) {
      if (!v.startsWith(chunk.literal)) throw cannot(v, chunk.literal);
      v = v.slice(chunk.literal.length);
      continue;
    }
    const std = chunk.std;
    switch (std) {
      case '2006':
        if (!/^\d{4}/.test(v)) throw cannot(v, std);
        year = Number(v.slice(0, 4));
        v = v.slice(4);
        break;
      case '06':
        if (!/^\d{2}/.test(v)) throw cannot(v, std);
        year = Number(v.slice(0, 2));
        year += year >= 69 ? 1900 : 2000;
        v = v.slice(2);
        break;
      case 'January':
      case 'Jan': {
        const names = std === 'January' ? LONG_MONTHS : LONG_MONTHS.map((n) => n.slice(0, 3));
        const idx = names.findIndex((n) => v.toLowerCase().startsWith(n.toLowerCase()));
        if (idx < 0) throw cannot(v, std);
        month = idx + 1;
        v = v.slice(names[idx]!.length);
        break;
      }
      case 'Monday':
      case 'Mon': {
        const names = std === 'Monday' ? LONG_DAYS : LONG_DAYS.map((n) => n.slice(0, 3));
        const idx = names.findIndex((n) => v.toLowerCase().startsWith(n.toLowerCase()));
        if (idx < 0) throw cannot(v, std);
        v = v.slice(names[idx]!.length);
        break;
      }
      case '1':
      case '01':
        month = num(std === '01' ? 2 : 1, 2, std);
        if (month < 1 || month > 12) throw range('month');
        break;
      case '2':
      case '_2':
      case '02':
        if (std === '_2' && v.startsWith(' ')) v = v.slice(1);
        day = num(std === '02' ? 2 : 1, 2, std);
        break;
      case '__2':
      case '002':
        if (std === '__2') v = v.replace(/^ {1,2}/, '');
        yday = num(std === '002' ? 3 : 1, 3, std);
        break;
      case '15':
        hour = num(2, 2, std);
        if (hour > 23) throw range('hour');
        break;
      case '3':
      case '03':
        hour = num(std === '03' ? 2 : 1, 2, std);
        if (hour > 12) throw range('hour');
        break;
      case '4':
      case '04':
        minute = num(std === '04' ? 2 : 1, 2, std);
        if (minute > 59) throw range('minute');
        break;
      case '5':
      case '05': {
        second = num(std === '05' ? 2 : 1, 2, std);
        if (second > 59) throw range('second');
        // a fractional second is accepted after seconds even when the layout has none
        const next = chunks[ci + 1];
        if (/^[.,]\d/.test(v) && !(next && 'std' in next && next.std.startsWith('frac'))) {
          const m = /^[.,](\d+)/.exec(v)!;
          nsec = Number((m[1]! + '000000000').slice(0, 9));
          v = v.slice(m[0].length);
        }
        break;
      }
      case 'PM':
      case 'pm': {
        const p = v.slice(0, 2);
        const up = p.toUpperCase();
        if ((up !== 'AM' && up !== 'PM') || (std === 'PM' ? p !== up : p !== p.toLowerCase())) throw cannot(v, std);
        pm = up === 'PM';
        pmSet = true;
        v = v.slice(2);
        break;
      }
      case 'frac0':
      case 'frac9': {
        if (chunk.std === 'frac0') {
          const re = new RegExp(`^[.,](\\d{${chunk.digits}})`);
          const m = re.exec(v);
          if (!m) throw cannot(v, (chunk.separator ?? '.') + '0'.repeat(chunk.digits!));
          nsec = Number((m[1]! + '000000000').slice(0, 9));
          v = v.slice(m[0].length);
        } else {
          const m = /^[.,](\d+)/.exec(v);
          if (m) {
            nsec = Number((m[1]! + '000000000').slice(0, 9));
            v = v.slice(m[0].length);
          }
        }
        break;
      }
      case 'MST': {
        const m = /^(UTC|GMT([+-]\d{1,2})?|[A-Z]{3,5})/.exec(v);
        if (!m) throw cannot(v, std);
        zoneName = m[0];
        v = v.slice(m[0].length);
        break;
      }
      default: {
        // numeric zones
        if (std.startsWith('Z') && v.startsWith('Z')) {
          v = v.slice(1);
          offset = 0;
          zoneName = 'UTC';
          break;
        }
        const forms: Record<string, RegExp> = {
          '070000': /^([+-])(\d{2})(\d{2})(\d{2})/,
          '07:00:00': /^([+-])(\d{2}):(\d{2}):(\d{2})/,
          '0700': /^([+-])(\d{2})(\d{2})/,
          '07:00': /^([+-])(\d{2}):(\d{2})/,
          '07': /^([+-])(\d{2})/,
        };
        const m = forms[std.slice(1)]!.exec(v);
        if (!m) throw cannot(v, std);
        const secs = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
        offset = m[1] === '-' ? -secs : secs;
        v = v.slice(m[0].length);
      }
    }
  }
  if (v !== '') throw new Error(`parsing time ${JSON.stringify(orig)}: extra text: ${JSON.stringify(v)}`);
  if (pmSet) {
    if (pm && hour < 12) hour += 12;
    else if (!pm && hour === 12) hour = 0;
  }
  if (yday >= 0) {
    const days = daysFromCivil(year, 1, 1) + yday - 1;
    const d = new Date(days * 86400000);
    month = d.getUTCMonth() + 1;
    day = d.getUTCDate();
  }
  const dim = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const maxDay = month === 2 ? (leap ? 29 : 28) : dim;
  if (day < 1 || day > maxDay) throw range('day');
  const wallSec = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  if (offset !== undefined) {
    const utc = wallSec - offset;
    const loc =
      offset === 0 && zoneName === 'UTC'
        ? 'UTC'
        : offsetAt(location, utc) === offset
          ? location
          : fixedZone(zoneName ?? '', offset);
    return new GoTime(BigInt(utc), nsec, loc);
  }
  if (zoneName !== undefined) {
    if (zoneName === 'UTC') return new GoTime(BigInt(wallSec), nsec, 'UTC');
    // an abbreviation that is not the location's becomes a zero-offset fabricated zone, as in Go
    const off = offsetAt(location, wallSec);
    return new GoTime(BigInt(wallSec - off), nsec, location);
  }
  // wall time in `location`: find the offset in effect at that instant
  return atWallClock(wallSec, nsec, location);
}
