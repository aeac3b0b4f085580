import { SignJWT } from 'jose';
import { hubSecrets } from './env';

/** The hub's defaults (JWT_ISSUER, JWT_AUDIENCE), which globalSetup does not change. */
export const ISSUER = 'mitra-graph';
export const AUDIENCE = 'mitra-graph';

export interface TokenSpec {
  org: string;
  roles: string[];
  sub?: string;
  /** Seconds from now; negative for an expired token. Default 600. */
  expiresIn?: number;
  /** Claims to add, replace, or (with `undefined`) leave out: `{ aud: 'other' }`, `{ exp: undefined }`. */
  claims?: Record<string, unknown>;
  /** Default: the hub's JWT_SECRET. */
  secret?: string;
}

const now = (): number => Math.floor(Date.now() / 1000);

/** The claims of a token shaped by `spec`: the hub's issuer and audience, issued now, 600 s of life by default. */
export function claimsFor(spec: TokenSpec): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: spec.sub ?? `test:${spec.org}`,
    org: spec.org,
    roles: spec.roles,
    iat: now(),
    exp: now() + (spec.expiresIn ?? 600),
    ...spec.claims,
  };
  // `undefined` leaves a claim out.
  return Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== undefined));
}

/** A signed HS256 token, as `npm run token` makes, shaped by `spec`. */
export async function tokenFor(spec: TokenSpec): Promise<string> {
  return new SignJWT(claimsFor(spec))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(spec.secret ?? hubSecrets().jwtSecret));
}

/** The callers of the authorization matrix. */
export const CALLERS = {
  'school admin': { org: 'school:64710001', roles: ['admin'] },
  'school staff': { org: 'school:64710001', roles: ['staff'] },
  'other school admin': { org: 'school:64710002', roles: ['admin'] },
  'skb admin': { org: 'skb:balikpapan-selatan', roles: ['admin'] },
  'skb staff': { org: 'skb:balikpapan-selatan', roles: ['staff'] },
  'university admin': { org: 'university:mulia', roles: ['admin'] },
  'university staff': { org: 'university:mulia', roles: ['staff'] },
  'government analyst': { org: 'government:kaltim', roles: ['analyst'] },
} satisfies Record<string, TokenSpec>;

export type Caller = keyof typeof CALLERS | 'anonymous';

/** A token for one of the matrix's callers; undefined for `anonymous`. */
export async function tokenOf(caller: Caller): Promise<string | undefined> {
  return caller === 'anonymous' ? undefined : tokenFor(CALLERS[caller]);
}

/** A partner that reads person-level data but is no school: personal fields are null for it. */
export const PARTNER: TokenSpec = CALLERS['university staff'];

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens the hub must refuse, each with the words its refusal must contain. */
export const BAD_TOKENS: Array<[string, () => Promise<string>, RegExp]> = [
  ['forged (another secret)', () => tokenFor({ ...PARTNER, secret: 'not-the-hub-secret-0123456789abcdef' }), /signature is invalid/],
  [
    'tampered payload',
    async () => {
      const [header, , signature] = (await tokenFor(PARTNER)).split('.');
      return `${header}.${base64url({ iss: ISSUER, aud: AUDIENCE, sub: 'x', org: 'school:64710001', roles: ['admin'], exp: now() + 600 })}.${signature}`;
    },
    /signature is invalid/,
  ],
  ['expired', () => tokenFor({ ...PARTNER, expiresIn: -120 }), /expired/],
  ['not yet valid', () => tokenFor({ ...PARTNER, claims: { nbf: now() + 600 } }), /not valid yet/],
  [
    'alg: none',
    async () =>
      `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ iss: ISSUER, aud: AUDIENCE, sub: 'x', ...PARTNER, exp: now() + 600 })}.`,
    /alg: none/,
  ],
  ['wrong audience', () => tokenFor({ ...PARTNER, claims: { aud: 'another-hub' } }), /another audience/],
  ['wrong issuer', () => tokenFor({ ...PARTNER, claims: { iss: 'someone-else' } }), /another issuer/],
  ['missing exp', () => tokenFor({ ...PARTNER, claims: { exp: undefined } }), /no "exp" claim/],
  ['missing sub', () => tokenFor({ ...PARTNER, claims: { sub: undefined } }), /no "sub" claim/],
  ['missing iat', () => tokenFor({ ...PARTNER, claims: { iat: undefined } }), /no "iat" claim/],
  [
    'longer-lived than MAX_TOKEN_LIFETIME (12 h)',
    () => tokenFor({ ...PARTNER, expiresIn: 12 * 3600 + 60 }),
    /lives longer than this hub accepts \(exp - iat is 432[67]\d s; MAX_TOKEN_LIFETIME is 43200 s\)/,
  ],
  ['issued in the future', () => tokenFor({ ...PARTNER, claims: { iat: now() + 3600, exp: now() + 4200 } }), /issued in the future/],
  ['malformed org', () => tokenFor({ org: 'school:123', roles: ['admin'] }), /"org" claim "school:123" is malformed/],
  ['unknown org kind', () => tokenFor({ org: 'hospital:rsud', roles: ['admin'] }), /"org" claim "hospital:rsud" is malformed/],
  ['unknown role', () => tokenFor({ org: 'school:64710001', roles: ['superuser'] }), /unknown role "superuser"/],
  ['not a JWT', async () => 'definitely-not-a-jwt', /malformed/],
];
