import { isExpired, readToken } from '../src/token';

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: unknown) => `${segment({ alg: 'HS256', typ: 'JWT' })}.${segment(claims)}.c2lnbmF0dXJl`;

describe('readToken', () => {
  it('reads the claims the dashboard shows', () => {
    const info = readToken(` ${jwt({ sub: 'dev:government:kaltim', org: 'government:kaltim', roles: ['analyst'], exp: 2_000_000_000 })}\n`);
    expect(info).toEqual({ sub: 'dev:government:kaltim', org: 'government:kaltim', roles: ['analyst'], exp: 2_000_000_000 });
    expect(isExpired(info!, 1_000)).toBe(false);
    expect(isExpired(info!, 2_000_000_000_000)).toBe(true);
  });

  it('reads non-ASCII claims as UTF-8', () => {
    expect(readToken(jwt({ sub: 'Siti Rahmawati – admin', org: 'school:64710001', roles: [] }))?.sub).toBe('Siti Rahmawati – admin');
  });

  it('is null for anything that is not shaped like a signed JWT', () => {
    for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', `${segment({})}.not json!.x`, 'Bearer x.y.z']) expect(readToken(bad)).toBeNull();
  });
});
