import { buildDemoWorld, DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql } from '../harness/client';

// The public catalogue of the university and the SKB, through the gateway.
describe('catalogue root fields', () => {
  it("lists the lecturers, Prodi PAUD Universitas Mulia's three and LPD Banten's two, with their expertise", async () => {
    const { body } = await gql('{ lecturers { id fullName academicTitle expertise } }');
    expectNoErrors(body);
    const ids = body.data.lecturers.map((l: { id: string }) => l.id).sort();
    expect(ids).toEqual(Object.values(DEMO_IDS.lecturers).sort());
    for (const l of body.data.lecturers) expect(l.expertise.length).toBeGreaterThan(0);
  });

  it('answers one lecturer by id, and null for an unknown one', async () => {
    const { body } = await gql('query($a: ID!, $b: ID!) { a: lecturer(id: $a) { id fullName } b: lecturer(id: $b) { id } }', {
      a: DEMO_IDS.lecturers.practice,
      b: '00000000-0000-4000-8000-000000000000',
    });
    expectNoErrors(body);
    expect(body.data.a.id).toBe(DEMO_IDS.lecturers.practice);
    expect(body.data.b).toBeNull();
  });

  it('lists the tiered programs with prerequisites BASIC → INTERMEDIATE → ADVANCED', async () => {
    const { body } = await gql(
      '{ trainingPrograms { id code tier hours prerequisite { id tier } modules { title hours lecturer { fullName } } } }',
    );
    expectNoErrors(body);
    const byId = new Map<string, { tier: string; prerequisite: { id: string; tier: string } | null; modules: unknown[]; hours: number }>(
      body.data.trainingPrograms.map((p: { id: string }) => [p.id, p]),
    );
    expect(byId.get(DEMO_IDS.programs.basic)?.prerequisite).toBeNull();
    expect(byId.get(DEMO_IDS.programs.intermediate)?.prerequisite).toEqual({ id: DEMO_IDS.programs.basic, tier: 'BASIC' });
    expect(byId.get(DEMO_IDS.programs.advanced)?.prerequisite).toEqual({ id: DEMO_IDS.programs.intermediate, tier: 'INTERMEDIATE' });
    for (const p of byId.values()) expect(p.modules.length).toBeGreaterThan(0);
  });

  it('filters programs by tier', async () => {
    const { body } = await gql('{ trainingPrograms(tier: ADVANCED) { id tier } }');
    expectNoErrors(body);
    // Every provider's ADVANCED programs (Universitas Mulia's and LPD Banten's), as the fixtures define them.
    const advanced = buildDemoWorld()
      .programs.filter((p) => p.tier === 'ADVANCED')
      .map((p) => ({ id: p.id, tier: p.tier }));
    expect(advanced.map((p) => p.id).sort()).toEqual([DEMO_IDS.programs.advanced, DEMO_IDS.programs.lpdAdvanced].sort());
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...body.data.trainingPrograms].sort(byId)).toEqual(advanced.sort(byId));
  });

  it('answers one program by id', async () => {
    const { body } = await gql('query($id: ID!) { trainingProgram(id: $id) { code title tier } }', { id: DEMO_IDS.programs.technical });
    expectNoErrors(body);
    expect(body.data.trainingProgram).toEqual({ code: 'PT-PAUD-2022', title: 'Pelatihan Teknis Guru PAUD', tier: 'BASIC' });
  });

  it('lists venues with their district from the schools partner', async () => {
    const { body } = await gql('{ venues { id name capacity district { code name } } }');
    expectNoErrors(body);
    const hall = body.data.venues.find((v: { id: string }) => v.id === DEMO_IDS.venues.hall);
    expect(hall).toEqual({
      id: DEMO_IDS.venues.hall,
      name: 'Aula SKB Balikpapan Selatan',
      capacity: 60,
      district: { code: '64.71', name: 'Kota Balikpapan' },
    });
  });

  it('answers one venue by id', async () => {
    const { body } = await gql('query($id: ID!) { venue(id: $id) { name district { code } } }', { id: DEMO_IDS.venues.samarinda });
    expectNoErrors(body);
    expect(body.data.venue.district.code).toBe('64.72');
  });

  it('rejects an id that is not an id as BAD_USER_INPUT naming the argument', async () => {
    const { body } = await gql('{ venue(id: "1; drop table venue") { id } }');
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.field).toBe('id');
  });
});
