import { dedupeRepresentations } from '../src/representations';

describe('dedupeRepresentations: each entity asked of a subgraph once per fetch', () => {
  const school = (npsn: string) => ({ __typename: 'School', npsn });

  it('sends each representation once, in the order of first appearance, with the other variables', () => {
    const deduped = dedupeRepresentations({ representations: [school('1'), school('2'), school('1'), school('3'), school('2')], x: 7 });
    expect(deduped?.variables).toEqual({ representations: [school('1'), school('2'), school('3')], x: 7 });
  });

  it('leaves alone a fetch with nothing repeated, one representation, or none', () => {
    expect(dedupeRepresentations({ representations: [school('1'), school('2')] })).toBeNull();
    expect(dedupeRepresentations({ representations: [school('1')] })).toBeNull();
    expect(dedupeRepresentations({ district: '12.03' })).toBeNull();
    expect(dedupeRepresentations(undefined)).toBeNull();
  });

  it('answers every place again, a repeated one with a copy of its own', () => {
    const deduped = dedupeRepresentations({ representations: [school('1'), school('2'), school('1')] })!;
    const first = { partnership: { active: true } };
    const answer = deduped.expand({ data: { _entities: [first, null] }, extensions: { sqlStatements: 1 } });
    expect(answer.data?._entities).toEqual([{ partnership: { active: true } }, null, { partnership: { active: true } }]);
    const [a, , c] = answer.data!._entities as Array<{ partnership: object }>;
    expect(a).toBe(first);
    expect(c).not.toBe(first);
    expect(c.partnership).not.toBe(first.partnership);
    expect(answer.extensions).toEqual({ sqlStatements: 1 });
  });

  it("puts an error about an entity at each of that entity's places, and leaves other errors as they were", () => {
    const deduped = dedupeRepresentations({ representations: [school('1'), school('2'), school('1'), school('2')] })!;
    const answer = deduped.expand({
      data: { _entities: [{ partnership: null }, { partnership: null }] },
      errors: [
        { message: 'refused', path: ['_entities', 0, 'partnership'], extensions: { code: 'FORBIDDEN' } },
        { message: 'whole request' },
        { message: 'other', path: ['somethingElse', 1] },
      ],
    });
    expect(answer.errors).toEqual([
      { message: 'refused', path: ['_entities', 0, 'partnership'], extensions: { code: 'FORBIDDEN' } },
      { message: 'refused', path: ['_entities', 2, 'partnership'], extensions: { code: 'FORBIDDEN' } },
      { message: 'whole request' },
      { message: 'other', path: ['somethingElse', 1] },
    ]);
  });

  it('passes on an answer that is not one entity per representation sent (a failed fetch) unchanged', () => {
    const deduped = dedupeRepresentations({ representations: [school('1'), school('1')] })!;
    const failed = { data: null, errors: [{ message: 'The university service is unavailable' }] };
    expect(deduped.expand(failed)).toBe(failed);
    const short = { data: { _entities: [] } };
    expect(deduped.expand(short)).toBe(short);
  });
});
