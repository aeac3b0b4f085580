/**
 * Indonesia keeps three time zones, by province: WIB (UTC+7) in Sumatra,
 * Java and West and Central Kalimantan; WITA (UTC+8) in Bali, Nusa
 * Tenggara, South, East and North Kalimantan and Sulawesi; WIT (UTC+9) in
 * Maluku and Papua. A venue's district code starts with its province's
 * Kemendagri code, so the venue says which clock its sessions keep: a session
 * "on day 2" is on day 2 at the venue, whatever offset the caller wrote its
 * times in.
 */
const WIB_PROVINCES = new Set(['61', '62']); // Kalimantan Barat and Tengah; every province from 11 to 36 too
const WIT_FIRST_DIGITS = new Set(['8', '9']); // Maluku (81, 82) and the Papua provinces (91..96)

export interface LocalZone {
  /** e.g. "+07:00" */
  offset: string;
  /** e.g. "WIB" */
  name: string;
}

const WIB: LocalZone = { offset: '+07:00', name: 'WIB' };
const WITA: LocalZone = { offset: '+08:00', name: 'WITA' };
const WIT: LocalZone = { offset: '+09:00', name: 'WIT' };

/** The time zone of a district (any Kemendagri area code); WITA, where the hub's partners started, for a code it cannot place. */
export function zoneOfDistrict(districtCode: string): LocalZone {
  const province = districtCode.slice(0, 2);
  if (/^[1-3]\d$/.test(province) || WIB_PROVINCES.has(province)) return WIB;
  if (WIT_FIRST_DIGITS.has(province[0])) return WIT;
  return WITA;
}

/** `date` ('YYYY-MM-DD') moved by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instants a calendar day starts and ends at in `zone`: [start, end). */
export function localDay(date: string, zone: LocalZone): { start: Date; end: Date } {
  const start = new Date(`${date}T00:00:00${zone.offset}`);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

/** An instant as the clock in `zone` shows it, e.g. "2027-03-02 08:00 WIB", for messages. */
export function localClock(instant: Date, zone: LocalZone): string {
  const sign = zone.offset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = zone.offset.slice(1).split(':').map(Number);
  const shifted = new Date(instant.getTime() + sign * (hours * 60 + minutes) * 60_000);
  return `${shifted.toISOString().slice(0, 16).replace('T', ' ')} ${zone.name}`;
}
