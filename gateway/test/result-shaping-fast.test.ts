import { BUBBLE, FALLBACK, objectShaper, shapeable, type ObjectShaping, type ShapedField } from '../src/result-shaping-fast';

const text = (value: unknown) => typeof value === 'string';
const leaf = (responseName: string, nonNull = false): ShapedField => ({
  kind: 'field',
  responseName,
  type: { kind: nonNull ? 'NonNullType' : 'ScalarType' },
  leaf: text,
});
const typename: ShapedField = { kind: 'field', responseName: '__typename', isTypename: true, type: { kind: 'NonNullType' } };
const child = (responseName: string): ShapedField => ({ kind: 'field', responseName, type: { kind: 'ObjectType' } });

/** A shaper that records what it was asked, in order. */
function recording(answers: Record<string, unknown> = {}): ObjectShaping<string> & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    typenameOf: (_input, step, parentType) => {
      asked.push(`typename:${step.responseName}`);
      return answers.__typename ?? parentType;
    },
    fieldOf: (input, step, path) => {
      asked.push(`field:${step.responseName}@${path.join('.')}`);
      return step.responseName! in answers ? answers[step.responseName!] : input[step.responseName!];
    },
  };
}

describe('the generated shaping of an object', () => {
  it('is made only for selection sets of plain fields, each name once', () => {
    expect(shapeable([leaf('id'), typename, child('school')])).toBe(true);
    expect(shapeable([])).toBe(false);
    expect(shapeable([leaf('id'), leaf('id')])).toBe(false);
    expect(shapeable([leaf('id'), { kind: 'fragment' }])).toBe(false);
    expect(shapeable([{ ...leaf('id'), skip: {} }])).toBe(false);
    expect(shapeable([{ ...leaf('id'), include: {} }])).toBe(false);
    expect(shapeable([{ ...leaf('__schema'), isIntrospection: true }])).toBe(false);
    expect(shapeable([{ ...leaf('constructor'), inherited: true }])).toBe(false);
  });

  it('copies leaves, asks for the rest in the selections’ order, and keeps that order in the object', () => {
    const shape = objectShaper<string>([child('school'), leaf('name'), typename, leaf('nuptk'), child('district')]);
    const shaping = recording({ school: { npsn: '1' }, district: null });
    const path = ['teachers', 0];
    const shaped = shape({ name: 'Siti', nuptk: null, school: {}, extra: 'dropped' }, shaping, path, 'Teacher');
    expect(shaped).toEqual({ school: { npsn: '1' }, name: 'Siti', __typename: 'Teacher', nuptk: null, district: null });
    expect(Object.keys(shaped as object)).toEqual(['school', 'name', '__typename', 'nuptk', 'district']);
    expect(shaping.asked).toEqual(['field:school@teachers.0', 'typename:__typename', 'field:district@teachers.0']);
  });

  it('leaves to the walk, before asking anything, an object with a leaf it would not copy as it is', () => {
    const shape = objectShaper<string>([child('school'), leaf('name', true), leaf('nuptk')]);
    for (const input of [{ name: null }, { name: 42 }, { nuptk: 7, name: 'Siti' }, {}]) {
      const shaping = recording();
      expect(shape(input, shaping, [], 'Teacher')).toBe(FALLBACK);
      expect(shaping.asked).toEqual([]);
    }
  });

  it('stops at the first field the walk says makes the object null', () => {
    const shape = objectShaper<string>([child('school'), child('district'), child('program')]);
    const shaping = recording({ district: BUBBLE });
    expect(shape({ name: 'Siti' }, shaping, [], 'Teacher')).toBe(BUBBLE);
    expect(shaping.asked).toEqual(['field:school@', 'field:district@']);
    const typenameFirst = objectShaper<string>([typename, child('school')]);
    const refusing = recording({ __typename: BUBBLE });
    expect(typenameFirst({}, refusing, [], 'Node')).toBe(BUBBLE);
    expect(refusing.asked).toEqual(['typename:__typename']);
  });
});
