import { buildDemoWorld, DEMO_IDS } from '@mitra/fixtures';
import { gql, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { tokenFor, type TokenSpec } from '../harness/tokens';

/**
 * "Who may see whom" (issue 12), as a matrix: for a caller of each relation
 * and of none, every path to a teacher's person-level data, through the
 * gateway and directly at the subgraph that serves it. Two teachers:
 *
 * - T, of TK Pertiwi Balikpapan (64710001): registered for SKB Balikpapan
 *   Selatan's 2022 training of Universitas Mulia's program, and assessed;
 * - S, of TK Kartini Serang (36040001): registered for LPD Banten's Diklat at
 *   SKB Serang's hall; Universitas Sultan Ageng Tirtayasa has a partnership
 *   in force with her school, but no program she took.
 *
 * A caller either sees her (name; NUPTK and birth date only where the rule
 * gives them) or not at all: null by id, absent from every list with
 * `totalCount` agreeing, exactly as a teacher who does not exist.
 */

interface Sight {
  nuptk: boolean;
  birthDate: boolean;
}
const FULL: Sight = { nuptk: true, birthDate: true };
/** The organiser or provider of an event she is registered for: NUPTK for certificates, no birth date. */
const EVENT: Sight = { nuptk: true, birthDate: false };
/** A relation without an event of hers (a partnership with her school): neither personal field. */
const SEEN: Sight = { nuptk: false, birthDate: false };
const NONE = null;

interface Teacher {
  id: string;
  npsn: string;
  fullName: string;
  nuptk: string;
  birthDate: string;
}
const her = { T: {} as Teacher, S: {} as Teacher };

// [caller, token claims, what it sees of T, what it sees of S]
const MATRIX: Array<[string, TokenSpec, Sight | null, Sight | null]> = [
  ["T's own school", { org: 'school:64710001', roles: ['staff'] }, FULL, NONE],
  ['another school in Balikpapan', { org: 'school:64710002', roles: ['admin'] }, NONE, NONE],
  ["S's own school", { org: `school:${DEMO_IDS.firstSerangSchool}`, roles: ['admin'] }, NONE, FULL],
  ["the SKB that organised T's training", { org: DEMO_IDS.skb, roles: ['staff'] }, EVENT, NONE],
  ['an SKB with no relation (Samarinda)', { org: DEMO_IDS.skbSamarinda, roles: ['admin'] }, NONE, NONE],
  ["the SKB that organised S's Diklat (Serang)", { org: DEMO_IDS.skbSerang, roles: ['admin'] }, NONE, EVENT],
  ["the provider of T's program (Universitas Mulia)", { org: DEMO_IDS.university, roles: ['staff'] }, EVENT, NONE],
  ["a university whose partnership covers S's school", { org: DEMO_IDS.universityUntirta, roles: ['admin'] }, NONE, SEEN],
  ["the provider of S's Diklat (LPD Banten)", { org: DEMO_IDS.lpdBanten, roles: ['admin'] }, NONE, EVENT],
];

/** What a caller should get for a teacher: null, or her fields with the personal ones it may read. */
function expected(teacher: Teacher, sight: Sight | null): LooseBody {
  if (!sight) return null;
  return {
    id: teacher.id,
    fullName: teacher.fullName,
    nuptk: sight.nuptk ? teacher.nuptk : null,
    birthDate: sight.birthDate ? teacher.birthDate : null,
  };
}

const FIELDS = 'id fullName nuptk birthDate';
const find = (edges: LooseBody[] | undefined, id: string) =>
  edges?.map((e: LooseBody) => e.node).find((n: LooseBody) => n.id === id) ?? null;

/** Every path to one teacher that the schools subgraph serves; each returns what the caller saw of her. */
const PATHS: Array<[string, string, (data: LooseBody, teacher: Teacher) => LooseBody]> = [
  ['by id', `query($id: ID!) { teacher(id: $id) { ${FIELDS} } }`, (d) => d.teacher],
  [
    'by id, aliased, through a fragment',
    `query($id: ID!) { someone: teacher(id: $id) { ...Seen } } fragment Seen on Teacher { ${FIELDS} }`,
    (d) => d.someone,
  ],
  [
    'in the teachers list of her school',
    `query($npsn: ID!) { teachers(first: 100, filter: { npsn: $npsn }) { totalCount edges { node { ${FIELDS} } } } }`,
    (d, t) => {
      expect(d.teachers.totalCount).toBe(d.teachers.edges.length);
      return find(d.teachers.edges, t.id);
    },
  ],
  [
    'by her name',
    `query($name: String!) { teachers(first: 100, filter: { nameContains: $name }) { totalCount edges { node { ${FIELDS} } } } }`,
    (d, t) => {
      expect(d.teachers.totalCount).toBe(d.teachers.edges.length);
      return find(d.teachers.edges, t.id);
    },
  ],
  [
    'in School.teachers',
    `query($npsn: ID!) { school(npsn: $npsn) { name teachers(first: 100) { totalCount edges { node { ${FIELDS} } } } } }`,
    (d, t) => {
      expect(d.school.name).toEqual(expect.any(String));
      expect(d.school.teachers.totalCount).toBe(d.school.teachers.edges.length);
      return find(d.school.teachers.edges, t.id);
    },
  ],
  [
    'with her qualifications',
    `query($id: ID!) { teacher(id: $id) { ${FIELDS} qualifications { id } } }`,
    (d) => {
      if (!d.teacher) return null;
      const { qualifications, ...rest } = d.teacher;
      expect(qualifications.length).toBeGreaterThan(0);
      return rest;
    },
  ],
];

const tokens = new Map<string, string>();

beforeAll(async () => {
  for (const [label, spec] of MATRIX) tokens.set(label, await tokenFor({ ...spec, sub: `need-to-know:${label}` }));
  // Teachers with every field set, so that a null can only be the rule's.
  const pick = async (npsn: string, eventId: string): Promise<Teacher> => {
    const registered = (await sql<{ teacher_id: string }>('skb', 'select teacher_id from registration where event_id = $1', [eventId])).map(
      (r) => r.teacher_id,
    );
    const rows = await sql<Teacher>(
      'schools',
      `select id, school_npsn as npsn, full_name as "fullName", nuptk, to_char(birth_date, 'YYYY-MM-DD') as "birthDate"
         from teacher where school_npsn = $1 and nuptk is not null and birth_date is not null and id = any($2::uuid[]) order by id`,
      [npsn, registered],
    );
    if (!rows.length) throw new Error(`The demo data has no teacher of ${npsn} with NUPTK and birth date registered for ${eventId}`);
    return rows[0];
  };
  her.T = await pick('64710001', DEMO_IDS.events.balikpapan2022);
  her.S = await pick(DEMO_IDS.firstSerangSchool, DEMO_IDS.events.serangBasic2023);
  // S has no relation with Universitas Mulia or SKB Balikpapan Selatan, T none with Serang's partners: the matrix depends on it.
  const assessedByMulia = await sql(
    'university',
    "select 1 from assessment a join training_program p on p.id = a.program_id where a.teacher_id = $1 and p.provider_org = 'university:mulia'",
    [her.S.id],
  );
  expect(assessedByMulia).toEqual([]);
});

const channels: Array<[string, () => string]> = [
  ['the gateway', () => hubUrls().gateway],
  ['the schools subgraph directly', () => hubUrls().subgraphs.schools],
];

describe.each(channels)('who may see whom, through %s', (_via, url) => {
  describe.each(MATRIX)('%s', (label, _spec, seesT, seesS) => {
    it.each(PATHS)('%s', async (_path, query, pick) => {
      for (const [teacher, sight] of [
        [her.T, seesT],
        [her.S, seesS],
      ] as const) {
        const { body } = await gql(
          query,
          { id: teacher.id, npsn: teacher.npsn, name: teacher.fullName },
          { url: url(), token: tokens.get(label) },
        );
        expect(body.errors).toBeUndefined();
        expect({ teacher: teacher.npsn, saw: pick(body.data, teacher) }).toEqual({ teacher: teacher.npsn, saw: expected(teacher, sight) });
      }
    });
  });

  it.each<[string, string, TokenSpec | null]>([
    ['a government office', 'FORBIDDEN', { org: 'government:kemendikdasmen', roles: ['analyst'] }],
    ['an anonymous caller', 'UNAUTHENTICATED', null],
  ])('%s gets %s on every path, and no teacher', async (_who, code, spec) => {
    const token = spec ? await tokenFor({ ...spec, sub: 'need-to-know:none' }) : undefined;
    for (const [, query, pick] of PATHS) {
      const { body } = await gql(query, { id: her.T.id, npsn: her.T.npsn, name: her.T.fullName }, { url: url(), token });
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
      const seen = body.data
        ? (() => {
            try {
              return pick(body.data, her.T);
            } catch {
              return null;
            }
          })()
        : null;
      expect(seen ?? null).toBeNull();
    }
  });
});

/** The skb subgraph's registrations name teachers: only the event's organiser and its program's provider read them. */
describe.each([
  ['the gateway', () => hubUrls().gateway, `teacher { ${FIELDS} }`],
  ['the skb subgraph directly', () => hubUrls().subgraphs.skb, 'teacher { id }'],
])("an event's registrations, through %s", (via, url, teacherSelection) => {
  const REGISTRATIONS = `query($e: ID!) { trainingEvent(id: $e) { title registrations { participantName ${teacherSelection} } } }`;
  it.each(MATRIX)('%s', async (label, _spec, seesT) => {
    const [{ count }] = await sql<{ count: string }>('skb', 'select count(*) from registration where event_id = $1', [
      DEMO_IDS.events.balikpapan2022,
    ]);
    const { body } = await gql(REGISTRATIONS, { e: DEMO_IDS.events.balikpapan2022 }, { url: url(), token: tokens.get(label) });
    expect(body.errors).toBeUndefined();
    const registrations: LooseBody[] = body.data.trainingEvent.registrations;
    expect(body.data.trainingEvent.title).toEqual(expect.any(String));
    // The organiser and the provider (both see T through her registration) read every row; anyone else none.
    const readsRows = seesT === EVENT;
    expect(registrations.length).toBe(readsRows ? Number(count) : 0);
    if (readsRows) {
      const row = registrations.find((r) => r.teacher?.id === her.T.id);
      const { id, fullName, nuptk, birthDate } = expected(her.T, seesT);
      expect(row.teacher).toEqual(via === 'the gateway' ? { id, fullName, nuptk, birthDate } : { id });
    }
  });
});

describe('what a teacher has done, through the gateway', () => {
  it.each(MATRIX)("%s reads T's training history and assessments only where it sees her", async (label, _spec, seesT) => {
    const { body } = await gql(
      'query($id: ID!) { teacher(id: $id) { id trainingHistory { status event { id } } assessments { passed program { id } } } }',
      { id: her.T.id },
      { token: tokens.get(label) },
    );
    expect(body.errors).toBeUndefined();
    if (!seesT) {
      expect(body.data.teacher).toBeNull();
      return;
    }
    expect(body.data.teacher.trainingHistory.map((r: LooseBody) => r.event.id)).toContain(DEMO_IDS.events.balikpapan2022);
    expect(body.data.teacher.assessments.length).toBeGreaterThan(0);
  });
});

describe("reached from another partner's type, through the gateway", () => {
  it.each(MATRIX)(
    "%s finds T through her school's partnership (schools → university → schools) only where it sees her",
    async (label, _spec, seesT) => {
      const { body } = await gql(
        `query($npsn: ID!) { school(npsn: $npsn) { partnership { provider { id } school { teachers(first: 100) { totalCount edges { node { ${FIELDS} } } } } } } }`,
        { npsn: her.T.npsn },
        { token: tokens.get(label) },
      );
      expect(body.errors).toBeUndefined();
      const { partnership } = body.data.school;
      expect(partnership.provider.id).toBe(DEMO_IDS.university);
      expect(partnership.school.teachers.totalCount).toBe(partnership.school.teachers.edges.length);
      expect(find(partnership.school.teachers.edges, her.T.id)).toEqual(expected(her.T, seesT));
    },
  );
});

describe('statistics are not person-level', () => {
  it.each(MATRIX)('%s reads the qualification statistics, and the CSV export names no teacher', async (label) => {
    const { body } = await gql('{ qualificationStatistics(groupBy: DISTRICT) { rows { group label } } }', undefined, {
      token: tokens.get(label),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.qualificationStatistics.rows.length).toBeGreaterThan(0);
    const response = await fetch(`${hubUrls().gateway.replace(/\/graphql$/, '')}/exports/qualification-statistics.csv?groupBy=DISTRICT`, {
      headers: { authorization: `Bearer ${tokens.get(label)}` },
    });
    expect(response.status).toBe(200);
    const csv = await response.text();
    for (const t of buildDemoWorld().teachers) expect(csv.includes(t.fullName)).toBe(false);
  });
});

/**
 * How a teacher first reaches an SKB she has no relation with: her own
 * school registers her for its OPEN event. Before that the SKB cannot look
 * her up (NOT_FOUND, as for an unknown id); after it, the SKB and the
 * program's provider see her, with her NUPTK.
 */
describe("a school registers its own teacher for another district's SKB event", () => {
  const REGISTER =
    'mutation($e: ID!, $t: ID, $name: String) { registerParticipant(eventId: $e, teacherId: $t, participantName: $name) { id status teacher { id } } }';
  const SEEN = 'query($id: ID!) { teacher(id: $id) { id fullName nuptk } }';
  const EVENT = DEMO_IDS.events.serangIntermediate2027;
  let teacher: { id: string; full_name: string; nuptk: string };
  const tokensOf = {} as Record<'ownSchool' | 'otherSchool' | 'skb' | 'provider', string>;
  let registrationId: string | undefined;

  beforeAll(async () => {
    [teacher] = await sql<{ id: string; full_name: string; nuptk: string }>(
      'schools',
      "select id, full_name, nuptk from teacher where school_npsn = '64710003' and nuptk is not null order by id limit 1",
    );
    tokensOf.ownSchool = await tokenFor({ org: 'school:64710003', roles: ['admin'], sub: 'need-to-know:school-3' });
    tokensOf.otherSchool = await tokenFor({ org: 'school:64710002', roles: ['admin'], sub: 'need-to-know:school-2' });
    tokensOf.skb = await tokenFor({ org: DEMO_IDS.skbSerang, roles: ['admin'], sub: 'need-to-know:skb-serang' });
    tokensOf.provider = await tokenFor({ org: DEMO_IDS.lpdBanten, roles: ['admin'], sub: 'need-to-know:lpd' });
  });

  afterAll(async () => {
    // The demo world as the other files expect it: without this registration and its audit row.
    if (registrationId) {
      await sql('skb', 'delete from audit_log where entity_id = $1', [registrationId]);
      await sql('skb', 'delete from registration where id = $1', [registrationId]);
    }
  });

  const registrations = async () =>
    Number((await sql<{ n: string }>('skb', 'select count(*) as n from registration where event_id = $1', [EVENT]))[0].n);

  it('before: the SKB and the provider do not see her, and the SKB cannot register her (NOT_FOUND, nothing written)', async () => {
    for (const token of [tokensOf.skb, tokensOf.provider]) {
      const { body } = await gql(SEEN, { id: teacher.id }, { token });
      expect(body.errors).toBeUndefined();
      expect(body.data.teacher).toBeNull();
    }
    const before = await registrations();
    const { body } = await gql(REGISTER, { e: EVENT, t: teacher.id }, { token: tokensOf.skb });
    expect(body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'teacherId' });
    expect(await registrations()).toBe(before);
  });

  it.each([
    ['another school registering her', 'otherSchool', () => ({ e: EVENT, t: teacher.id }), 'NOT_FOUND', 'teacherId'],
    ['her school naming no teacher', 'ownSchool', () => ({ e: EVENT, t: null, name: 'Peserta Tanpa Data' }), 'BAD_USER_INPUT', 'teacherId'],
    [
      'her school, for a COMPLETED event',
      'ownSchool',
      () => ({ e: DEMO_IDS.events.serangBasic2023, t: teacher.id }),
      'CONFLICT',
      'eventId',
    ],
  ] as const)('refuses %s: %s on %s, nothing written', async (_case, who, variables, code, field) => {
    const before = Number((await sql<{ n: string }>('skb', 'select count(*) as n from registration'))[0].n);
    const { body } = await gql(REGISTER, variables(), { token: tokensOf[who] });
    expect(body.errors[0].extensions).toMatchObject({ code, field });
    expect(Number((await sql<{ n: string }>('skb', 'select count(*) as n from registration'))[0].n)).toBe(before);
  });

  it('her school registers her; then the SKB and the provider see her with her NUPTK, within REACH_CACHE_MS', async () => {
    const { body } = await gql(REGISTER, { e: EVENT, t: teacher.id }, { token: tokensOf.ownSchool });
    expect(body.errors).toBeUndefined();
    registrationId = body.data.registerParticipant.id;
    expect(body.data.registerParticipant).toMatchObject({ status: 'REGISTERED', teacher: { id: teacher.id } });
    const [audit] = await sql<{ actor_org: string }>('skb', 'select actor_org from audit_log where entity_id = $1', [registrationId]);
    expect(audit.actor_org).toBe('school:64710003');
    // Each subgraph keeps an organisation's reach for REACH_CACHE_MS (2 s by default, docs/security.md):
    // the new relation shows within that time, not necessarily at once.
    const registeredAt = Date.now();
    for (const token of [tokensOf.skb, tokensOf.provider]) {
      let seen = await gql(SEEN, { id: teacher.id }, { token });
      while (seen.body.data?.teacher === null && Date.now() - registeredAt < 2000 + 1000) {
        await new Promise((r) => setTimeout(r, 100));
        seen = await gql(SEEN, { id: teacher.id }, { token });
      }
      expect(seen.body.errors).toBeUndefined();
      expect(seen.body.data.teacher).toEqual({ id: teacher.id, fullName: teacher.full_name, nuptk: teacher.nuptk });
    }
  });
});
