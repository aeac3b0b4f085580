import { BREAK, GraphQLError, Kind, parse, visit, type ASTNode, type DocumentNode } from 'graphql';

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
