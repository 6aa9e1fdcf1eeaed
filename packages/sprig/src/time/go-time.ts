/**
 * Go's time.Time as templates see it: an instant (nanosecond precision) in a location, formatted with
 * Go reference-time layouts (`2006-01-02T15:04:05Z07:00`). Locations are IANA names resolved through Intl;
 * `Local` is the process time zone.
 */

export class GoTime {
  static goTypeName = 'time.Time';
  static goKind = 'struct';

  /** seconds since the Unix epoch and nanoseconds within the second */
  constructor(
    readonly sec: bigint,
    readonly nsec: number,
    readonly location: string,
  ) {}

  static now(): GoTime {
    const ns = process.hrtime.bigint() - hrtimeBase + epochBaseNs;
    return new GoTime(ns / 1_000_000_000n, Number(ns % 1_000_000_000n), 'Local');
  }

  static unix(sec: bigint, location = 'Local'): GoTime {
    return new GoTime(sec, 0, location);
  }

  /** The zero time: January 1, year 1, 00:00:00 UTC */
  static zero(): GoTime {
    return new GoTime(ZERO_UNIX, 0, 'UTC');
  }

  get unixNanos(): bigint {
    return this.sec * 1_000_000_000n + BigInt(this.nsec);
  }

  addNanos(d: bigint): GoTime {
    const total = this.unixNanos + d;
    const sec = total >= 0n ? total / 1_000_000_000n : -((-total + 999_999_999n) / 1_000_000_000n);
    return new GoTime(sec, Number(total - sec * 1_000_000_000n), this.location);
  }

  in(location: string): GoTime {
    return new GoTime(this.sec, this.nsec, location);
  }

  /** wall clock fields and zone in this time's location */
  fields(): WallClock {
    return wallClock(this.sec, this.location);
  }

  // methods templates may call
  Unix = (): bigint => this.sec;
  UnixNano = (): bigint => this.unixNanos;
  Year = (): bigint => BigInt(this.fields().year);
  Day = (): bigint => BigInt(this.fields().day);
  Hour = (): bigint => BigInt(this.fields().hour);
  Minute = (): bigint => BigInt(this.fields().minute);
  Second = (): bigint => BigInt(this.fields().second);
  Nanosecond = (): bigint => BigInt(this.nsec);
  UTC = (): GoTime => this.in('UTC');
  Local = (): GoTime => this.in('Local');
  Format = (layout: string): string => formatGoTime(this, layout);
  String = (): string => formatGoTime(this, '2006-01-02 15:04:05.999999999 -0700 MST');
  IsZero = (): boolean => this.sec === ZERO_UNIX && this.nsec === 0;
  YearDay = (): bigint => BigInt(this.fields().yearDay);
  Month = (): GoMonth => new GoMonth(this.fields().month);
  Weekday = (): GoWeekday => new GoWeekday(this.fields().weekday);
  Before = (u: GoTime): boolean => this.unixNanos < u.unixNanos;
  After = (u: GoTime): boolean => this.unixNanos > u.unixNanos;
  Equal = (u: GoTime): boolean => this.unixNanos === u.unixNanos;
  /** t.Add(d): a time.Duration, which a template gives as an integer of nanoseconds */
  Add = (d: bigint | number): GoTime => this.addNanos(BigInt(d));
  /** t.AddDate(years, months, days): the wall clock moved and normalized, in the same location (time.Date) */
  AddDate = (years: bigint | number, months: bigint | number, days: bigint | number): GoTime => {
    const f = this.fields();
    const monthIndex = f.month - 1 + Number(months);
    const year = f.year + Number(years) + Math.floor(monthIndex / 12);
    const month = (((monthIndex % 12) + 12) % 12) + 1;
    const dayNumber = daysFromCivil(year, month, 1) + f.day - 1 + Number(days);
    const wallSec = dayNumber * 86400 + f.hour * 3600 + f.minute * 60 + f.second;
    return atWallClock(wallSec, this.nsec, this.location);
  };

  toGoJSON(): string {
    return formatGoTime(this, '2006-01-02T15:04:05.999999999Z07:00');
  }
}

/** time.Month: printed by name (`February`). */
export class GoMonth {
  static goTypeName = 'time.Month';
  constructor(readonly value: number) {}
  String = (): string => LONG_MONTHS[this.value - 1] ?? `%!Month(${this.value})`;
}

/** time.Weekday: printed by name (`Saturday`). */
export class GoWeekday {
  static goTypeName = 'time.Weekday';
  constructor(readonly value: number) {}
  String = (): string => LONG_DAYS[this.value] ?? `%!Weekday(${this.value})`;
}

const hrtimeBase = process.hrtime.bigint();
const epochBaseNs = BigInt(Date.now()) * 1_000_000n;
/** Unix seconds of 0001-01-01T00:00:00Z */
const ZERO_UNIX = -62135596800n;

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  yearDay: number;
  offsetSeconds: number;
  abbreviation: string;
}

function resolveZone(location: string): string {
  if (location === 'Local') return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  if (location === '' || location === 'UTC') return 'UTC';
  return location;
}

/** time.LoadLocation: undefined when unknown */
export function loadLocation(name: string): string | undefined {
  if (name === '' || name === 'UTC') return 'UTC';
  if (name === 'Local') return 'Local';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return undefined;
  }
}

const offsetCache = new Map<string, Intl.DateTimeFormat>();

/** a location for a fixed offset (what time.Parse makes for a numeric zone) */
export function fixedZone(name: string, offsetSeconds: number): string {
  return `Fixed:${offsetSeconds}:${name}`;
}

function zoneOffset(zone: string, ms: number): { offset: number; abbreviation: string } {
  if (zone === 'UTC' || zone === 'Etc/UTC') return { offset: 0, abbreviation: 'UTC' };
  if (zone.startsWith('Fixed:')) {
    const [, off, name] = /^Fixed:(-?\d+):(.*)$/.exec(zone)!;
    const o = Number(off);
    if (name) return { offset: o, abbreviation: name };
    // Go prints a nameless zone in -0700 form
    const a = Math.abs(o) / 60;
    return {
      offset: o,
      abbreviation: (o < 0 ? '-' : '+') + String(Math.floor(a / 60)).padStart(2, '0') + String(a % 60).padStart(2, '0'),
    };
  }
  let f = offsetCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      timeZoneName: 'short',
    });
    offsetCache.set(zone, f);
  }
  const clamped = Math.max(Math.min(ms, 8.64e15), -8.64e15);
  const parts = f.formatToParts(new Date(clamped));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = Math.round((asUtc - Math.floor(clamped / 1000) * 1000) / 1000);
  let abbreviation = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  if (/^GMT[+-]/.test(abbreviation) || abbreviation === 'GMT' || abbreviation === '') {
    // Go prints the tzdata abbreviation; zones without one print as a numeric offset like "+03"
    const sign = offset < 0 ? '-' : '+';
    const a = Math.abs(offset);
    const h = String(Math.floor(a / 3600)).padStart(2, '0');
    const m = Math.floor((a % 3600) / 60);
    abbreviation = abbreviation === 'GMT' && offset === 0 ? 'GMT' : sign + h + (m ? String(m).padStart(2, '0') : '');
  }
  return { offset, abbreviation };
}

function civil(days: number): { year: number; month: number; day: number } {
  // days since 1970-01-01 -> proleptic Gregorian date
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function offsetAt(location: string, sec: number): number {
  return zoneOffset(resolveZone(location), sec * 1000).offset;
}

/** The instant whose wall clock in `location` reads `wallSec` (seconds as if UTC), as time.Date finds it. */
export function atWallClock(wallSec: number, nsec: number, location: string): GoTime {
  let offset = offsetAt(location, wallSec);
  offset = offsetAt(location, wallSec - offset);
  return new GoTime(BigInt(wallSec - offset), nsec, location);
}

function wallClock(sec: bigint, location: string): WallClock {
  const zone = resolveZone(location);
  const { offset, abbreviation } = zoneOffset(zone, Number(sec) * 1000);
  const local = Number(sec) + offset;
  const days = Math.floor(local / 86400);
  const secOfDay = local - days * 86400;
  const { year, month, day } = civil(days);
  const yearDay = days - daysFromCivil(year, 1, 1) + 1;
  return {
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
    yearDay,
    offsetSeconds: offset,
    abbreviation,
  };
}

export const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export type LayoutChunk = { literal: string } | { std: string; digits?: number; separator?: string };

/** Splits a Go layout into literal text and standard chunks, following time's nextStdChunk. */
export function splitLayout(layout: string): LayoutChunk[] {
  const out: LayoutChunk[] = [];
  let lit = '';
  const push = (std: string, extra: Partial<{ digits: number; separator: string }> = {}) => {
    if (lit) out.push({ literal: lit });
    lit = '';
    out.push({ std, ...extra });
  };
  let i = 0;
  const at = (s: string) => layout.startsWith(s, i);
  const isDigit = (k: number) => k < layout.length && layout[k]! >= '0' && layout[k]! <= '9';
  while (i < layout.length) {
    const c = layout[i]!;
    const tryStd = (tokens: string[]): boolean => {
      for (const t of tokens) {
        if (at(t)) {
          push(t);
          i += t.length;
          return true;
        }
      }
      return false;
    };
    let matched = false;
    switch (c) {
      case 'J':
        matched = tryStd(['January', 'Jan']);
        break;
      case 'M':
        matched = tryStd(['Monday', 'Mon', 'MST']);
        break;
      case '0':
        if (i + 1 < layout.length && layout[i + 1]! >= '1' && layout[i + 1]! <= '6')
          matched = tryStd([layout.slice(i, i + 2)]);
        else if (at('002')) matched = tryStd(['002']);
        break;
      case '1':
        matched = tryStd(['15', '1']);
        break;
      case '2':
        matched = tryStd(['2006', '2']);
        break;
      case '_':
        if (at('_2006')) {
          lit += '_';
          i++;
          matched = tryStd(['2006']);
        } else matched = tryStd(['__2', '_2']);
        break;
      case '3':
      case '4':
      case '5':
        matched = tryStd([c]);
        break;
      case 'P':
        matched = tryStd(['PM']);
        break;
      case 'p':
        matched = tryStd(['pm']);
        break;
      case '-':
        matched = tryStd(['-070000', '-07:00:00', '-0700', '-07:00', '-07']);
        break;
      case 'Z':
        matched = tryStd(['Z070000', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07']);
        break;
      case '.':
      case ',':
        if (i + 1 < layout.length && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
          const ch = layout[i + 1]!;
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigit(j)) {
            push(ch === '0' ? 'frac0' : 'frac9', { digits: j - (i + 1), separator: c });
            i = j;
            matched = true;
          }
        }
        break;
    }
    if (!matched) {
      lit += c;
      i++;
    }
  }
  if (lit) out.push({ literal: lit });
  return out;
}

const pad = (n: number, w: number, ch = '0') => {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= w ? s : ch.repeat(w - s.length) + s);
};

function zoneText(std: string, offset: number, abbreviation: string): string {
  if (std === 'MST') return abbreviation;
  if (std.startsWith('Z') && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = pad(Math.floor(a / 3600), 2);
  const mm = pad(Math.floor((a % 3600) / 60), 2);
  const ss = pad(a % 60, 2);
  const body = std.slice(1);
  switch (body) {
    case '070000':
      return sign + hh + mm + ss;
    case '07:00:00':
      return sign + hh + ':' + mm + ':' + ss;
    case '0700':
      return sign + hh + mm;
    case '07:00':
      return sign + hh + ':' + mm;
    default:
      return sign + hh;
  }
}

export function formatGoTime(t: GoTime, layout: string): string {
  const w = t.fields();
  let out = '';
  for (const chunk of splitLayout(layout)) {
    if ('literal' in chunk) {
      out += chunk.literal;
      continue;
    }
    const h12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
    switch (chunk.std) {
      case 'January':
        out += LONG_MONTHS[w.month - 1];
        break;
      case 'Jan':
        out += LONG_MONTHS[w.month - 1]!.slice(0, 3);
        break;
      case '1':
        out += String(w.month);
        break;
      case '01':
        out += pad(w.month, 2);
        break;
      case 'Monday':
        out += LONG_DAYS[w.weekday];
        break;
      case 'Mon':
        out += LONG_DAYS[w.weekday]!.slice(0, 3);
        break;
      case '2':
        out += String(w.day);
        break;
      case '_2':
        out += pad(w.day, 2, ' ');
        break;
      case '02':
        out += pad(w.day, 2);
        break;
      case '__2':
        out += pad(w.yearDay, 3, ' ');
        break;
      case '002':
        out += pad(w.yearDay, 3);
        break;
      case '15':
        out += pad(w.hour, 2);
        break;
      case '3':
        out += String(h12);
        break;
      case '03':
        out += pad(h12, 2);
        break;
      case '4':
        out += String(w.minute);
        break;
      case '04':
        out += pad(w.minute, 2);
        break;
      case '5':
        out += String(w.second);
        break;
      case '05':
        out += pad(w.second, 2);
        break;
      case '2006':
        out += w.year >= 0 ? pad(w.year, 4) : '-' + pad(-w.year, 4);
        break;
      case '06':
        out += pad(((w.year % 100) + 100) % 100, 2);
        break;
      case 'PM':
        out += w.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += w.hour >= 12 ? 'pm' : 'am';
        break;
      case 'frac0':
      case 'frac9': {
        const digits = String(t.nsec).padStart(9, '0').slice(0, chunk.digits);
        if (chunk.std === 'frac0') out += chunk.separator + digits;
        else {
          const trimmed = digits.replace(/0+$/, '');
          if (trimmed !== '') out += chunk.separator + trimmed;
        }
        break;
      }
      default:
        out += zoneText(chunk.std, w.offsetSeconds, w.abbreviation);
    }
  }
  return out;
}
