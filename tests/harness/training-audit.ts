/// <reference types="jest" />
import { expectNoErrors, gql as send } from './client';
import { sql } from './db';
import { MIN } from './statistics-oracle';
import { LinearModel, isProtected, type Exposure, type Terms } from './training-lp';

/**
 * The analyst's attack on the training, outcome and attendance figures
 * (issue 14), as linear programs: everything the API publishes about them,
 * for every program, event and district, stated as constraints over the
 * unknown true counts, and every small count (1..MIN-1) bounded from both
 * sides. The truth comes from the partners' databases (the oracle); a count
 * is exposed when its interval does not reach both 0 and MIN.
 *
 * University: assessments, passed and failed per unit (an event, the
 * program's fully shown events together, or the program's assessments of no
 * event) and teacher's district; published: event and program `assessed` and
 * `passRate`, and each district's per-tier and all-tier rows. SKB: attended,
 * no-show and pending registrations per event; published: the events'
 * `attendanceRate` (anonymous), the programs' `registrations` and
 * `attendanceRate`, event capacities. Districts: teachers by highest tier
 * and teachers trained against the teacher count.
 */

const OUT = 'OUT';
const small = (n: number) => n > 0 && n < MIN;

export interface Published {
  programs: Array<{
    id: string;
    tier: string;
    outcomes: Outcome;
    attendance: { registrations: number | null; attendanceRate: number | null };
  }>;
  events: Array<{ id: string; capacity: number; program: { id: string } | null; attendanceRate: number | null; outcomes?: Outcome }>;
  districts: Array<{
    code: string;
    teacherCount: number | null;
    training: { teachersTrained: number | null; byHighestTier: Array<{ tier: string; count: number | null }> } | null;
    trainingOutcomes: Array<{ tier: string | null; outcomes: Outcome }> | null;
  }>;
}
interface Outcome {
  assessed: number | null;
  passRate: number | null;
}

const OUTCOME = 'outcomes { assessed passRate }';

/** One request; once more if the connection was dropped (an idle keep-alive connection closed during a long audit). */
async function gql(query: string, variables: Record<string, unknown>, options: { token?: string }): ReturnType<typeof send> {
  try {
    return await send(query, variables, options);
  } catch {
    return send(query, variables, options);
  }
}

/** Every page of events, as `caller` reads them (`token` undefined: anonymous, attendance rates only). */
async function events(token: string | undefined): Promise<Published['events']> {
  const all: Published['events'] = [];
  let after: string | null = null;
  do {
    const { body } = await gql(
      `query($after: String) { trainingEvents(first: 100, after: $after) {
         edges { node { id capacity program { id } attendanceRate ${token ? OUTCOME : ''} } } pageInfo { hasNextPage endCursor } } }`,
      { after },
      { token },
    );
    expectNoErrors(body);
    all.push(...body.data.trainingEvents.edges.map((e: { node: Published['events'][number] }) => e.node));
    after = body.data.trainingEvents.pageInfo.hasNextPage ? body.data.trainingEvents.pageInfo.endCursor : null;
  } while (after);
  return all;
}

export async function collect(token: string | undefined): Promise<Published> {
  if (!token) return { programs: [], events: await events(undefined), districts: [] };
  const { body } = await gql(
    `{ trainingPrograms { id tier ${OUTCOME} attendance { registrations attendanceRate } }
       districts { code teacherCount training { teachersTrained byHighestTier { tier count } } trainingOutcomes { tier ${OUTCOME} } } }`,
    {},
    { token },
  );
  expectNoErrors(body);
  return { programs: body.data.trainingPrograms, events: await events(token), districts: body.data.districts };
}

export async function check(model: LinearModel, cells: Array<{ cell: string; truth: number; terms: Terms }>): Promise<Exposure[]> {
  const exposed: Exposure[] = [];
  for (const c of cells) {
    if (!small(c.truth)) continue;
    const b = await model.bounds(c.terms);
    if (!isProtected(b, MIN)) exposed.push({ cell: c.cell, truth: c.truth, min: b.min, max: b.max });
  }
  model.dispose();
  return exposed;
}

/** University: assessed, passed and failed per event, program, district and tier. */
export async function auditOutcomes(pub: Published, integer: boolean): Promise<Exposure[]> {
  const districtOf = new Map(
    (
      await sql<{ id: string; code: string }>(
        'schools',
        'select t.id, s.district_code as code from teacher t join school s on s.npsn = t.school_npsn',
      )
    ).map((r) => [r.id, r.code]),
  );
  const rows = await sql<{ program_id: string; event_id: string | null; teacher_id: string; passed: boolean }>(
    'university',
    'select program_id, event_id, teacher_id, passed from assessment',
  );
  const tierOf = new Map(pub.programs.map((p) => [p.id, p.tier]));
  const shown = (o: Outcome | undefined) => o != null && o.assessed != null && o.passRate != null;
  const eventShown = new Map(pub.events.map((e) => [e.id, shown(e.outcomes)]));
  // Units split by district: a program's fully shown events together, and the rest (other events, no event) together;
  // the other events are not split by district (nothing published is), only linked to their unit's total.
  const unitOf = (r: (typeof rows)[number]) =>
    r.event_id != null && eventShown.get(r.event_id) ? `${r.program_id}:shown` : `${r.program_id}:rest`;
  // The truth, per unit and district, of passed (P) and failed (F).
  const truth = new Map<string, number>();
  const units = new Map<string, string>(); // unit -> program
  const districts = new Set([...pub.districts.map((d) => d.code)]);
  for (const r of rows) {
    const u = unitOf(r);
    units.set(u, r.program_id);
    const d = districtOf.get(r.teacher_id) ?? OUT;
    if (d === OUT) districts.add(OUT);
    const m = r.passed ? 'P' : 'F';
    for (const key of [`${m}|${u}|${d}`, r.event_id ? `E${m}|${r.event_id}` : `R${m}|${r.program_id}`])
      truth.set(key, (truth.get(key) ?? 0) + 1);
  }
  const model = new LinearModel(integer);
  const v = (m: string, u: string, d: string) => `${m}|${u}|${d}`;
  const sumOf = (ms: string[], us: string[], ds: string[]): Terms =>
    ms.flatMap((m) => us.flatMap((u) => ds.map((d): [string, number] => [v(m, u, d), 1])));
  const value = (terms: Terms) => terms.reduce((acc, [name]) => acc + (truth.get(name) ?? 0), 0);
  const cells: Array<{ cell: string; truth: number; terms: Terms }> = [];
  const publish = (where: string, o: Outcome | undefined, us: string[], ds: string[]) =>
    publishTerms(where, o, sumOf(['P', 'F'], us, ds), sumOf(['P'], us, ds), sumOf(['F'], us, ds));
  const publishTerms = (where: string, o: Outcome | undefined, assessed: Terms, passed: Terms, failed: Terms) => {
    if (o?.assessed != null) model.equal(assessed, o.assessed);
    if (o?.passRate != null)
      model.share(
        passed.map(([n]) => n),
        assessed.map(([n]) => n),
        o.passRate,
      );
    for (const [m, terms] of [
      ['assessed', assessed],
      ['passed', passed],
      ['failed', failed],
    ] as const)
      cells.push({ cell: `${where}.${m}`, truth: value(terms), terms });
  };
  const allDistricts = [...districts];
  const unitsOfProgram = (p: string) => [...units].filter(([, q]) => q === p).map(([u]) => u);
  for (const p of pub.programs) {
    for (const u of unitsOfProgram(p.id)) for (const d of allDistricts) for (const m of ['P', 'F']) model.variable(v(m, u, d));
    publish(`program ${p.id}`, p.outcomes, unitsOfProgram(p.id), allDistricts);
    // Shown events: each one's figures constrain the unit of all of them.
    for (const e of pub.events.filter((x) => x.program?.id === p.id)) {
      if (!rows.some((r) => r.event_id === e.id)) continue;
      if (eventShown.get(e.id)) {
        const a = e.outcomes!.assessed!;
        const rate = e.outcomes!.passRate!;
        const digits = (String(rate).split('.')[1] ?? '').length;
        const h = digits > 6 ? 1e-9 : 0.5 * 10 ** -digits;
        // Bounds on the unit's passed from each shown event: summed below.
        model.variable(`shown-passed|${e.id}`);
        model.between([[`shown-passed|${e.id}`, 1]], Math.ceil((rate - h) * a - 1e-9), Math.floor((rate + h) * a + 1e-9));
        model.equal([[`shown-assessed|${e.id}`, 1]], a);
        const passedTruth = rows.filter((r) => r.event_id === e.id && r.passed).length;
        cells.push({ cell: `event ${e.id}.passed`, truth: passedTruth, terms: [[`shown-passed|${e.id}`, 1]] });
        cells.push({
          cell: `event ${e.id}.failed`,
          truth: a - passedTruth,
          terms: [
            [`shown-assessed|${e.id}`, 1],
            [`shown-passed|${e.id}`, -1],
          ],
        });
      } else {
        const [ep, ef]: Terms[] = [[[`EP|${e.id}`, 1]], [[`EF|${e.id}`, 1]]];
        publishTerms(`event ${e.id}`, e.outcomes, [...ep, ...ef], ep, ef);
      }
    }
    // The rest unit: its events (not split by district) and the assessments of no event.
    const ru = `${p.id}:rest`;
    if (units.has(ru)) {
      const restEvents = pub.events.filter((x) => x.program?.id === p.id && !eventShown.get(x.id) && rows.some((r) => r.event_id === x.id));
      for (const m of ['P', 'F']) {
        const none =
          truth.has(`R${m}|${p.id}`) || truth.has(`R${m === 'P' ? 'F' : 'P'}|${p.id}`) ? [[`R${m}|${p.id}`, -1] as [string, number]] : [];
        model.equal([...sumOf([m], [ru], allDistricts), ...restEvents.map((e): [string, number] => [`E${m}|${e.id}`, -1]), ...none], 0);
      }
    }
    const shownEvents = pub.events.filter((x) => x.program?.id === p.id && eventShown.get(x.id));
    const su = `${p.id}:shown`;
    if (units.has(su)) {
      model.equal(
        [...sumOf(['P', 'F'], [su], allDistricts), ...shownEvents.map((e): [string, number] => [`shown-assessed|${e.id}`, -1])],
        0,
      );
      model.equal([...sumOf(['P'], [su], allDistricts), ...shownEvents.map((e): [string, number] => [`shown-passed|${e.id}`, -1])], 0);
    }
  }
  for (const d of pub.districts) {
    for (const row of d.trainingOutcomes ?? []) {
      const programs = pub.programs.filter((p) => row.tier === null || tierOf.get(p.id) === row.tier).map((p) => p.id);
      publish(`district ${d.code} ${row.tier ?? 'all'}`, row.outcomes, programs.flatMap(unitsOfProgram), [d.code]);
    }
  }
  return check(model, cells);
}

/** SKB: attended, no-show and pending registrations per event and program. `base`: what a rate divides by. */
export async function auditAttendance(pub: Published, base: 'responded' | 'registered', integer = true): Promise<Exposure[]> {
  const counts = await sql<{ event_id: string; program_id: string; status: string; n: number }>(
    'skb',
    `select r.event_id, e.program_id, r.status, count(*)::int as n from registration r join training_event e on e.id = r.event_id
      where r.status <> 'CANCELLED' group by 1, 2, 3`,
  );
  const truth = new Map(counts.map((c) => [`${c.status}|${c.event_id}`, Number(c.n)]));
  const exposed: Exposure[] = [];
  const programIds = [...new Set(pub.events.map((e) => e.program?.id).filter((p): p is string => !!p))];
  for (const programId of programIds) {
    const model = new LinearModel(integer);
    const evs = pub.events.filter((e) => e.program?.id === programId);
    const name = (s: string, e: string) => `${s}|${e}`;
    const num = (ids: string[]) => ids.map((e) => name('ATTENDED', e));
    const den = (ids: string[]) => [
      ...num(ids),
      ...ids.map((e) => name('NO_SHOW', e)),
      ...(base === 'registered' ? ids.map((e) => name('REGISTERED', e)) : []),
    ];
    const all = (ids: string[]) => ids.flatMap((e) => ['ATTENDED', 'NO_SHOW', 'REGISTERED'].map((s): [string, number] => [name(s, e), 1]));
    const cells: Array<{ cell: string; truth: number; terms: Terms }> = [];
    for (const e of evs) {
      model.between(all([e.id]), 0, e.capacity);
      if (e.attendanceRate != null) model.share(num([e.id]), den([e.id]), e.attendanceRate);
      for (const s of ['ATTENDED', 'NO_SHOW'])
        cells.push({ cell: `event ${e.id}.${s}`, truth: truth.get(name(s, e.id)) ?? 0, terms: [[name(s, e.id), 1]] });
    }
    const ids = evs.map((e) => e.id);
    const p = pub.programs.find((x) => x.id === programId);
    if (p?.attendance.registrations != null) model.equal(all(ids), p.attendance.registrations);
    if (p?.attendance.attendanceRate != null) model.share(num(ids), den(ids), p.attendance.attendanceRate);
    for (const s of ['ATTENDED', 'NO_SHOW', 'REGISTERED']) {
      const terms = ids.map((e): [string, number] => [name(s, e), 1]);
      cells.push({ cell: `program ${programId}.${s}`, truth: terms.reduce((a, [n]) => a + (truth.get(n) ?? 0), 0), terms });
    }
    // Truth may break the capacity (a test's own rows): then the model says nothing about that program.
    if (evs.some((e) => ['ATTENDED', 'NO_SHOW', 'REGISTERED'].reduce((a, s) => a + (truth.get(name(s, e.id)) ?? 0), 0) > e.capacity))
      continue;
    exposed.push(...(await check(model, cells)));
  }
  return exposed;
}
