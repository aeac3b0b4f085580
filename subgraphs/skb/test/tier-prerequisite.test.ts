import { requirePrerequisiteTier } from '../src/graphql/tier-prerequisite';

const refusal = (program: { tier: string; tiered: boolean }, completed: string | null): unknown => {
  try {
    requirePrerequisiteTier(program, completed);
    return null;
  } catch (error) {
    const e = error as { message: string; extensions: Record<string, unknown> };
    return { code: e.extensions.code, field: e.extensions.field, message: e.message };
  }
};

describe('requirePrerequisiteTier', () => {
  it.each([
    ['BASIC', null],
    ['INTERMEDIATE', 'BASIC'],
    ['INTERMEDIATE', 'ADVANCED'],
    ['ADVANCED', 'INTERMEDIATE'],
    ['ADVANCED', 'ADVANCED'],
  ])('lets a teacher who completed the tier below register for %s (she completed %s)', (tier, completed) => {
    expect(refusal({ tier, tiered: true }, completed)).toBeNull();
  });

  it('asks nothing of a program that is not tiered, whatever its tier', () => {
    expect(refusal({ tier: 'ADVANCED', tiered: false }, null)).toBeNull();
  });

  it.each([
    ['INTERMEDIATE', null, 'BASIC'],
    ['ADVANCED', null, 'INTERMEDIATE'],
    ['ADVANCED', 'BASIC', 'INTERMEDIATE'],
  ])('refuses %s to a teacher whose highest tier is %s as CONFLICT naming teacherId and the missing %s', (tier, completed, missing) => {
    expect(refusal({ tier, tiered: true }, completed)).toEqual({
      code: 'CONFLICT',
      field: 'teacherId',
      message: `teacherId: she has not completed ${missing}, which ${tier} requires (her highest completed tier: ${completed ?? 'none'})`,
    });
  });
});
