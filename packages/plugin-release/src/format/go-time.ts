const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Go's time.ANSIC layout (`Mon Jan _2 15:04:05 2006`), in local time, as Helm 2 prints dates. */
export function formatAnsic(date: Date): string {
  const day = String(date.getDate()).padStart(2, ' ');
  const clock = `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
  return `${DAYS[date.getDay()]} ${MONTHS[date.getMonth()]} ${day} ${clock} ${date.getFullYear()}`;
}

/** A protobuf Timestamp (seconds may arrive as number or string) as a Date. */
export function timestampToDate(
  ts: { seconds?: number | string | null; nanos?: number | null } | null | undefined,
): Date | undefined {
  if (!ts || ts.seconds === undefined || ts.seconds === null) return undefined;
  const seconds = Number(ts.seconds);
  if (!seconds && !ts.nanos) return undefined;
  return new Date(seconds * 1000 + Math.floor((ts.nanos ?? 0) / 1e6));
}
