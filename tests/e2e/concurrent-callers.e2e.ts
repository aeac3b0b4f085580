import { gql } from '../harness/client';
import { tokenOf, type Caller } from '../harness/tokens';

/**
 * The same document, sent at the same moment by callers who may see
 * different things, gets each caller's own answer. Found on an earlier second
 * engine (Hive Gateway's runtime): its HTTP executor merged identical subgraph requests in flight, keyed by URL
 * and body only, while the caller's token travels in a header added below
 * that key, so an anonymous caller could have received a school's answer.
 */
const DOCUMENT = '{ school(npsn: "64710001") { name teachers(first: 3) { totalCount edges { node { id birthDate } } } } }';
const CALLERS: Caller[] = ['anonymous', 'school admin', 'university staff'];

describe('callers asking the same thing at the same time', () => {
  it('each get the answer their own token allows', async () => {
    const tokens = new Map<Caller, string | undefined>();
    for (const caller of CALLERS) tokens.set(caller, await tokenOf(caller));
    // What each caller sees, asked alone.
    const alone = new Map<Caller, string>();
    for (const caller of CALLERS) alone.set(caller, JSON.stringify((await gql(DOCUMENT, undefined, { token: tokens.get(caller) })).body));
    // The three answers differ: without a token the teachers are refused; only the school's own admin sees birth dates.
    expect(new Set(alone.values()).size).toBe(3);
    expect(JSON.parse(alone.get('anonymous')!).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(JSON.parse(alone.get('school admin')!).data.school.teachers.edges[0].node.birthDate).toEqual(expect.any(String));
    expect(JSON.parse(alone.get('university staff')!).data.school.teachers.edges[0].node.birthDate).toBeNull();

    for (let round = 0; round < 5; round++) {
      const callers = Array.from({ length: 12 }, (_, i) => CALLERS[(i + round) % CALLERS.length]);
      const answers = await Promise.all(callers.map((caller) => gql(DOCUMENT, undefined, { token: tokens.get(caller) })));
      answers.forEach((answer, i) =>
        expect({ caller: callers[i], body: JSON.stringify(answer.body) }).toEqual({ caller: callers[i], body: alone.get(callers[i]) }),
      );
    }
  });
});
