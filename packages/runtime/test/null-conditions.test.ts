import { parse } from 'graphql';
import { nullConditionVariable } from '../src/input-paths';

describe('nullConditionVariable: @skip/@include whose `if` variable the request sets to null', () => {
  const query = `query Page($hide: Boolean = false, $show: Boolean = true) {
    lecturers { id fullName @skip(if: $hide) ...More }
  }
  fragment More on Lecturer { expertise @include(if: $show) }`;

  it('names the directive and the variable, in the operation or in a fragment it spreads', () => {
    expect(nullConditionVariable(parse(query), undefined, { hide: null })).toEqual({ directive: 'skip', variable: 'hide' });
    expect(nullConditionVariable(parse(query), 'Page', { show: null })).toEqual({ directive: 'include', variable: 'show' });
  });

  it('leaves alone a variable left out (its default applies), true, false, and a null the directives do not read', () => {
    expect(nullConditionVariable(parse(query), undefined, {})).toBeNull();
    expect(nullConditionVariable(parse(query), undefined, undefined)).toBeNull();
    expect(nullConditionVariable(parse(query), undefined, { hide: true, show: false, other: null })).toBeNull();
    expect(nullConditionVariable(parse('query($v: Boolean) { a @skip(if: false) b(x: $v) }'), undefined, { v: null })).toBeNull();
  });

  it('reads only the operation that runs, and the fragments it reaches', () => {
    const two = parse(`query A($v: Boolean = true) { a @skip(if: $v) }
      query B($v: Boolean) { b(x: $v) ...F }
      fragment F on Query { c }
      fragment G on Query { d @include(if: $v) }`);
    expect(nullConditionVariable(two, 'B', { v: null })).toBeNull();
    expect(nullConditionVariable(two, 'A', { v: null })).toEqual({ directive: 'skip', variable: 'v' });
    // Several operations and no name: nothing runs, graphql-js refuses the request itself.
    expect(nullConditionVariable(two, undefined, { v: null })).toBeNull();
  });

  it('follows fragments that spread each other, even in a cycle, once each', () => {
    const cyclic = parse(`query($v: Boolean = true) { ...X }
      fragment X on Query { a ...Y }
      fragment Y on Query { b @include(if: $v) ...X }`);
    expect(nullConditionVariable(cyclic, undefined, { v: null })).toEqual({ directive: 'include', variable: 'v' });
  });
});
