import { BREAK, GraphQLError, Kind, parse, valueFromASTUntyped, visit, type ASTNode, type DocumentNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

/**
 * A value a custom scalar refused in a query's text (not in variables). A
 * plain Error on purpose: graphql-js then reports it with the value's
 * location, which is how the offending argument can be named.
 */
export class InvalidLiteralError extends Error {}

const NOT_VALUES = new Set<string>([Kind.ARGUMENT, Kind.OBJECT_FIELD, Kind.NAME]);

/** `input.startsOn` for the first value node that `match` accepts, as the argument and input fields leading to it. */
function argumentPath(document: DocumentNode, match: (node: ASTNode) => boolean): string | null {
  const names: string[] = [];
  let found: string | null = null;
  visit(document, {
    enter(node) {
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.push(node.name.value);
      else if (names.length && !NOT_VALUES.has(node.kind) && match(node)) {
        found = names.join('.');
        return BREAK;
      }
      return undefined;
    },
    leave(node) {
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.pop();
    },
  });
  return found;
}

const VARIABLE_COERCION = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value /;

/**
 * The input field a value error is about, named as the resolvers name theirs
 * (`input.startsOn`, `eventId`), for the errors that graphql-js raises before
 * any resolver runs: a variable that does not coerce ("Variable "$in" got
 * invalid value ... at "in.startsOn"") and a literal a scalar refused. A
 * variable is named by the argument it is passed to, so the name does not
 * depend on what the client called its variable.
 */
export function inputFieldOf(error: GraphQLError): string | undefined {
  const body = error.source?.body;
  if (!body) return undefined;
  let document: DocumentNode;
  try {
    document = parse(body);
  } catch {
    return undefined;
  }
  const variable = VARIABLE_COERCION.exec(error.message);
  if (variable) {
    const name = variable[1];
    const within = new RegExp(` at "${name}((?:\\.[_A-Za-z][_0-9A-Za-z]*|\\[\\d+\\])*)"`).exec(error.message)?.[1] ?? '';
    const argument = argumentPath(document, (node) => node.kind === Kind.VARIABLE && node.name.value === name);
    return `${argument ?? name}${within}`;
  }
  const start = error.nodes?.[0]?.loc?.start;
  if (start === undefined) return undefined;
  return argumentPath(document, (node) => node.loc?.start === start) ?? undefined;
}

export function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError;
}

const NUL = '\u0000';
// eslint-disable-next-line no-control-regex
const MAY_HOLD_NUL = /\\u0000|\\u\{0+\}|\u0000/;

/** Where in a variable's value the first NUL character is: '' for the value itself, `.name` or `[2].name` inside it. */
function nulWithin(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? '' : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v])
    : Object.entries(value).map(([k, v]) => [`.${k}`, v]);
  for (const [step, inner] of entries) {
    const rest = nulWithin(inner, depth + 1);
    if (rest !== null) return `${step}${rest}`;
  }
  return null;
}

/**
 * The input field (`filter.nameContains`) of the first text value holding a
 * NUL character, in the document's literals or in the variables it uses;
 * null when there is none. PostgreSQL cannot store NUL in text, and its
 * refusal would be a driver error, so such text is the client's mistake.
 */
export function nulCharacterField(
  document: DocumentNode,
  variables?: Readonly<Record<string, unknown>> | null,
  source?: string,
): string | null {
  // The document's text can only hold NUL as itself or as an escape: most requests skip the walk.
  const literal =
    source !== undefined && !MAY_HOLD_NUL.test(source)
      ? null
      : argumentPath(document, (node) => node.kind === Kind.STRING && node.value.includes(NUL));
  if (literal) return literal;
  const given = { ...variables };
  // A variable's default is text too: `query($name: String = "a\u0000b")`.
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const name = variable.variable.name.value;
      if (variable.defaultValue && !(name in given)) {
        given[name] = valueFromASTUntyped(variable.defaultValue);
      }
    }
  }
  for (const [name, value] of Object.entries(given)) {
    const within = nulWithin(value);
    if (within === null) continue;
    // A variable the document does not use is never read.
    const argument = argumentPath(document, (node) => node.kind === Kind.VARIABLE && node.name.value === name);
    if (argument) return `${argument}${within}`;
  }
  return null;
}

/**
 * The `@skip` or `@include` of the operation to run whose `if` is a variable
 * the request sets to null, as `@skip(if: $v)`; null when there is none.
 *
 * A nullable variable with a default may stand where `if: Boolean!` is
 * expected (the default fills it when the variable is left out), so
 * validation passes `query($v: Boolean = true) { ... @skip(if: $v) }`; an
 * explicit `"v": null` then reaches execution, where graphql-js refuses the
 * argument with an uncoded error that every subgraph masks as
 * INTERNAL_SERVER_ERROR. Only the operation's own directives and those of the
 * fragments it spreads count (a variable's name belongs to its operation).
 */
export function nullConditionVariable(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): { directive: string; variable: string } | null {
  // Most requests send no null at all: nothing to walk.
  if (!variables || !Object.values(variables).includes(null)) return null;
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) return null;
  const fragments = new Map<string, ASTNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const pending: ASTNode[] = [operation];
  const seen = new Set<string>();
  let found: { directive: string; variable: string } | null = null;
  while (pending.length && !found) {
    visit(pending.pop()!, {
      FragmentSpread(node) {
        const name = node.name.value;
        if (seen.has(name) || !fragments.has(name)) return;
        seen.add(name);
        pending.push(fragments.get(name)!);
      },
      Directive(node) {
        if (node.name.value !== 'skip' && node.name.value !== 'include') return undefined;
        const condition = node.arguments?.find((a) => a.name.value === 'if')?.value;
        if (condition?.kind !== Kind.VARIABLE) return undefined;
        const variable = condition.name.value;
        if (Object.prototype.hasOwnProperty.call(variables, variable) && variables[variable] === null) {
          found = { directive: node.name.value, variable };
          return BREAK;
        }
        return undefined;
      },
    });
  }
  return found;
}

/**
 * Input refused as 400 BAD_USER_INPUT naming its field before anything runs,
 * the same at the gateway and at every subgraph (one plugin, so that both
 * always check the same):
 * - text holding a NUL character (U+0000), in any argument or input field;
 * - `@skip(if: $v)` or `@include(if: $v)` with `$v` sent as null, which
 *   graphql-js would otherwise refuse with an uncoded error that every
 *   subgraph masks as INTERNAL_SERVER_ERROR.
 */
export function refuseBadInput(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, source, operationName }) {
          const refusal = (field: string, message: string) =>
            new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } } });
          const field = nulCharacterField(document, request.variables, source);
          if (field !== null) throw refusal(field, `${field}: must not contain a NUL character (U+0000)`);
          const condition = nullConditionVariable(document, operationName ?? request.operationName, request.variables);
          if (condition)
            throw refusal(
              'if',
              `Argument "if" of @${condition.directive} must be true or false, but variable "$${condition.variable}" is null.`,
            );
        },
      };
    },
  };
}
