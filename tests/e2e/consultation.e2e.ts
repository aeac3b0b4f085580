import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import { todayWita } from '@mitra/kit';
import { expectNoErrors, gql, type GqlOptions, type LooseBody } from '../harness/client';
import { auditOf, sql } from '../harness/db';
import { hubSecrets, hubUrls } from '../harness/env';
import { CALLERS, tokenFor, type TokenSpec } from '../harness/tokens';
import { UNKNOWN_ID, expectNothingWritten, expectRefused } from '../harness/writes';

/**
 * Issue 13, consultation: a partner school's admin requests the free
 * consultation from a provider it has a partnership in force with; the
 * provider's admin schedules it with one of its lecturers and marks it done
 * or declined. Only the school and the provider asked read it. Refusals name
 * their field (or say why) and leave the rows and the audit log as they were.
 * The requests made here are deleted afterwards; the demo's are never changed.
 */

const SCHOOL = '64710001'; // Universitas Mulia's partner (in force)
const DEMO_SCHOOL = '64710003'; // Mulia's partner with the demo's consultations
const NO_PARTNER = '64710002'; // no partnership
const EXPIRED = '64720001'; // Mulia's partnership ended 2022-04-30
const TABLES = ['consultation_request', 'audit_log'];
const L = DEMO_IDS.lecturers;

const SUB = 'consultation-test';
const spec = (org: string, roles: string[], name: string): TokenSpec => ({ org, roles, sub: `${SUB}:${name}` });
const SPECS = {
  school: spec(`school:${SCHOOL}`, ['admin'], 'school'),
  schoolStaff: spec(`school:${SCHOOL}`, ['staff'], 'school-staff'),
  demoSchool: spec(`school:${DEMO_SCHOOL}`, ['admin'], 'demo-school'),
  noPartner: spec(`school:${NO_PARTNER}`, ['admin'], 'no-partner'),
  expired: spec(`school:${EXPIRED}`, ['admin'], 'expired'),
  mulia: spec(DEMO_IDS.university, ['admin'], 'mulia'),
  muliaStaff: spec(DEMO_IDS.university, ['staff'], 'mulia-staff'),
  untirta: spec(DEMO_IDS.universityUntirta, ['admin'], 'untirta'),
  lpd: spec(DEMO_IDS.lpdBanten, ['admin'], 'lpd'),
  skb: spec(DEMO_IDS.skb, ['admin'], 'skb'),
  government: { ...CALLERS['government analyst'], sub: `${SUB}:analyst` },
} satisfies Record<string, TokenSpec>;
type Who = keyof typeof SPECS | 'anonymous';
const tokens = {} as Record<keyof typeof SPECS, string>;

const at = (who: Who, direct = false): GqlOptions => ({
  token: who === 'anonymous' ? undefined : tokens[who],
  ...(direct ? { url: hubUrls().subgraphs.university } : {}),
});

const FIELDS = 'id topic description requestedOn status scheduledAt school { npsn } provider { id } consultant { id }';
const REQUEST = `mutation($input: ConsultationInput!) { requestConsultation(input: $input) { ${FIELDS} } }`;
const SCHEDULE = `mutation($id: ID!, $at: DateTime!, $consultantId: ID) { scheduleConsultation(id: $id, at: $at, consultantId: $consultantId) { ${FIELDS} } }`;
const CLOSE = `mutation($id: ID!, $status: ConsultationStatus!) { closeConsultation(id: $id, status: $status) { ${FIELDS} } }`;
const READ = 'query($npsn: ID!) { school(npsn: $npsn) { npsn consultations { id status school { npsn } provider { id } } } }';

const input = (overrides: Record<string, unknown> = {}) => ({
  npsn: SCHOOL,
  providerId: DEMO_IDS.university,
  topic: 'CHILD_DEVELOPMENT',
  description: '  Anak usia 4 tahun belum berbicara dalam kalimat; guru meminta saran.  ',
  ...overrides,
});
const future = (days = 7) => new Date(Date.now() + days * 86_400_000).toISOString();

async function request(overrides: Record<string, unknown> = {}, who: Who = 'school', direct = false): Promise<LooseBody> {
  const { body } = await gql(REQUEST, { input: input(overrides) }, at(who, direct));
  expectNoErrors(body);
  return body.data.requestConsultation;
}

beforeAll(async () => {
  for (const [name, s] of Object.entries(SPECS)) tokens[name as keyof typeof SPECS] = await tokenFor(s);
});

afterAll(async () => {
  await sql(
    'university',
    `delete from consultation_request where id in (select entity_id::uuid from audit_log where actor_sub like $1 and action = 'requestConsultation')`,
    [`${SUB}:%`],
  );
});

describe('the flow: a partner school requests, its provider schedules with its lecturer, then marks it done', () => {
  it.each([
    ['through the gateway', false],
    ['directly at the university subgraph', true],
  ])('%s', async (_, direct) => {
    const requested = await request({}, 'school', direct);
    expect(requested).toEqual({
      id: expect.any(String),
      topic: 'CHILD_DEVELOPMENT',
      description: 'Anak usia 4 tahun belum berbicara dalam kalimat; guru meminta saran.',
      requestedOn: todayWita(),
      status: 'REQUESTED',
      scheduledAt: null,
      school: { npsn: SCHOOL },
      provider: { id: DEMO_IDS.university },
      consultant: null,
    });
    const when = future(10);
    const scheduled = await gql(SCHEDULE, { id: requested.id, at: when, consultantId: L.psychology }, at('mulia', direct));
    expectNoErrors(scheduled.body);
    expect(scheduled.body.data.scheduleConsultation).toMatchObject({ status: 'SCHEDULED', consultant: { id: L.psychology } });
    expect(Date.parse(scheduled.body.data.scheduleConsultation.scheduledAt)).toBe(Date.parse(when));
    const done = await gql(CLOSE, { id: requested.id, status: 'DONE' }, at('mulia', direct));
    expectNoErrors(done.body);
    expect(done.body.data.closeConsultation).toMatchObject({ status: 'DONE', consultant: { id: L.psychology } });
    const [row] = await sql<{ status: string; consultant_id: string; version: number; requested_on: string }>(
      'university',
      "select status, consultant_id, version, to_char(requested_on, 'YYYY-MM-DD') as requested_on from consultation_request where id = $1",
      [requested.id],
    );
    expect(row).toEqual({ status: 'DONE', consultant_id: L.psychology, version: 3, requested_on: todayWita() });
    expect((await auditOf('university', requested.id)).map((a) => a.action)).toEqual([
      'requestConsultation',
      'scheduleConsultation',
      'closeConsultation',
    ]);
  });

  it('a scheduled consultation can be rescheduled, and declined', async () => {
    const { id } = await request({ topic: 'OTHER' });
    for (const days of [3, 5]) expectNoErrors((await gql(SCHEDULE, { id, at: future(days) }, at('mulia'))).body);
    const declined = await gql(CLOSE, { id, status: 'DECLINED' }, at('mulia'));
    expectNoErrors(declined.body);
    expect(declined.body.data.closeConsultation).toMatchObject({ status: 'DECLINED', consultant: null });
  });
});

describe('refusals write nothing', () => {
  let requested: string;
  let done: string;
  beforeAll(async () => {
    requested = (await request({ topic: 'CURRICULUM' })).id;
    done = (await request({ topic: 'LEARNING_ASSESSMENT' })).id;
    expectNoErrors((await gql(SCHEDULE, { id: done, at: future() }, at('mulia'))).body);
    expectNoErrors((await gql(CLOSE, { id: done, status: 'DONE' }, at('mulia'))).body);
  });

  describe.each([
    ['through the gateway', false],
    ['directly at the university subgraph', true],
  ])('%s', (_, direct) => {
    const refuse = (who: Who, query: string, variables: Record<string, unknown>, code: string, field?: string) =>
      expectNothingWritten('university', TABLES, () => gql(query, variables, at(who, direct)), code, field);

    it('a school without a partnership in force is FORBIDDEN, saying why', async () => {
      for (const [who, npsn] of [
        ['noPartner', NO_PARTNER],
        ['expired', EXPIRED],
      ] as const) {
        const body = await refuse(who, REQUEST, { input: input({ npsn }) }, 'FORBIDDEN');
        expect(body.errors[0].message).toContain(
          `school:${npsn} has no partnership in force with ${DEMO_IDS.university}; consultation is for partner schools`,
        );
      }
      // 64710001's partner is Mulia, not Untirta.
      const body = await refuse('school', REQUEST, { input: input({ providerId: DEMO_IDS.universityUntirta }) }, 'FORBIDDEN');
      expect(body.errors[0].message).toContain(`has no partnership in force with ${DEMO_IDS.universityUntirta}`);
    });

    it("another school's request, another role or kind is FORBIDDEN naming the owner", async () => {
      const body = await refuse('school', REQUEST, { input: input({ npsn: DEMO_SCHOOL }) }, 'FORBIDDEN');
      expect(body.errors[0].message).toContain(`school:${DEMO_SCHOOL}`);
      await refuse('schoolStaff', REQUEST, { input: input() }, 'FORBIDDEN');
      await refuse('mulia', REQUEST, { input: input() }, 'FORBIDDEN');
      await refuse('anonymous', REQUEST, { input: input() }, 'UNAUTHENTICATED');
    });

    it('another provider, or the school, may not schedule or close: FORBIDDEN naming the owner', async () => {
      for (const who of ['untirta', 'lpd'] as const) {
        const scheduled = await refuse(who, SCHEDULE, { id: requested, at: future() }, 'FORBIDDEN');
        expect(scheduled.errors[0].message).toContain(`not those of ${DEMO_IDS.university}`);
        const closed = await refuse(who, CLOSE, { id: requested, status: 'DECLINED' }, 'FORBIDDEN');
        expect(closed.errors[0].message).toContain(`not those of ${DEMO_IDS.university}`);
      }
      await refuse('school', SCHEDULE, { id: requested, at: future() }, 'FORBIDDEN');
      await refuse('muliaStaff', CLOSE, { id: requested, status: 'DECLINED' }, 'FORBIDDEN');
    });

    it('bad input is BAD_USER_INPUT naming the field', async () => {
      await refuse('school', REQUEST, { input: input({ npsn: '6471' }) }, 'BAD_USER_INPUT', 'input.npsn');
      for (const providerId of ['mulia', 'skb:balikpapan-selatan', 'school:64710001', 'university:Mulia'])
        await refuse('school', REQUEST, { input: input({ providerId }) }, 'BAD_USER_INPUT', 'input.providerId');
      for (const description of ['   ', 'x'.repeat(2001), 'a\u0000b'])
        await refuse('school', REQUEST, { input: input({ description }) }, 'BAD_USER_INPUT', 'input.description');
      await refuse('mulia', SCHEDULE, { id: 'not-an-id', at: future() }, 'BAD_USER_INPUT', 'id');
      await refuse('mulia', SCHEDULE, { id: UNKNOWN_ID, at: future() }, 'NOT_FOUND', 'id');
      await refuse('mulia', SCHEDULE, { id: requested, at: new Date(Date.now() - 60_000).toISOString() }, 'BAD_USER_INPUT', 'at');
      await refuse('mulia', SCHEDULE, { id: requested, at: future(), consultantId: L.lpdLead }, 'BAD_USER_INPUT', 'consultantId');
      await refuse('mulia', SCHEDULE, { id: requested, at: future(), consultantId: UNKNOWN_ID }, 'NOT_FOUND', 'consultantId');
      for (const status of ['REQUESTED', 'SCHEDULED']) await refuse('mulia', CLOSE, { id: requested, status }, 'BAD_USER_INPUT', 'status');
    });

    it('the wrong state is CONFLICT naming id', async () => {
      await refuse('mulia', CLOSE, { id: requested, status: 'DONE' }, 'CONFLICT', 'id'); // never scheduled
      await refuse('mulia', SCHEDULE, { id: done, at: future() }, 'CONFLICT', 'id');
      await refuse('mulia', CLOSE, { id: done, status: 'DECLINED' }, 'CONFLICT', 'id');
      await refuse('mulia', CLOSE, { id: done, status: 'DONE' }, 'CONFLICT', 'id');
    });
  });
});

describe('School.consultations: the school itself and the provider asked', () => {
  const world = buildDemoWorld();
  const demoIds = world.consultations.filter((c) => c.npsn === DEMO_SCHOOL).map((c) => c.id);

  async function rowsOf(npsn: string): Promise<string[]> {
    return (
      await sql<{ id: string }>('university', 'select id from consultation_request where school_npsn = $1 order by requested_on, id', [
        npsn,
      ])
    ).map((r) => r.id);
  }

  it('the school reads all its requests, the provider asked those made to it', async () => {
    const expected = await rowsOf(DEMO_SCHOOL);
    expect(expected).toEqual(expect.arrayContaining(demoIds));
    for (const who of ['demoSchool', 'mulia', 'muliaStaff'] as const) {
      const { body } = await gql(READ, { npsn: DEMO_SCHOOL }, at(who));
      expectNoErrors(body);
      expect(body.data.school.consultations.map((c: LooseBody) => c.id)).toEqual(expected);
      expect(body.data.school.consultations[0]).toMatchObject({ school: { npsn: DEMO_SCHOOL }, provider: { id: DEMO_IDS.university } });
    }
  });

  it('another provider, another school and an SKB read null', async () => {
    for (const who of ['untirta', 'lpd', 'school', 'skb'] as const) {
      const { body } = await gql(READ, { npsn: DEMO_SCHOOL }, at(who));
      expectNoErrors(body);
      expect(body.data.school).toEqual({ npsn: DEMO_SCHOOL, consultations: null });
    }
  });

  it('a government office is FORBIDDEN, anonymous UNAUTHENTICATED', async () => {
    const government = await gql(READ, { npsn: DEMO_SCHOOL }, at('government'));
    expect(government.body.data.school).toEqual({ npsn: DEMO_SCHOOL, consultations: null });
    expect(government.body.errors.map((e: LooseBody) => e.extensions.code)).toEqual(['FORBIDDEN']);
    const anonymous = await gql(READ, { npsn: DEMO_SCHOOL }, at('anonymous'));
    expect(anonymous.body.errors.map((e: LooseBody) => e.extensions.code)).toContain('UNAUTHENTICATED');
  });

  it('by reference (_entities) only the school and the provider asked, else null; a government token FORBIDDEN', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on ConsultationRequest { id status } } }';
    const variables = { r: [{ __typename: 'ConsultationRequest', id: demoIds[0] }] };
    const direct = (who: Who) => ({ ...at(who, true), headers: { 'x-mitra-gateway-secret': hubSecrets().gatewaySecret } });
    for (const who of ['demoSchool', 'mulia'] as const) {
      const { body } = await gql(query, variables, direct(who));
      expectNoErrors(body);
      expect(body.data._entities).toEqual([{ id: demoIds[0], status: expect.any(String) }]);
    }
    for (const who of ['school', 'untirta', 'skb'] as const) {
      const { body } = await gql(query, variables, direct(who));
      expectNoErrors(body);
      expect(body.data._entities).toEqual([null]);
    }
    const { body } = await gql(query, variables, direct('government'));
    expectRefused(body, 'FORBIDDEN');
  });
});
