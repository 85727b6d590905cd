/** Time for the demo data: instants as `Date`s, calendar dates at 09:00 UTC. */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The demo's handoffs were won over the last twelve weeks. */
export const WINDOW_DAYS = 84;

export const ms = (d: Date) => d.getTime();
export const plus = (d: Date, millis: number) => new Date(ms(d) + millis);
export const earliest = (a: Date, b: Date) => (ms(a) <= ms(b) ? a : b);
export const latest = (a: Date, b: Date) => (ms(a) >= ms(b) ? a : b);

/** The instant a fraction of the way from `from` to `to`. */
export function between(from: Date, to: Date, fraction: number): Date {
  return new Date(ms(from) + Math.max(0, ms(to) - ms(from)) * fraction);
}

export function onWeekday(d: Date, direction: 1 | -1): Date {
  const out = new Date(d);
  while (out.getUTCDay() === 0 || out.getUTCDay() === 6) out.setUTCDate(out.getUTCDate() + direction);
  return out;
}

/** Calendar dates are stored at 09:00 UTC, as the kickoff scheduler does. */
export function nineUtc(d: Date): Date {
  const out = new Date(d);
  out.setUTCHours(9, 0, 0, 0);
  return out;
}

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
