/**
 * A time as Go's RFC3339Nano prints it (what Helm writes for `created`/`generated`): local
 * offset, fractional seconds with trailing zeros dropped. JavaScript clocks stop at milliseconds.
 */
export function formatGoTime(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const offsetMinutes = -date.getTimezoneOffset();
  const fraction = date.getMilliseconds() === 0 ? '' : `.${pad(date.getMilliseconds(), 3).replace(/0+$/, '')}`;
  const base =
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${fraction}`;
  if (offsetMinutes === 0) return `${base}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${base}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
