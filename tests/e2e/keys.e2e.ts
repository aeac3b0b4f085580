import { DEMO_IDS } from '@mitra/fixtures';
import { GATEWAY_SECRET_HEADER } from '@mitra/runtime';
import { expectNoErrors, gql } from '../harness/client';
import { sql } from '../harness/db';
import { hubSecrets, hubUrls } from '../harness/env';
import { PARTNER, tokenFor } from '../harness/tokens';

/**
 * Ids are UUIDs, and a UUID is the same key in upper or lower case: every
 * partner finds a row by either (PostgreSQL prints them in lower case), at
 * its root fields and in the representations another partner's key reaches
 * it with. One key helper does it for all three (the kit's uuidBatch).
 */
let token: string;
let teacherId: string;
beforeAll(async () => {
  token = await tokenFor(PARTNER);
  // A teacher with registrations (skb) and assessments (university), so every partner has rows for her.
  const [row] = await sql<{ teacher_id: string }>(
    'university',
    'select teacher_id from assessment group by teacher_id order by count(*) desc, teacher_id limit 1',
  );
  teacherId = row.teacher_id;
});

const TEACHER = `query($id: ID!) { teacher(id: $id) {
  id fullName qualifications { level } trainingHistory { status event { title } } assessments { passed } highestCompletedTier } }`;

describe('UUID keys in either case', () => {
  it('teacher(id:) in upper case is the same teacher, with every partner’s part', async () => {
    const lower = await gql(TEACHER, { id: teacherId }, { token });
    const upper = await gql(TEACHER, { id: teacherId.toUpperCase() }, { token });
    expectNoErrors(lower.body);
    expect(lower.body.data.teacher.trainingHistory.length).toBeGreaterThan(0);
    expect(lower.body.data.teacher.assessments.length).toBeGreaterThan(0);
    expect(upper.body).toEqual(lower.body);
  });

  it.each([
    ['trainingProgram', DEMO_IDS.programs.basic, 'code'],
    ['lecturer', DEMO_IDS.lecturers.practice, 'fullName'],
    ['venue', DEMO_IDS.venues.hall, 'name'],
  ])('%s(id:) in upper case finds the same row', async (root, id, field) => {
    const query = `query($id: ID!) { ${root}(id: $id) { id ${field} } }`;
    const lower = await gql(query, { id });
    const upper = await gql(query, { id: id.toUpperCase() });
    expectNoErrors(lower.body);
    expect(lower.body.data[root]).not.toBeNull();
    expect(upper.body).toEqual(lower.body);
  });

  it.each(['schools', 'university', 'skb'] as const)('%s resolves a Teacher representation whose id is in upper case', async (partner) => {
    const field = { schools: 'fullName', university: 'highestCompletedTier assessments { passed }', skb: 'trainingHistory { status }' }[
      partner
    ];
    const ask = async (id: string) => {
      const response = await fetch(hubUrls().subgraphs[partner], {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          [GATEWAY_SECRET_HEADER]: hubSecrets().gatewaySecret,
        },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Teacher { ${field} } } }`,
          variables: { r: [{ __typename: 'Teacher', id }] },
        }),
      });
      return (await response.json()) as { data: { _entities: unknown[] } };
    };
    const lower = await ask(teacherId);
    const upper = await ask(teacherId.toUpperCase());
    expectNoErrors(lower);
    // Her own rows at that partner, not an empty answer that would match anything.
    const [entity] = lower.data._entities as Array<Record<string, unknown[] | string | null>>;
    const own = { schools: entity.fullName, university: entity.assessments, skb: entity.trainingHistory }[partner];
    expect(own?.length).toBeGreaterThan(0);
    expect(upper).toEqual(lower);
  });
});
