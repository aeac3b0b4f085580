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
const PROVIDER = 'provider:lpd-banten';
let other: string;
let provider: string;
let teacherId: string;

beforeAll(async () => {
  other = await tokenFor({ org: OTHER, roles: ['admin'], sub: 'ownership-test:other-university' });
  // A training provider (an LPD) has a university's powers, over its own programs only.
  provider = await tokenFor({ org: PROVIDER, roles: ['admin'], sub: 'ownership-test:provider' });
  [{ id: teacherId }] = await sql<{ id: string }>('schools', "select id from teacher where school_npsn = '64710001' order by id limit 1");
});

describe.each([
  ['the gateway', () => hubUrls().gateway],
  ["the university's subgraph directly", () => hubUrls().subgraphs.university],
])('another university or a training provider, through %s', (_via, url) => {
  it.each(Object.entries(DEMO_IDS.programs).flatMap(([tier, id]) => [OTHER, PROVIDER].map((org) => [org, tier, id])))(
    '%s: recordAssessment for the %s program is FORBIDDEN naming its provider',
    async (org, _tier, programId) => {
      const input = { teacherId, programId, preTestScore: 50, postTestScore: 80, passed: true, assessedOn: dayFromToday(0) };
      const token = org === PROVIDER ? provider : other;
      const body = await expectNothingWritten(
        'university',
        ['assessment', 'audit_log'],
        () => gql(RECORD, { input }, { url: url(), token }),
        'FORBIDDEN',
      );
      expect(body.errors[0].message).toBe(`Mutation.recordAssessment: ${org} may write only its own rows, not those of ${OWNER}`);
    },
  );
});

it("a training provider's staff is refused as a university's staff is: writes need an admin", async () => {
  const staff = await tokenFor({ org: PROVIDER, roles: ['staff'] });
  const input = { teacherId, programId: DEMO_IDS.programs.basic, passed: true, assessedOn: dayFromToday(0) };
  const body = await expectNothingWritten(
    'university',
    ['assessment', 'audit_log'],
    () => gql(RECORD, { input }, { token: staff }),
    'FORBIDDEN',
  );
  expect(body.errors[0].message).toBe("Mutation.recordAssessment is allowed to a university's admin or a training provider's admin");
});

it('a training provider reads person-level data, as every partner does', async () => {
  const { body } = await gql('{ teachers(first: 1) { totalCount } }', undefined, { token: provider });
  expect(body.errors).toBeUndefined();
  expect(body.data.teachers.totalCount).toBeGreaterThan(0);
});

it("records each program's provider in its row", async () => {
  const rows = await sql<{ provider_org: string }>('university', 'select distinct provider_org from training_program');
  expect(rows).toEqual([{ provider_org: OWNER }]);
});
