/**
 * Whether a cooperation agreement is in force. Agreements are dated in the
 * partners' calendar: "today" is the calendar day in Balikpapan (WITA,
 * UTC+8), not the server's zone, so the answer does not depend on where the
 * service runs.
 */
export const PARTNERSHIP_TIME_ZONE = 'Asia/Makassar';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: PARTNERSHIP_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The last day formatted, and the whole second it was formatted for (a day changes only on a whole second). */
let last = { second: Number.NaN, day: '' };

/**
 * Today's calendar day as 'YYYY-MM-DD' in the partners' time zone. Formatted
 * once per second: every partnership of a page asks it (`active`), and
 * `Intl.DateTimeFormat.format` costs 2 to 5 µs a call.
 */
export function partnershipToday(now: Date = new Date()): string {
  const second = Math.floor(now.getTime() / 1000);
  if (second !== last.second) last = { second, day: dayFormat.format(now) };
  return last.day;
}

export interface AgreementDates {
  signedOn: string;
  validUntil?: string | null;
}

/** signedOn <= today <= validUntil (open-ended when validUntil is null); 'YYYY-MM-DD' strings compare as days. */
export function isActive(p: AgreementDates, today: string): boolean {
  return p.signedOn <= today && (p.validUntil == null || today <= p.validUntil);
}

/** A school's agreement to show: an active one if any, else the most recently signed, else null. */
export function currentPartnership<T extends AgreementDates & { id: string }>(list: readonly T[], today: string): T | null {
  let best: T | null = null;
  for (const p of list) {
    if (!best) {
      best = p;
      continue;
    }
    const a = Number(isActive(p, today)) - Number(isActive(best, today));
    if (a > 0 || (a === 0 && (p.signedOn > best.signedOn || (p.signedOn === best.signedOn && p.id < best.id)))) best = p;
  }
  return best;
}

/** Two agreements share at least one day (both ends inclusive; no validUntil: open-ended). */
export function overlaps(a: AgreementDates, b: AgreementDates): boolean {
  return a.signedOn <= (b.validUntil ?? '9999-12-31') && b.signedOn <= (a.validUntil ?? '9999-12-31');
}
