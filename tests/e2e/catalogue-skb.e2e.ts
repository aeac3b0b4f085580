import { randomUUID } from 'node:crypto';
import { DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql, type LooseBody } from '../harness/client';
import { auditOf, rowCounts, sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { CALLERS, tokenFor, type Caller } from '../harness/tokens';
import { UNKNOWN_ID, dayFromToday, expectNothingWritten } from '../harness/writes';

/**
 * Issue 12, the SKBs' catalogue: an SKB's admin adds venues, which it owns
 * (`Venue.owner`), and the sessions of the events it runs at them
 * (`TrainingEvent.organizer` is the venue's owner). Districts and
 * facilitators are checked with the other partners through the gateway;
 * a session falls on its day at the venue's clock (WIB at Serang, WITA at
 * Samarinda). Another SKB is FORBIDDEN naming the owner. Every refusal
 * writes nothing; every venue and event made here is deleted afterwards.
 */

const TABLES = ['venue', 'training_event', 'event_session', 'session_facilitator', 'audit_log'];
const CREATE_VENUE =
  'mutation($input: VenueInput!) { createVenue(input: $input) { id name address capacity owner { id } district { code } } }';
const ADD_SESSION =
  'mutation($e: ID!, $input: EventSessionInput!) { addEventSession(eventId: $e, input: $input) { id day kind topic startsAt endsAt facilitators { id } } }';
const CREATE_EVENT = 'mutation($input: TrainingEventInput!) { createTrainingEvent(input: $input) { id version } }';
const STATUS = 'mutation($id: ID!, $s: TrainingEventStatus!) { setTrainingEventStatus(id: $id, status: $s) { id } }';
const EVENT = 'query($id: ID!) { trainingEvent(id: $id) { id version organizer { id } sessions { topic facilitators { id } } } }';

/** One test run's venue names, so that a rerun against the same databases does not meet its own. */
const RUN = randomUUID().slice(0, 8);
/** The event made for each SKB lasts three days from here: day 2 is `DAY2`. */
const STARTS = dayFromToday(400);
const DAY2 = dayFromToday(401);

interface Skb {
  org: string;
  venueId: string;
  districtCode: string;
  /** The venue's clock: WIB at Serang, WITA at Samarinda. */
  offset: string;
  programId: string;
  lecturers: [string, string];
  admin: string;
  /** The event made for this file, at the SKB's demo venue. */
  eventId: string;
}

const SKBS: Record<'serang' | 'samarinda', Skb> = {
  serang: {
    org: DEMO_IDS.skbSerang,
    venueId: DEMO_IDS.venues.serang,
    districtCode: DEMO_IDS.serang,
    offset: '+07:00',
    programId: DEMO_IDS.programs.lpdIntermediate,
    lecturers: [DEMO_IDS.lecturers.lpdLead, DEMO_IDS.lecturers.lpdPractice],
    admin: '',
    eventId: '',
  },
  samarinda: {
    org: DEMO_IDS.skbSamarinda,
    venueId: DEMO_IDS.venues.samarinda,
    districtCode: '64.72',
    offset: '+08:00',
    programId: DEMO_IDS.programs.basic,
    lecturers: [DEMO_IDS.lecturers.practice, DEMO_IDS.lecturers.psychology],
    admin: '',
    eventId: '',
  },
};
const serang = SKBS.serang;
let balikpapanAdmin: string;
const created = { venues: [] as string[], events: [] as string[] };

async function createEvent(skb: Skb, overrides: Record<string, unknown> = {}): Promise<string> {
  const input = {
    title: `Diklat Uji Sesi ${RUN}`,
    programId: skb.programId,
    venueId: skb.venueId,
    startsOn: STARTS,
    endsOn: dayFromToday(402),
    capacity: 20,
    ...overrides,
  };
  const { body } = await gql(CREATE_EVENT, { input }, { token: skb.admin });
  expectNoErrors(body);
  created.events.push(body.data.createTrainingEvent.id);
  return body.data.createTrainingEvent.id;
}

const venueInput = (overrides: Record<string, unknown> = {}) => ({
  name: `Ruang Uji ${RUN}`,
  address: 'Jl. Pendidikan No. 1',
  districtCode: serang.districtCode,
  capacity: 30,
  ...overrides,
});

/** A session on day 2 of `skb`'s event, 13:00 to 14:30 by the venue's clock. */
const sessionInput = (skb: Skb, overrides: Record<string, unknown> = {}) => ({
  day: 2,
  kind: 'MATERIAL',
  topic: 'Asesmen perkembangan anak',
  startsAt: `${DAY2}T13:00:00${skb.offset}`,
  endsAt: `${DAY2}T14:30:00${skb.offset}`,
  facilitatorIds: skb.lecturers,
  ...overrides,
});

const versionOf = async (eventId: string): Promise<number> =>
  (await sql<{ version: number }>('skb', 'select version from training_event where id = $1', [eventId]))[0].version;

beforeAll(async () => {
  for (const [name, skb] of Object.entries(SKBS)) {
    skb.admin = await tokenFor({ org: skb.org, roles: ['admin'], sub: `catalogue-test:${name}-admin` });
    skb.eventId = await createEvent(skb);
  }
  balikpapanAdmin = await tokenFor({ ...CALLERS['skb admin'], sub: 'catalogue-test:balikpapan-admin' });
});

afterAll(async () => {
  // Their sessions, facilitators and registrations go with the events.
  if (created.events.length) await sql('skb', 'delete from training_event where id = any($1::uuid[])', [created.events]);
  if (created.venues.length) await sql('skb', 'delete from venue where id = any($1::uuid[])', [created.venues]);
});

describe.each(Object.entries(SKBS))('%s, its own catalogue through the gateway', (name, skb) => {
  let venueId: string;

  it('createVenue: a venue owned by the SKB, read back with its owner, audited', async () => {
    const before = await rowCounts('skb', TABLES);
    const input = venueInput({ name: `  Aula   Uji ${name} ${RUN} `, districtCode: skb.districtCode });
    const { body } = await gql(CREATE_VENUE, { input }, { token: skb.admin });
    expectNoErrors(body);
    venueId = body.data.createVenue.id;
    created.venues.push(venueId);
    expect(body.data.createVenue).toEqual({
      id: venueId,
      name: `Aula Uji ${name} ${RUN}`,
      address: 'Jl. Pendidikan No. 1',
      capacity: 30,
      owner: { id: skb.org },
      district: { code: skb.districtCode },
    });
    const read = await gql(
      'query($id: ID!) { venue(id: $id) { id owner { id } district { code } } }',
      { id: venueId },
      { token: skb.admin },
    );
    expect(read.body.data.venue).toEqual({ id: venueId, owner: { id: skb.org }, district: { code: skb.districtCode } });
    expect(await rowCounts('skb', TABLES)).toEqual({ ...before, venue: before.venue + 1, audit_log: before.audit_log + 1 });
    expect(await auditOf('skb', venueId)).toEqual([
      expect.objectContaining({
        actor_sub: `catalogue-test:${name}-admin`,
        actor_org: skb.org,
        action: 'createVenue',
        entity: 'Venue',
        details: {
          name: `Aula Uji ${name} ${RUN}`,
          address: 'Jl. Pendidikan No. 1',
          districtCode: skb.districtCode,
          capacity: 30,
          ownerOrg: skb.org,
        },
      }),
    ]);
  });

  it('runs an event at the new venue, organised by the SKB', async () => {
    const eventId = await createEvent(skb, { venueId });
    const { body } = await gql(EVENT, { id: eventId }, { token: skb.admin });
    expect(body.data.trainingEvent).toEqual({ id: eventId, version: 1, organizer: { id: skb.org }, sessions: [] });
  });

  it('addEventSession: the session with its facilitators, read back on the event, whose version moves on; audited', async () => {
    const before = await rowCounts('skb', TABLES);
    const input = sessionInput(skb);
    const { body } = await gql(ADD_SESSION, { e: skb.eventId, input }, { token: skb.admin });
    expectNoErrors(body);
    const session = body.data.addEventSession;
    expect(session).toEqual({
      id: expect.any(String),
      day: 2,
      kind: 'MATERIAL',
      topic: 'Asesmen perkembangan anak',
      startsAt: new Date(input.startsAt).toISOString(),
      endsAt: new Date(input.endsAt).toISOString(),
      facilitators: expect.arrayContaining(skb.lecturers.map((id) => ({ id }))),
    });
    expect(session.facilitators).toHaveLength(2);
    const read = await gql(EVENT, { id: skb.eventId }, { token: skb.admin });
    expect(read.body.data.trainingEvent).toEqual({
      id: skb.eventId,
      version: 2,
      organizer: { id: skb.org },
      sessions: [{ topic: 'Asesmen perkembangan anak', facilitators: expect.arrayContaining(skb.lecturers.map((id) => ({ id }))) }],
    });
    expect(await rowCounts('skb', TABLES)).toEqual({
      ...before,
      event_session: before.event_session + 1,
      session_facilitator: before.session_facilitator + 2,
      audit_log: before.audit_log + 1,
    });
    const [audit] = await auditOf('skb', session.id);
    expect(audit).toMatchObject({
      actor_sub: `catalogue-test:${name}-admin`,
      actor_org: skb.org,
      action: 'addEventSession',
      entity: 'EventSession',
      details: { eventId: skb.eventId, day: 2, kind: 'MATERIAL', facilitatorIds: skb.lecturers, fromVersion: 1 },
    });
  });

  it('takes times written in another offset: the instants are what counts', async () => {
    // 15:00 to 16:00 at the venue, written in UTC.
    const hours = skb.offset === '+07:00' ? 8 : 7;
    const input = sessionInput(skb, {
      kind: 'MENTORING',
      topic: 'Konsultasi',
      startsAt: `${DAY2}T${String(hours).padStart(2, '0')}:00:00Z`,
      endsAt: `${DAY2}T${String(hours + 1).padStart(2, '0')}:00:00Z`,
      facilitatorIds: null,
    });
    const { body } = await gql(ADD_SESSION, { e: skb.eventId, input }, { token: skb.admin });
    expectNoErrors(body);
    expect(body.data.addEventSession.facilitators).toEqual([]);
  });
});

describe('createVenue refuses bad input, writing nothing', () => {
  beforeAll(async () => {
    const { body } = await gql(CREATE_VENUE, { input: venueInput({ name: `Ruang Uji Ganda ${RUN}` }) }, { token: serang.admin });
    expectNoErrors(body);
    created.venues.push(body.data.createVenue.id);
  });

  const REFUSED: Array<[string, string, string, Record<string, unknown>]> = [
    ['a blank name', 'BAD_USER_INPUT', 'input.name', { name: ' \t ' }],
    ['a name of 151 characters', 'BAD_USER_INPUT', 'input.name', { name: 'N'.repeat(151) }],
    ['a blank address', 'BAD_USER_INPUT', 'input.address', { address: '  ' }],
    ['an address of 301 characters', 'BAD_USER_INPUT', 'input.address', { address: 'A'.repeat(301) }],
    ['a malformed district code', 'BAD_USER_INPUT', 'input.districtCode', { districtCode: 'Serang' }],
    ['no seats', 'BAD_USER_INPUT', 'input.capacity', { capacity: 0 }],
    ['10 001 seats', 'BAD_USER_INPUT', 'input.capacity', { capacity: 10_001 }],
    ['a capacity that is no Int', 'BAD_USER_INPUT', 'input.capacity', { capacity: 12.5 }],
    ['a district the schools partner does not know', 'NOT_FOUND', 'input.districtCode', { districtCode: '36.99' }],
    ["the name of one of the SKB's venues, in other letters", 'CONFLICT', 'input.name', { name: `RUANG UJI GANDA ${RUN}` }],
  ];

  it.each(REFUSED)('%s: %s naming %s', async (_what, code, field, overrides) => {
    await expectNothingWritten(
      'skb',
      TABLES,
      () => gql(CREATE_VENUE, { input: venueInput(overrides) }, { token: serang.admin }),
      code,
      field,
    );
  });

  it("lets another SKB use the same name (names are unique per SKB), and the demo SKB's hall name too", async () => {
    for (const [token, name] of [
      [SKBS.samarinda.admin, `Ruang Uji Ganda ${RUN}`],
      [serang.admin, 'Aula SKB Balikpapan Selatan'],
    ]) {
      const { body } = await gql(CREATE_VENUE, { input: venueInput({ name }) }, { token });
      expectNoErrors(body);
      created.venues.push(body.data.createVenue.id);
    }
  });
});

describe('addEventSession refuses bad input, writing nothing', () => {
  let cancelled: string;

  beforeAll(async () => {
    cancelled = await createEvent(serang);
    expectNoErrors((await gql(STATUS, { id: cancelled, s: 'CANCELLED' }, { token: serang.admin })).body);
  });

  const at = (time: string, date = DAY2, offset = serang.offset) => `${date}T${time}${offset}`;
  const REFUSED: Array<[string, () => [string, Record<string, unknown>], string, string]> = [
    ['an event id that is no id', () => ['event-1', {}], 'BAD_USER_INPUT', 'eventId'],
    ['an event the SKB does not have', () => [UNKNOWN_ID, {}], 'NOT_FOUND', 'eventId'],
    ['a COMPLETED event', () => [DEMO_IDS.events.serangBasic2023, {}], 'CONFLICT', 'eventId'],
    ['a CANCELLED event', () => [cancelled, {}], 'CONFLICT', 'eventId'],
    ['day 0', () => [serang.eventId, { day: 0 }], 'BAD_USER_INPUT', 'input.day'],
    ['day 4 of a three-day event', () => [serang.eventId, { day: 4 }], 'BAD_USER_INPUT', 'input.day'],
    ['a blank topic', () => [serang.eventId, { topic: '   ' }], 'BAD_USER_INPUT', 'input.topic'],
    ['a topic of 201 characters', () => [serang.eventId, { topic: 'T'.repeat(201) }], 'BAD_USER_INPUT', 'input.topic'],
    ['a kind that is not a SessionKind', () => [serang.eventId, { kind: 'LECTURE' }], 'BAD_USER_INPUT', 'input.kind'],
    ['a start without an offset', () => [serang.eventId, { startsAt: `${DAY2}T13:00:00` }], 'BAD_USER_INPUT', 'input.startsAt'],
    ['an end before the start', () => [serang.eventId, { endsAt: at('12:00:00') }], 'BAD_USER_INPUT', 'input.endsAt'],
    [
      // 23:30 on day 1 by Balikpapan's clock (WITA) is 22:30 at Serang (WIB): day 1 there, not day 2.
      'a start on the day before at the venue',
      () => [serang.eventId, { startsAt: at('23:30:00', STARTS, '+08:00'), endsAt: at('01:00:00', DAY2, '+08:00') }],
      'BAD_USER_INPUT',
      'input.startsAt',
    ],
    [
      'an end on the day after at the venue',
      () => [serang.eventId, { startsAt: at('22:00:00'), endsAt: at('00:30:00', dayFromToday(402)) }],
      'BAD_USER_INPUT',
      'input.endsAt',
    ],
    [
      'a facilitator id that is no id',
      () => [serang.eventId, { facilitatorIds: ['lpd-lead'] }],
      'BAD_USER_INPUT',
      'input.facilitatorIds[0]',
    ],
    [
      'a facilitator named twice',
      () => [serang.eventId, { facilitatorIds: [serang.lecturers[0], serang.lecturers[1], serang.lecturers[0]] }],
      'BAD_USER_INPUT',
      'input.facilitatorIds[2]',
    ],
    [
      'a lecturer the university does not know (asked through the gateway)',
      () => [serang.eventId, { facilitatorIds: [serang.lecturers[0], UNKNOWN_ID] }],
      'NOT_FOUND',
      'input.facilitatorIds[1]',
    ],
    [
      // The session added above runs 13:00 to 14:30.
      'a time taken by another session of the event',
      () => [serang.eventId, { startsAt: at('14:00:00'), endsAt: at('15:00:00') }],
      'CONFLICT',
      'input.startsAt',
    ],
  ];

  // The title names the code and field; the operation is built when the test runs (the events exist by then).
  it.each(REFUSED.map(([what, operation, code, field]) => [what, code, field, operation] as const))(
    '%s: %s naming %s',
    async (_what, code, field, operation) => {
      const [eventId, overrides] = operation();
      const version = eventId === serang.eventId ? await versionOf(eventId) : null;
      await expectNothingWritten(
        'skb',
        TABLES,
        () => gql(ADD_SESSION, { e: eventId, input: sessionInput(serang, overrides) }, { token: serang.admin }),
        code,
        field,
      );
      if (version !== null) expect(await versionOf(eventId)).toBe(version);
    },
  );

  it('lets a session start when the one before it ends', async () => {
    const input = sessionInput(serang, { startsAt: at('14:30:00'), endsAt: at('15:00:00'), topic: 'Refleksi' });
    expectNoErrors((await gql(ADD_SESSION, { e: serang.eventId, input }, { token: serang.admin })).body);
  });
});

describe.each([
  ['the gateway', () => hubUrls().gateway],
  ["the SKB's subgraph directly", () => hubUrls().subgraphs.skb],
])("another SKB, at Serang's event through %s", (_via, url) => {
  // Only the SKB's own fields, so that the document is valid at its subgraph too.
  const ADD = 'mutation($e: ID!, $input: EventSessionInput!) { addEventSession(eventId: $e, input: $input) { id } }';

  it.each([
    ['SKB Balikpapan Selatan', () => [balikpapanAdmin, DEMO_IDS.skb]],
    ['SKB Samarinda', () => [SKBS.samarinda.admin, DEMO_IDS.skbSamarinda]],
  ])('%s is FORBIDDEN naming the owner, and nothing is written', async (_who, caller) => {
    const [token, org] = caller();
    const version = await versionOf(serang.eventId);
    const input = sessionInput(serang, { startsAt: `${DAY2}T08:00:00+07:00`, endsAt: `${DAY2}T09:00:00+07:00` });
    const body = await expectNothingWritten(
      'skb',
      TABLES,
      () => gql(ADD, { e: serang.eventId, input }, { url: url(), token }),
      'FORBIDDEN',
    );
    expect(body.errors[0].message).toBe(`Mutation.addEventSession: ${org} may write only its own rows, not those of ${DEMO_IDS.skbSerang}`);
    expect(await versionOf(serang.eventId)).toBe(version);
  });
});

describe('who may write the catalogue', () => {
  const WRITES: Array<[string, () => [string, Record<string, unknown>]]> = [
    ['createVenue', () => [CREATE_VENUE, { input: venueInput({ name: `Ruang Tanpa Hak ${RUN}` }) }]],
    [
      'addEventSession',
      () => [
        ADD_SESSION,
        { e: serang.eventId, input: sessionInput(serang, { startsAt: `${DAY2}T08:00:00+07:00`, endsAt: `${DAY2}T09:00:00+07:00` }) },
      ],
    ],
  ];
  const CALLERS_REFUSED: Array<[Caller | 'serang staff', string]> = [
    ['anonymous', 'UNAUTHENTICATED'],
    ['serang staff', 'FORBIDDEN'],
    ['school admin', 'FORBIDDEN'],
    ['university admin', 'FORBIDDEN'],
    ['government analyst', 'FORBIDDEN'],
  ];

  describe.each(WRITES)('%s', (_name, operation) => {
    it.each(CALLERS_REFUSED)('%s: %s, nothing written', async (caller, code) => {
      const token =
        caller === 'anonymous'
          ? undefined
          : await tokenFor(caller === 'serang staff' ? { org: DEMO_IDS.skbSerang, roles: ['staff'] } : CALLERS[caller]);
      const [document, variables] = operation();
      await expectNothingWritten('skb', TABLES, () => gql(document, variables, { token }), code);
    });
  });
});

describe('organizers of the demo events', () => {
  const E = DEMO_IDS.events;
  const ORGANIZERS: Record<string, string> = {
    [E.balikpapan2022]: DEMO_IDS.skb,
    [E.basic2023]: DEMO_IDS.skb,
    [E.intermediate2024]: DEMO_IDS.skb,
    [E.advanced2025]: DEMO_IDS.skb,
    [E.basic2027]: DEMO_IDS.skbSamarinda,
    [E.serangBasic2023]: DEMO_IDS.skbSerang,
    [E.serangIntermediate2027]: DEMO_IDS.skbSerang,
    [E.samarindaBasic2023]: DEMO_IDS.skbSamarinda,
    [E.kukarBasic2024]: DEMO_IDS.skbSamarinda,
    [E.serangBasic2023Second]: DEMO_IDS.skbSerang,
    [E.basic2026]: DEMO_IDS.skb,
    [E.intermediate2026]: DEMO_IDS.skb,
    [E.samarindaIntermediate2024]: DEMO_IDS.skbSamarinda,
    [E.samarindaAdvanced2025]: DEMO_IDS.skbSamarinda,
  };

  it('every demo event is run by the SKB that owns its venue', async () => {
    expect(Object.keys(ORGANIZERS).sort()).toEqual(Object.values(E).sort());
    const fields = Object.keys(ORGANIZERS)
      .map((id, i) => `e${i}: trainingEvent(id: "${id}") { id organizer { id } venue { owner { id } } }`)
      .join(' ');
    const { body } = await gql(`{ ${fields} }`, {}, { token: serang.admin });
    expectNoErrors(body);
    const found = Object.values(body.data as Record<string, LooseBody>);
    expect(Object.fromEntries(found.map((e) => [e.id, e.organizer.id]))).toEqual(ORGANIZERS);
    for (const e of found) expect(e.venue.owner).toEqual(e.organizer);
  });

  it("the Serang event's sessions are led by LPD Banten's lecturers", async () => {
    const { body } = await gql(EVENT, { id: E.serangIntermediate2027 }, { token: serang.admin });
    expectNoErrors(body);
    const ids = new Set(body.data.trainingEvent.sessions.flatMap((s: LooseBody) => s.facilitators.map((f: LooseBody) => f.id)));
    expect([...ids].sort()).toEqual([DEMO_IDS.lecturers.lpdLead, DEMO_IDS.lecturers.lpdPractice].sort());
  });

  it('every demo venue has its owner', async () => {
    const { body } = await gql('{ venues { id owner { id } } }', {}, { token: serang.admin });
    expectNoErrors(body);
    const owners = Object.fromEntries((body.data.venues as LooseBody[]).map((v) => [v.id, v.owner.id]));
    expect(owners).toMatchObject({
      [DEMO_IDS.venues.hall]: DEMO_IDS.skb,
      [DEMO_IDS.venues.classroom]: DEMO_IDS.skb,
      [DEMO_IDS.venues.samarinda]: DEMO_IDS.skbSamarinda,
      [DEMO_IDS.venues.serang]: DEMO_IDS.skbSerang,
    });
  });

  it('organizers of a page of events cost the same SQL for 2 and for 6 events (no N+1)', async () => {
    const page = 'query($n: Int) { trainingEvents(first: $n) { edges { node { organizer { id } venue { owner { id } } } } } }';
    const sqlFor = async (n: number) => {
      const { body } = await gql(page, { n }, { token: serang.admin, headers: { 'x-mitra-debug': 'sql' } });
      expectNoErrors(body);
      expect(body.data.trainingEvents.edges).toHaveLength(n);
      return body.extensions.sqlStatements;
    };
    expect(await sqlFor(6)).toEqual(await sqlFor(2));
  });
});
