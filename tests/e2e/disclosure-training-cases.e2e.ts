import { DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql } from '../harness/client';
import { sql } from '../harness/db';
import { skbWrites } from '../harness/skb-writes';
import { MIN } from '../harness/statistics-oracle';
import { CALLERS, tokenFor } from '../harness/tokens';

/**
 * Issue 14, the training half: the cases of the issue, each against SQL over
 * the partners' own tables (the oracle), through the gateway.
 *
 * - Rates give counts: an event's and a program's attendance rate is
 *   attended ÷ (attended + no-show), pending registrations left out (an open
 *   event reads null, not 0), shown only when both counts are publishable,
 *   the same for an anonymous caller; a program's rate only when every one
 *   of its events' is.
 * - Complements by subtraction: a district's hidden outcome figures cannot
 *   be had as its all-tiers row minus its visible tiers, nor as the program
 *   totals of a tier minus the visible districts; a mean is shown only
 *   where its count is.
 * - One cell, one answer: a district's mean gain is the same in
 *   District.training and District.trainingOutcomes.
 * - The protected set follows the data: a write changes the figures at once.
 */

const small = (n: number) => n > 0 && n < MIN;
const TIERS = ['BASIC', 'INTERMEDIATE', 'ADVANCED'];
let analyst: string;

beforeAll(async () => {
  analyst = await tokenFor(CALLERS['government analyst']);
});

interface EventTruth {
  id: string;
  program_id: string;
  attended: number;
  no_show: number;
  pending: number;
}

const eventTruth = () =>
  sql<EventTruth>(
    'skb',
    `select e.id, e.program_id, count(r.id) filter (where r.status = 'ATTENDED')::int as attended,
            count(r.id) filter (where r.status = 'NO_SHOW')::int as no_show, count(r.id) filter (where r.status = 'REGISTERED')::int as pending
       from training_event e left join registration r on r.event_id = e.id group by e.id`,
  );

/** The rule: attended ÷ (attended + no-show) when both are 0 or at least MIN, to 4 decimals. */
const expectedRate = (a: number, n: number) => (a + n > 0 && !small(a) && !small(n) ? Math.round((a / (a + n)) * 10_000) / 10_000 : null);

async function eventRates(token?: string): Promise<Map<string, number | null>> {
  const { body } = await gql('{ trainingEvents(first: 100) { edges { node { id attendanceRate } } } }', {}, { token });
  expectNoErrors(body);
  return new Map(
    body.data.trainingEvents.edges.map((e: { node: { id: string; attendanceRate: number | null } }) => [e.node.id, e.node.attendanceRate]),
  );
}

describe('attendance rates give no counts away', () => {
  it('an event reads attended ÷ (attended + no-show), null when pending only or a count is small, for an anonymous caller too', async () => {
    const truth = await eventTruth();
    const [anonymous, asAnalyst] = [await eventRates(), await eventRates(analyst)];
    expect(truth.length).toBe(anonymous.size);
    for (const e of truth) {
      expect({ event: e.id, rate: anonymous.get(e.id) }).toEqual({ event: e.id, rate: expectedRate(e.attended, e.no_show) });
      expect(asAnalyst.get(e.id)).toBe(anonymous.get(e.id));
    }
    // The demo holds both cases: an event with registrations still pending and none attended, and a small no-show count.
    expect(truth.some((e) => e.pending > 0 && e.attended + e.no_show === 0)).toBe(true);
    expect(truth.some((e) => small(e.no_show))).toBe(true);
  });

  it("a program's rate is its events' sum, shown only when each of its events' is; registrations count the pending too", async () => {
    const truth = await eventTruth();
    const { body } = await gql(
      '{ trainingPrograms { id attendance { registrations attendanceRate suppressed } } }',
      {},
      { token: analyst },
    );
    expectNoErrors(body);
    for (const p of body.data.trainingPrograms) {
      const events = truth.filter((e) => e.program_id === p.id);
      const sum = (k: 'attended' | 'no_show' | 'pending') => events.reduce((acc, e) => acc + e[k], 0);
      const registrations = sum('attended') + sum('no_show') + sum('pending');
      const everyEvent = events.every((e) => e.attended + e.no_show === 0 || expectedRate(e.attended, e.no_show) !== null);
      expect({ program: p.id, ...p.attendance }).toEqual({
        program: p.id,
        registrations: small(registrations) ? null : registrations,
        attendanceRate: everyEvent ? expectedRate(sum('attended'), sum('no_show')) : null,
        suppressed:
          small(registrations) ||
          (sum('attended') + sum('no_show') > 0 && !(everyEvent && expectedRate(sum('attended'), sum('no_show')) !== null)),
      });
    }
  });
});

interface AssessmentTruth {
  teacher_id: string;
  program_id: string;
  passed: boolean;
}

async function outcomesTruth(): Promise<{ rows: AssessmentTruth[]; districtOf: Map<string, string>; tierOf: Map<string, string> }> {
  const rows = await sql<AssessmentTruth>('university', 'select teacher_id, program_id, passed from assessment');
  const programs = await sql<{ id: string; tier: string }>('university', 'select id, tier::text from training_program');
  const teachers = await sql<{ id: string; code: string }>(
    'schools',
    'select t.id, s.district_code as code from teacher t join school s on s.npsn = t.school_npsn',
  );
  return { rows, districtOf: new Map(teachers.map((t) => [t.id, t.code])), tierOf: new Map(programs.map((p) => [p.id, p.tier])) };
}

const DISTRICTS = `{ trainingPrograms { id tier outcomes { assessed passRate meanPreTest meanGain } }
  districts { code training { meanGain } trainingOutcomes { tier outcomes { assessed passRate meanPreTest meanPostTest meanGain followedUp suppressed } } } }`;

describe('no hidden outcome figure is a difference of shown ones', () => {
  it("shows a district's outcome figures only as they are, and never a tier without its all-tiers row", async () => {
    const { rows, districtOf, tierOf } = await outcomesTruth();
    const { body } = await gql(DISTRICTS, {}, { token: analyst });
    expectNoErrors(body);
    for (const d of body.data.districts) {
      const mine = rows.filter((r) => districtOf.get(r.teacher_id) === d.code);
      for (const { tier, outcomes } of d.trainingOutcomes) {
        const group = mine.filter((r) => tier === null || tierOf.get(r.program_id) === tier);
        const passed = group.filter((r) => r.passed).length;
        const where = `${d.code} ${tier ?? 'all'}`;
        if (outcomes.assessed !== null) expect({ where, assessed: outcomes.assessed }).toEqual({ where, assessed: group.length });
        if (small(group.length)) expect({ where, assessed: outcomes.assessed }).toEqual({ where, assessed: null });
        if (outcomes.passRate !== null) expect(outcomes.passRate).toBeCloseTo(passed / group.length, 4);
        if (small(passed) || small(group.length - passed))
          expect({ where, passRate: outcomes.passRate }).toEqual({ where, passRate: null });
        // A mean only where its count is shown.
        if (outcomes.assessed === null)
          expect({ where, means: [outcomes.meanPreTest, outcomes.meanPostTest, outcomes.meanGain] }).toEqual({
            where,
            means: [null, null, null],
          });
      }
      // A hidden tier hides the all-tiers row too (else the tier would be the row minus the other tiers), figure by figure.
      for (const figure of ['assessed', 'passRate', 'followedUp']) {
        const all = d.trainingOutcomes.find((t: { tier: string | null }) => t.tier === null).outcomes;
        const tierHidden = d.trainingOutcomes.some(
          (t: { tier: string | null; outcomes: Record<string, unknown> }) =>
            t.tier !== null && t.outcomes[figure] === null && mine.some((r) => tierOf.get(r.program_id) === t.tier),
        );
        if (tierHidden) expect({ district: d.code, figure, all: all[figure] }).toEqual({ district: d.code, figure, all: null });
      }
    }
  });

  it('leaves nothing small as program totals minus the shown districts, tier by tier', async () => {
    const { rows, districtOf, tierOf } = await outcomesTruth();
    const { body } = await gql(DISTRICTS, {}, { token: analyst });
    expectNoErrors(body);
    for (const tier of [...TIERS, null]) {
      const programs = body.data.trainingPrograms.filter((p: { tier: string }) => tier === null || p.tier === tier);
      if (programs.some((p: { outcomes: { assessed: number | null } }) => p.outcomes.assessed === null)) continue;
      const national = programs.reduce((acc: number, p: { outcomes: { assessed: number } }) => acc + p.outcomes.assessed, 0);
      const hidden = body.data.districts.filter(
        (d: { trainingOutcomes: Array<{ tier: string | null; outcomes: { assessed: number | null } }> }) =>
          d.trainingOutcomes.find((t) => t.tier === tier)!.outcomes.assessed === null,
      );
      const shown = body.data.districts
        .map(
          (d: { trainingOutcomes: Array<{ tier: string | null; outcomes: { assessed: number | null } }> }) =>
            d.trainingOutcomes.find((t) => t.tier === tier)!.outcomes.assessed,
        )
        .filter((n: number | null): n is number => n !== null)
        .reduce((a: number, b: number) => a + b, 0);
      const remainder = national - shown;
      // The hidden districts hold the remainder between them (with teachers of no district): never one district alone, never a small sum.
      const holders = hidden.filter((d: { code: string }) =>
        rows.some((r) => districtOf.get(r.teacher_id) === d.code && (tier === null || tierOf.get(r.program_id) === tier)),
      );
      expect({ tier, remainder: small(remainder) ? 'small' : 'ok', alone: holders.length === 1 && remainder > 0 }).toEqual({
        tier,
        remainder: 'ok',
        alone: false,
      });
    }
  });

  it("one cell, one answer: a district's mean gain in District.training is its all-tiers row's", async () => {
    const { body } = await gql(DISTRICTS, {}, { token: analyst });
    expectNoErrors(body);
    for (const d of body.data.districts) {
      const all = d.trainingOutcomes.find((t: { tier: string | null }) => t.tier === null).outcomes;
      expect({ district: d.code, meanGain: d.training.meanGain }).toEqual({ district: d.code, meanGain: all.meanGain });
    }
  });
});

describe('the protected set follows the data', () => {
  const skb = skbWrites();

  it('an open event with pending registrations reads null; its registrations count in its program at once', async () => {
    const registrations = async () => {
      const { body } = await gql(
        'query($id: ID!) { trainingProgram(id: $id) { attendance { registrations } } }',
        { id: DEMO_IDS.programs.basic },
        { token: analyst },
      );
      expectNoErrors(body);
      return body.data.trainingProgram.attendance.registrations as number | null;
    };
    const before = await registrations();
    const event = await skb.createEvent({ programId: DEMO_IDS.programs.basic });
    await skb.setStatus(event.id, 'OPEN');
    for (const t of skb.teachers) await skb.register(event.id, t.id);
    const { body } = await gql('query($id: ID!) { trainingEvent(id: $id) { attendanceRate } }', { id: event.id });
    expectNoErrors(body);
    expect(body.data.trainingEvent.attendanceRate).toBeNull();
    const [{ n }] = await sql<{ n: number }>(
      'skb',
      `select count(*)::int as n from registration r join training_event e on e.id = r.event_id where e.program_id = $1 and r.status <> 'CANCELLED'`,
      [DEMO_IDS.programs.basic],
    );
    expect(before === null || before + skb.teachers.length === n).toBe(true);
    expect(await registrations()).toBe(small(n) ? null : n);
  });
});
