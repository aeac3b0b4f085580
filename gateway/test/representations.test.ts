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

  it('tells apart representations whose values would run together, and keeps non-string values apart by type', () => {
    const tricky = [
      { __typename: 'Teacher', id: 'a', school: 'b' },
      { __typename: 'Teacher', id: 'aschoolsb' },
      { __typename: 'Teacher', id: 'a', school: 'b' },
      { __typename: 'Teacher', id: 7 },
      { __typename: 'Teacher', id: '7' },
      { __typename: 'Teacher', id: { nested: ['x', 1] } },
      { __typename: 'Teacher', id: { nested: ['x', 1] } },
      { id: 'a', __typename: 'Teacher', school: 'b' },
    ];
    const deduped = dedupeRepresentations({ representations: tricky })!;
    // Only the exact repeats (same fields, order and values) are sent once; the field order is JSON's.
    expect(deduped.variables.representations).toEqual([tricky[0], tricky[1], tricky[3], tricky[4], tricky[5], tricky[7]]);
    expect(JSON.stringify(deduped.variables.representations)).toBe(
      JSON.stringify([tricky[0], tricky[1], tricky[3], tricky[4], tricky[5], tricky[7]]),
    );
  });

  it("copies a repeated entity's answer deeply, keeping an own __proto__ field as an own field", () => {
    const deduped = dedupeRepresentations({ representations: [school('1'), school('1')] })!;
    const first = JSON.parse('{"partnership":{"__proto__":{"x":1},"list":[{"a":1},null,2]}}') as Record<string, unknown>;
    const answer = deduped.expand({ data: { _entities: [first] } });
    const [a, b] = answer.data!._entities as Array<Record<string, Record<string, unknown>>>;
    expect(a).toBe(first);
    expect(JSON.stringify(b)).toBe(JSON.stringify(first));
    expect(Object.getPrototypeOf(b.partnership)).toBe(Object.prototype);
    expect(Object.keys(b.partnership)).toEqual(['__proto__', 'list']);
    expect(b.partnership.list).not.toBe(a.partnership.list);
    expect((b.partnership.list as unknown[])[0]).not.toBe((a.partnership.list as unknown[])[0]);
  });
});
