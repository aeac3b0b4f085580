import { sql } from './db';
import { check, type Published } from './training-audit';
import { LinearModel, type Exposure, type Terms } from './training-lp';

/**
 * The coverage half of the training auditor (training-audit.ts): per
 * district, teachers by highest completed tier and teachers trained, each
 * against the district's teacher count.
 */
const TIERS = ['BASIC', 'INTERMEDIATE', 'ADVANCED'];

/** Districts: teachers by highest completed tier and teachers trained, each against the teacher count. */
export async function auditCoverage(pub: Published): Promise<Exposure[]> {
  const districtOf = new Map(
    (
      await sql<{ id: string; code: string }>(
        'schools',
        'select t.id, s.district_code as code from teacher t join school s on s.npsn = t.school_npsn',
      )
    ).map((r) => [r.id, r.code]),
  );
  const highest = await sql<{ teacher_id: string; tier: string }>(
    'university',
    `select distinct on (a.teacher_id) a.teacher_id, p.tier from assessment a join training_program p on p.id = a.program_id
      where a.passed and p.tiered order by a.teacher_id, array_position(array['BASIC','INTERMEDIATE','ADVANCED'], p.tier::text) desc`,
  );
  const trained = new Set(
    (
      await sql<{ teacher_id: string }>(
        'skb',
        "select distinct teacher_id from registration where status = 'ATTENDED' and teacher_id is not null",
      )
    ).map((r) => r.teacher_id),
  );
  const highestOf = new Map(highest.map((h) => [h.teacher_id, h.tier]));
  const membersOf = new Map<string, string[]>();
  for (const [id, code] of districtOf) membersOf.set(code, [...(membersOf.get(code) ?? []), id]);
  const exposed: Exposure[] = [];
  for (const d of pub.districts) {
    const members = membersOf.get(d.code) ?? [];
    const byTier = Object.fromEntries(TIERS.map((t) => [t, members.filter((id) => highestOf.get(id) === t).length]));
    const model = new LinearModel(true);
    const tiers = [...TIERS, 'NONE'].map((t): [string, number] => [`${d.code}|${t}`, 1]);
    if (d.teacherCount != null)
      model.equal(tiers, d.teacherCount).equal(
        [
          [`${d.code}|trained`, 1],
          [`${d.code}|untrained`, 1],
        ],
        d.teacherCount,
      );
    for (const b of d.training?.byHighestTier ?? []) if (b.count != null) model.equal([[`${d.code}|${b.tier}`, 1]], b.count);
    if (d.training?.teachersTrained != null) model.equal([[`${d.code}|trained`, 1]], d.training.teachersTrained);
    const t = members.filter((id) => trained.has(id)).length;
    const none = members.length - TIERS.reduce((a, x) => a + byTier[x], 0);
    exposed.push(
      ...(await check(model, [
        ...TIERS.map((x) => ({ cell: `district ${d.code}.${x}`, truth: byTier[x], terms: [[`${d.code}|${x}`, 1]] as Terms })),
        { cell: `district ${d.code}.no tier`, truth: none, terms: [[`${d.code}|NONE`, 1]] },
        { cell: `district ${d.code}.trained`, truth: t, terms: [[`${d.code}|trained`, 1]] },
        { cell: `district ${d.code}.untrained`, truth: members.length - t, terms: [[`${d.code}|untrained`, 1]] },
      ])),
    );
  }
  return exposed;
}
