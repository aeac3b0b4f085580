import { DEMO_IDS } from '@mitra/fixtures';
import { gql } from '../harness/client';
import { sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { tokenFor } from '../harness/tokens';
import { dayFromToday, expectNothingWritten } from '../harness/writes';

/**
 * A program's results are its provider's to record (issue 12): another
 * university's admin gets FORBIDDEN naming the owner, through the gateway
 * and directly at the university's subgraph, and nothing is written.
 */
const OWNER = DEMO_IDS.university;
const OTHER = 'university:other-uni';
// Only the university's own fields, so that the document is valid at its subgraph too.
const RECORD = 'mutation($input: AssessmentInput!) { recordAssessment(input: $input) { id } }';
let other: string;
let teacherId: string;

beforeAll(async () => {
  other = await tokenFor({ org: OTHER, roles: ['admin'], sub: 'ownership-test:other-university' });
  [{ id: teacherId }] = await sql<{ id: string }>('schools', "select id from teacher where school_npsn = '64710001' order by id limit 1");
});

describe.each([
  ['the gateway', () => hubUrls().gateway],
  ["the university's subgraph directly", () => hubUrls().subgraphs.university],
])('another university, through %s', (_via, url) => {
  it.each(Object.entries(DEMO_IDS.programs))(
    'recordAssessment for the %s program is FORBIDDEN naming its provider',
    async (_tier, programId) => {
      const input = { teacherId, programId, preTestScore: 50, postTestScore: 80, passed: true, assessedOn: dayFromToday(0) };
      const body = await expectNothingWritten(
        'university',
        ['assessment', 'audit_log'],
        () => gql(RECORD, { input }, { url: url(), token: other }),
        'FORBIDDEN',
      );
      expect(body.errors[0].message).toBe(`Mutation.recordAssessment: ${OTHER} may write only its own rows, not those of ${OWNER}`);
    },
  );
});

it("records each program's provider in its row", async () => {
  const rows = await sql<{ provider_org: string }>('university', 'select distinct provider_org from training_program');
  expect(rows).toEqual([{ provider_org: OWNER }]);
});
