/** Sprig's date functions over GoTime values. */
import { argString } from '../args.js';
import { castToInt64 } from '../go-conversions.js';
import { goFunc, type FuncMap } from '../go-func.js';
import { formatGoDuration, parseGoDuration } from '../time/go-duration.js';
import { formatGoTime, GoTime, loadLocation } from '../time/go-time.js';
import { parseGoTime } from '../time/go-time-parse.js';

const I = 'interface {}';
const TIME = 'time.Time';

/** time.Time, or unix seconds given as int/int64 (bigint); anything else means now */
function timeArg(v: unknown): GoTime {
  if (v instanceof GoTime) return v;
  if (typeof v === 'bigint') return GoTime.unix(castToInt64(v));
  return GoTime.now();
}

function timeParam(v: unknown): GoTime {
  if (v instanceof GoTime) return v;
  throw new Error(
    `wrong type for value; expected time.Time; got ${v === null || v === undefined ? '<nil>' : typeof v}`,
  );
}

function dateInZone(layout: string, date: unknown, zone: string): string {
  const t = timeArg(date);
  return formatGoTime(t.in(loadLocation(zone) ?? 'UTC'), layout);
}

const NS_PER_SEC = 1_000_000_000n;

/** time.Duration.Round(time.Second) */
function roundToSecond(d: bigint): bigint {
  const neg = d < 0n;
  const a = neg ? -d : d;
  let r = a % NS_PER_SEC;
  let q = a - r;
  if (r + r >= NS_PER_SEC) q += NS_PER_SEC;
  r = 0n;
  return neg ? -q : q;
}

export function dateFunctions(): FuncMap {
  const toDate = (layout: unknown, s: unknown) => parseGoTime(argString(layout), argString(s), 'Local');
  const dateModify = (d: unknown, t: unknown) => timeParam(t).addNanos(parseGoDuration(argString(d)));
  return {
    now: goFunc('', () => GoTime.now()),
    date: goFunc(`string, ${I}`, (layout, t) => dateInZone(argString(layout), t, 'Local')),
    dateInZone: goFunc(`string, ${I}, string`, (layout, t, z) => dateInZone(argString(layout), t, argString(z))),
    date_in_zone: goFunc(`string, ${I}, string`, (layout, t, z) => dateInZone(argString(layout), t, argString(z))),
    htmlDate: goFunc(I, (t) => dateInZone('2006-01-02', t, 'Local')),
    htmlDateInZone: goFunc(`${I}, string`, (t, z) => dateInZone('2006-01-02', t, argString(z))),
    dateModify: goFunc(`string, ${TIME}`, (d, t) => {
      try {
        return dateModify(d, t);
      } catch {
        return timeParam(t);
      }
    }),
    date_modify: goFunc(`string, ${TIME}`, (d, t) => {
      try {
        return dateModify(d, t);
      } catch {
        return timeParam(t);
      }
    }),
    mustDateModify: goFunc(`string, ${TIME}`, dateModify),
    must_date_modify: goFunc(`string, ${TIME}`, dateModify),
    ago: goFunc(I, (t) => formatGoDuration(roundToSecond(GoTime.now().unixNanos - timeArg(t).unixNanos))),
    duration: goFunc(I, (v) => {
      // Sprig reads only a string or an int64 here; a plain int (template constant) counts as 0
      let n = 0n;
      if (typeof v === 'string') n = /^[+-]?\d+$/.test(v) ? BigInt.asIntN(64, BigInt(v)) : 0n;
      return formatGoDuration(BigInt.asIntN(64, n * NS_PER_SEC));
    }),
    durationRound: goFunc(I, (v) => {
      let d = 0n;
      if (typeof v === 'string') {
        try {
          d = parseGoDuration(v);
        } catch {
          d = 0n;
        }
      } else if (v instanceof GoTime) d = GoTime.now().unixNanos - v.unixNanos;
      return durationRound(d);
    }),
    toDate: goFunc('string, string', (layout, s) => {
      try {
        return toDate(layout, s);
      } catch {
        return GoTime.zero();
      }
    }),
    mustToDate: goFunc('string, string', toDate),
    unixEpoch: goFunc(TIME, (t) => timeParam(t).sec.toString()),
  };
}

function durationRound(d: bigint): string {
  let u = d < 0n ? -d : d;
  u = BigInt.asUintN(64, u);
  const second = NS_PER_SEC;
  const minute = 60n * second;
  const hour = 60n * minute;
  const day = 24n * hour;
  const month = 30n * day;
  const year = 365n * day;
  if (u > year) return `${u / year}y`;
  if (u > month) return `${u / month}mo`;
  if (u > day) return `${u / day}d`;
  if (u > hour) return `${u / hour}h`;
  if (u > minute) return `${u / minute}m`;
  if (u > second) return `${u / second}s`;
  return '0s';
}
