import { buildDemoWorld, DEMO_IDS } from '@mitra/fixtures';
import { gql } from '../harness/client';
import { sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { reachOf } from '../harness/reach';
import { tokenFor } from '../harness/tokens';
import { dayFromToday, expectNothingWritten } from '../harness/writes';

/**
 * A program's results are its provider's to record (issue 12): the admin of
 * any other organisation (another university, a training provider, or
 * Universitas Mulia for LPD Banten's programs) gets FORBIDDEN naming the
 * program's owner, through the gateway and directly at the university's
 * subgraph, and nothing is written.
 */
const OWNER = DEMO_IDS.university;
const OTHER = 'university:other-uni';
// Only the university's own fields, so that the document is valid at its subgraph too.
const RECORD = 'mutation($input: AssessmentInput!) { recordAssessment(input: $input) { id } }';
const PROVIDER = DEMO_IDS.lpdBanten;
/** Each demo program's owner, as the fixtures define it. */
const PROGRAM_OWNERS = new Map(buildDemoWorld().programs.map((p) => [p.id, p.providerOrg]));
const ADMINS = [OTHER, OWNER, PROVIDER];
const admins = new Map<string, string>();
let other: string;
let provider: string;
let teacherId: string;

beforeAll(async () => {
  other = await tokenFor({ org: OTHER, roles: ['admin'], sub: 'ownership-test:other-university' });
  // A training provider (an LPD) has a university's powers, over its own programs only.
  provider = await tokenFor({ org: PROVIDER, roles: ['admin'], sub: 'ownership-test:provider' });
  admins.set(OTHER, other).set(PROVIDER, provider);
  admins.set(OWNER, await tokenFor({ org: OWNER, roles: ['admin'], sub: 'ownership-test:mulia' }));
  [{ id: teacherId }] = await sql<{ id: string }>('schools', "select id from teacher where school_npsn = '64710001' order by id limit 1");
});

describe.each([
  ['the gateway', () => hubUrls().gateway],
  ["the university's subgraph directly", () => hubUrls().subgraphs.university],
])('another university or a training provider, through %s', (_via, url) => {
  it.each(
    Object.entries(DEMO_IDS.programs).flatMap(([name, id]) =>
      ADMINS.filter((org) => org !== PROGRAM_OWNERS.get(id)).map((org) => [org, name, id, PROGRAM_OWNERS.get(id)!]),
    ),
  )('%s: recordAssessment for the %s program is FORBIDDEN naming its provider', async (org, _name, programId, owner) => {
    const input = { teacherId, programId, preTestScore: 50, postTestScore: 80, passed: true, assessedOn: dayFromToday(0) };
    const body = await expectNothingWritten(
      'university',
      ['assessment', 'audit_log'],
      () => gql(RECORD, { input }, { url: url(), token: admins.get(org) }),
      'FORBIDDEN',
    );
    expect(body.errors[0].message).toBe(`Mutation.recordAssessment: ${org} may write only its own rows, not those of ${owner}`);
  });
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

it('a training provider reads person-level data, as every partner does: the teachers within its reach', async () => {
  const { body } = await gql('{ teachers(first: 1) { totalCount } }', undefined, { token: provider });
  expect(body.errors).toBeUndefined();
  const reach = await reachOf(PROVIDER);
  expect(reach.teachers.size).toBeGreaterThan(0);
  expect(body.data.teachers.totalCount).toBe(reach.teachers.size);
});

it("records each program's provider in its row", async () => {
  const rows = await sql<{ id: string; provider_org: string }>(
    'university',
    'select id, provider_org from training_program where id = any($1::uuid[])',
    [[...PROGRAM_OWNERS.keys()]],
  );
  expect(new Map(rows.map((r) => [r.id, r.provider_org]))).toEqual(PROGRAM_OWNERS);
  // Both of the demo's providers own programs.
  expect(new Set(PROGRAM_OWNERS.values())).toEqual(new Set([OWNER, PROVIDER]));
});
