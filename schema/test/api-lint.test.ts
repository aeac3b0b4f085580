import { readFileSync } from 'node:fs';
import { Kind, parse, print, visit, type ASTNode } from 'graphql';
import { apiSdlOf } from '../src/api-schema';
import { SUPERGRAPH_PATH } from '../src/paths';
import { formatProblems, lintApiSdl } from './api-lint';

/*
 * The CI check of the public API with graphql-eslint (rules and their options
 * in ./api-lint.ts): the API schema of the committed supergraph (the
 * composition test keeps it equal to a fresh composition) must pass, and the
 * same schema with one description or one PageInfo field taken away must fail.
 * `npm run lint:api -w @mitra/schema` runs only this file.
 */
const apiSdl = apiSdlOf(readFileSync(SUPERGRAPH_PATH, 'utf8'));

const TYPE_KINDS = new Set<string>([Kind.OBJECT_TYPE_DEFINITION, Kind.INPUT_OBJECT_TYPE_DEFINITION, Kind.ENUM_TYPE_DEFINITION]);
const MEMBER_KINDS = new Set<string>([Kind.FIELD_DEFINITION, Kind.INPUT_VALUE_DEFINITION, Kind.ENUM_VALUE_DEFINITION]);

/** The API SDL with the description of the definitions named `name` in type `parentName` removed ('' for a type itself). */
function withoutDescription(parentName: string, name: string): string {
  let parent = '';
  let removed = 0;
  const document = visit(parse(apiSdl), {
    enter(node: ASTNode) {
      if (TYPE_KINDS.has(node.kind) && 'name' in node && node.name) parent = node.name.value;
      return undefined;
    },
    leave(node: ASTNode) {
      const described = TYPE_KINDS.has(node.kind) || MEMBER_KINDS.has(node.kind);
      const ownParent = TYPE_KINDS.has(node.kind) ? '' : parent;
      if (
        described &&
        'name' in node &&
        node.name?.value === name &&
        ownParent === parentName &&
        'description' in node &&
        node.description
      ) {
        removed += 1;
        return { ...node, description: undefined };
      }
      return undefined;
    },
  });
  if (removed === 0) throw new Error(`nothing described as ${parentName}.${name} in the API schema`);
  return print(document);
}

describe('graphql-eslint over the API schema', () => {
  it('passes the schema and relay rules', () => {
    // The formatted problems, not a count, so a failure names each element and rule.
    expect(formatProblems(lintApiSdl(apiSdl))).toBe('');
  });

  it.each([
    ['a root field', 'Query', 'teachers', 'field "teachers" in type "Query"'],
    ['a field', 'Teacher', 'fullName', 'field "fullName" in type "Teacher"'],
    ['an argument', 'Query', 'after', 'input value "after" in field "teachers"'],
    ['an enum value', 'SchoolKind', 'TK', 'enum value "TK" in enum "SchoolKind"'],
    ['an input field', 'TeacherFilter', 'districtCode', 'input value "districtCode" in input "TeacherFilter"'],
    ['a type', '', 'District', 'type "District"'],
  ])('fails on a missing description of %s', (_kind, parentName, name, named) => {
    const problems = lintApiSdl(withoutDescription(parentName, name)).filter((p) => p.rule === 'require-description');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.message).join('\n')).toContain(`Description is required for ${named}`);
  });

  it('fails when PageInfo cannot page backwards (relay-page-info)', () => {
    const sdl = print(
      visit(parse(apiSdl), {
        FieldDefinition(node) {
          return node.name.value === 'hasPreviousPage' ? null : undefined;
        },
      }),
    );
    expect(formatProblems(lintApiSdl(sdl))).toContain('relay-page-info: `PageInfo` must contain a field `hasPreviousPage`');
  });
});
