import { gql, type LooseBody } from '../harness/client';
import { hubUrls } from '../harness/env';
import { BAD_TOKENS, PARTNER, tokenFor } from '../harness/tokens';

/**
 * Every service verifies the token itself: a token that is sent must be
 * valid, or the whole request is refused with 401 UNAUTHENTICATED naming
 * the reason (never a 500), even for the public catalogue.
 */
const SERVICES: Array<[string, () => string, string]> = [
  ['the gateway', () => hubUrls().gateway, '{ venues { name } lecturers { fullName } }'],
  ['schools', () => hubUrls().subgraphs.schools, '{ districts { code } }'],
  ['university', () => hubUrls().subgraphs.university, '{ lecturers { fullName } }'],
  ['skb', () => hubUrls().subgraphs.skb, '{ venues { name } }'],
];

describe.each(SERVICES)('%s', (_service, url, query) => {
  it.each(BAD_TOKENS)('refuses a token that is %s', async (_name, make, reason) => {
    const { status, body } = await gql(query, undefined, { url: url(), token: await make() });
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(body.errors[0].message).toMatch(/^Invalid token: /);
    expect(body.errors[0].message).toMatch(reason);
  });

  it('refuses an Authorization header that is not Bearer', async () => {
    const { status, body } = await gql(query, undefined, { url: url(), headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(status).toBe(401);
    expect(body.errors[0].message).toMatch(/must be "Bearer <token>"/);
  });

  it('accepts a valid token, and no token at all, for public data', async () => {
    for (const token of [await tokenFor(PARTNER), undefined]) {
      const { status, body } = await gql(query, undefined, { url: url(), token });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(Object.values(body.data as LooseBody).every((list) => Array.isArray(list) && list.length > 0)).toBe(true);
    }
  });
});
