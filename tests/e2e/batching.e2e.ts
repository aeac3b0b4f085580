import { expectNoErrors, gql as send, type GqlOptions } from '../harness/client';
import { PARTNER, tokenFor } from '../harness/tokens';

// Teachers are person-level: read here as a partner (the university's staff).
let token: string;
beforeAll(async () => {
  token = await tokenFor(PARTNER);
});
const gql = (query: string, variables?: Record<string, unknown>, options: GqlOptions = {}) => send(query, variables, { token, ...options });

const CROSS_PARTNER_PAGE = `query($first: Int) {
  teachers(first: $first, filter: { districtCode: "64.71" }) {
    edges { node {
      id fullName highestQualification meetsQualificationStandard
      school { name district { name } partnership { active } }
      qualifications { level field }
      trainingHistory { status event { title venue { name } program { title tier } } }
      assessments { gain passed program { code } }
      highestCompletedTier
    } }
  }
}`;

async function sqlCounts(first: number): Promise<Record<string, number>> {
  const { body } = await gql(CROSS_PARTNER_PAGE, { first }, { headers: { 'x-mitra-debug': 'sql' } });
  expectNoErrors(body);
  expect(body.data.teachers.edges).toHaveLength(first);
  return body.extensions.sqlStatements;
}

// The SQL a request causes must not grow with the rows it returns (no N+1).
describe('batching', () => {
  it('a cross-partner page of teachers costs the same SQL for 10 and for 40 teachers', async () => {
    const small = await sqlCounts(10);
    const large = await sqlCounts(40);
    expect(large).toEqual(small);
    for (const n of Object.values(small)) expect(n).toBeGreaterThan(0);
  });
});
