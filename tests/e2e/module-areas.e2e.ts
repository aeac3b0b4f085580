import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import { expectNoErrors, gql, type GqlOptions, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { tokenFor, type TokenSpec } from '../harness/tokens';
import { expectNothingWritten } from '../harness/writes';

/**
 * Issue 13, competence areas: program modules name the areas they teach,
 * and a school's training need suggests the programs with a module in its
 * area, the teacher's next tier first, checked against SQL over the
 * university's own tables. What this file creates is deleted afterwards.
 */

const TIERS = ['BASIC', 'INTERMEDIATE', 'ADVANCED'];
const SUB = 'module-areas-test';
const spec = (org: string, roles: string[], name: string): TokenSpec => ({ org, roles, sub: `${SUB}:${name}` });
const SPECS = {
  mulia: spec(DEMO_IDS.university, ['admin'], 'mulia'),
  school: spec('school:64710001', ['admin'], 'school'),
};
const tokens = {} as Record<keyof typeof SPECS, string>;
const at = (who: keyof typeof SPECS): GqlOptions => ({ token: tokens[who] });
const world = buildDemoWorld();

beforeAll(async () => {
  for (const [name, s] of Object.entries(SPECS)) tokens[name as keyof typeof SPECS] = await tokenFor(s);
});

afterAll(async () => {
  const created = `select entity_id::uuid from audit_log where actor_sub like $1 and action = $2`;
  await sql('university', `delete from module where id in (${created})`, [`${SUB}:%`, 'addModule']);
  await sql('university', `delete from training_program where id in (${created})`, [`${SUB}:%`, 'createTrainingProgram']);
});

describe('Module.areas', () => {
  it('the demo modules name the areas they teach', async () => {
    const { body } = await gql('{ trainingPrograms { id modules { id title areas } } }', undefined, at('mulia'));
    expectNoErrors(body);
    const byId = new Map<string, LooseBody>(body.data.trainingPrograms.map((p: LooseBody) => [p.id, p]));
    for (const program of world.programs) {
      expect(byId.get(program.id).modules).toEqual(program.modules.map((m) => ({ id: m.id, title: m.title, areas: m.areas })));
    }
    const titled = (title: string) => world.programs.flatMap((p) => p.modules).find((m) => m.title === title)!.areas;
    expect(titled('Psikologi perkembangan anak usia dini')).toEqual(['CHILD_DEVELOPMENT']);
    expect(titled('Asesmen perkembangan anak')).toEqual(['LEARNING_ASSESSMENT']);
    expect(titled('Penanganan anak berkebutuhan khusus')).toEqual(['INCLUSIVE_EDUCATION']);
    expect(titled('Kemitraan dengan orang tua')).toEqual(['PARENT_PARTNERSHIP']);
    expect(world.programs.every((p) => p.modules.every((m) => m.areas.length > 0))).toBe(true);
  });

  it('addModule takes areas, each once', async () => {
    const created = await gql(
      'mutation($input: TrainingProgramInput!) { createTrainingProgram(input: $input) { id } }',
      { input: { code: `AREAS-${Date.now() % 1_000_000}`, title: 'Program Uji Area', tier: 'BASIC', hours: 40 } },
      at('mulia'),
    );
    expectNoErrors(created.body);
    const programId = created.body.data.createTrainingProgram.id;
    const ADD = 'mutation($programId: ID!, $input: ModuleInput!) { addModule(programId: $programId, input: $input) { title areas } }';
    const added = await gql(
      ADD,
      { programId, input: { title: 'Asesmen dan perencanaan', hours: 10, areas: ['LEARNING_ASSESSMENT', 'LEARNING_PLANNING'] } },
      at('mulia'),
    );
    expectNoErrors(added.body);
    expect(added.body.data.addModule).toEqual({ title: 'Asesmen dan perencanaan', areas: ['LEARNING_ASSESSMENT', 'LEARNING_PLANNING'] });
    const none = await gql(ADD, { programId, input: { title: 'Tanpa area', hours: 5 } }, at('mulia'));
    expectNoErrors(none.body);
    expect(none.body.data.addModule.areas).toEqual([]);
    await expectNothingWritten(
      'university',
      ['module', 'audit_log'],
      () => gql(ADD, { programId, input: { title: 'Dua kali', hours: 5, areas: ['CHILD_DEVELOPMENT', 'CHILD_DEVELOPMENT'] } }, at('mulia')),
      'BAD_USER_INPUT',
      'input.areas',
    );
  });
});

describe('TrainingNeed.suggestedPrograms', () => {
  const QUERY = `query($npsn: ID!) { school(npsn: $npsn) { trainingNeeds { id area teacher { id nextTier } suggestedPrograms { id tier } } } }`;

  /** Programs with a module in the area, from the university's tables: the next tier first, then by tier and code. */
  async function expected(area: string, nextTier: string | null): Promise<string[]> {
    const rows = await sql<{ id: string; tier: string; code: string }>(
      'university',
      'select distinct p.id, p.tier, p.code from training_program p join module m on m.program_id = p.id where $1 = any(m.areas)',
      [area],
    );
    const rank = (r: { tier: string }) => (r.tier === nextTier ? -1 : TIERS.indexOf(r.tier));
    return rows.sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code)).map((r) => r.id);
  }

  it('match the SQL for every demo need of a Balikpapan school, a teacher’s next tier first', async () => {
    const { body } = await gql(QUERY, { npsn: '64710001' }, at('school'));
    expectNoErrors(body);
    const needs: LooseBody[] = body.data.school.trainingNeeds;
    const demo = world.trainingNeeds.filter((n) => n.npsn === '64710001');
    expect(needs.length).toBeGreaterThanOrEqual(demo.length);
    let withTeacher = 0;
    for (const need of needs) {
      const next = need.teacher ? need.teacher.nextTier : null;
      if (need.teacher) withTeacher++;
      expect(need.suggestedPrograms.map((p: LooseBody) => p.id)).toEqual(await expected(need.area, next));
      if (next && need.suggestedPrograms.some((p: LooseBody) => p.tier === next)) expect(need.suggestedPrograms[0].tier).toBe(next);
    }
    expect(withTeacher).toBeGreaterThan(0);
  });
});
