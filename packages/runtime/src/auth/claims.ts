import { PARTNERS } from '../partners';

/** A school's id: its NPSN, exactly 8 digits. */
export const NPSN_PATTERN = /^\d{8}$/;

/** The kinds of organisation a token can speak for: `org` is `<kind>:<id>`. */
export const ORG_KINDS = ['school', 'skb', 'university', 'provider', 'government'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ROLES = ['admin', 'staff', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** The partners who share person-level data between them; government offices read statistics only. */
export const PARTNER_KINDS: readonly OrgKind[] = PARTNERS.flatMap((p) => p.orgKinds);

/** The caller, as established from a verified token. */
export interface Viewer {
  sub: string;
  /** `school:64710001`, `skb:balikpapan-selatan`, `university:mulia`, `government:<id>`. */
  org: string;
  orgKind: OrgKind;
  orgId: string;
  roles: Role[];
}

/** A claim that does not have the shape the hub needs; the message says which and why. */
export class ClaimError extends Error {}

// Ids of non-school organisations are lowercase slugs: `balikpapan-selatan`, `mulia`, `kemdikbud-kaltim`.
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const ORG_SHAPE =
  'school:<8-digit NPSN>, skb:<id>, university:<id>, provider:<id> (a training provider such as an LPD) or government:<id> (ids: lowercase letters, digits and hyphens)';

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);
}

export function parseOrg(value: unknown): { org: string; orgKind: OrgKind; orgId: string } {
  if (value === undefined) throw new ClaimError('the token has no "org" claim');
  if (typeof value !== 'string') throw new ClaimError(`the "org" claim must be a string of the form ${ORG_SHAPE}`);
  const colon = value.indexOf(':');
  const kind = value.slice(0, colon);
  const id = value.slice(colon + 1);
  const known = colon > 0 && (ORG_KINDS as readonly string[]).includes(kind);
  const validId = known && (kind === 'school' ? NPSN_PATTERN.test(id) : SLUG.test(id));
  if (!validId) throw new ClaimError(`the "org" claim ${shown(value)} is malformed: expected ${ORG_SHAPE}`);
  return { org: value, orgKind: kind as OrgKind, orgId: id };
}

export function parseRoles(value: unknown): Role[] {
  if (value === undefined) throw new ClaimError('the token has no "roles" claim');
  if (!Array.isArray(value) || value.length === 0) {
    throw new ClaimError(`the "roles" claim must be a non-empty list of ${ROLES.join(', ')}`);
  }
  for (const role of value) {
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw new ClaimError(`the "roles" claim has an unknown role ${shown(role)} (known roles: ${ROLES.join(', ')})`);
    }
  }
  return [...new Set(value as Role[])];
}

/** The viewer a verified token's claims describe, or a ClaimError naming the claim that is wrong. */
export function viewerFromClaims(claims: Record<string, unknown>): Viewer {
  const { sub } = claims;
  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > 256) {
    throw new ClaimError('the "sub" claim must be a non-empty string of at most 256 characters');
  }
  return { sub, ...parseOrg(claims.org), roles: parseRoles(claims.roles) };
}

export function isPartner(viewer: Viewer): boolean {
  return PARTNER_KINDS.includes(viewer.orgKind);
}
