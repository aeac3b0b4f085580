import { gql, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { tokenOf } from '../harness/tokens';

/**
 * Personal fields (a teacher's birth date) over a list that mixes schools:
 * the teacher's own school sees them, every other row is null, and the list
 * carries no error for the rows withheld. The field-by-field matrix for one
 * teacher is authorization.e2e.ts.
 */

let schoolAdmin: string | undefined;

beforeAll(async () => {
  schoolAdmin = await tokenOf('school admin');
});

describe('personal fields over a list', () => {
  const LIST = '{ teachers(first: 100, filter: { districtCode: "64.71" }) { edges { node { id birthDate school { npsn } } } } }';

  it.each([
    ['the gateway', () => hubUrls().gateway],
    ['the schools subgraph directly', () => hubUrls().subgraphs.schools],
  ])(
    "an admin of 64710001 sees its own teachers' birth dates and null for another school's, without errors, through %s",
    async (_via, url) => {
      const { body } = await gql(LIST, undefined, { url: url(), token: schoolAdmin });
      expect(body.errors).toBeUndefined();
      const nodes: LooseBody[] = body.data.teachers.edges.map((e: LooseBody) => e.node);
      const truth = new Map(
        (
          await sql<{ id: string; birth_date: string | null }>(
            'schools',
            "select id, to_char(birth_date, 'YYYY-MM-DD') as birth_date from teacher",
          )
        ).map((t) => [t.id, t.birth_date]),
      );
      const own = nodes.filter((n) => n.school.npsn === '64710001');
      const others = nodes.filter((n) => n.school.npsn !== '64710001');
      expect(own.length).toBeGreaterThan(0);
      expect(others.length).toBeGreaterThan(0);
      for (const n of own) expect({ id: n.id, birthDate: n.birthDate }).toEqual({ id: n.id, birthDate: truth.get(n.id) });
      for (const n of others) expect({ id: n.id, birthDate: n.birthDate }).toEqual({ id: n.id, birthDate: null });
    },
  );
});
