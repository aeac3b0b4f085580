import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule, type ValueNode } from 'graphql';

/**
 * An operationName the document does not define (or none, for a document
 * with several operations) is the client's mistake. Apollo's gateway throws
 * when asked to plan it, which Apollo Server answers with HTTP 500; refused
 * here, once the operation is resolved, it is a 400.
 */
export function knownOperation(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          // Apollo's gateway cannot plan one and would answer 500: the hub serves queries and mutations.
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are not served by this hub: use a query (or poll).', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
          if (operation) return;
          const name = request.operationName;
          throw new GraphQLError(
            name
              ? `Unknown operation named "${name.slice(0, 100)}".`
              : 'The document defines several operations: name the one to run (operationName).',
            { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
          );
        },
      };
    },
  };
}

/**
 * Counts the root fields of each operation, looking through (named and
 * inline) fragments. Each fragment is counted once and remembered: a
 * "fragment bomb" (each fragment spreading the next one twice) would
 * otherwise cost 2^n steps, and held the gateway's only thread for minutes
 * at n = 25, before any rule refused it. A cycle counts as nothing here
 * (graphql-js refuses it on its own).
 */
export function maxRootFields(max: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    const counted = new Map<string, number>();
    const counting = new Set<string>();
    const count = (set: SelectionSetNode): number => {
      let n = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) n += sel.name.value === '__typename' ? 0 : 1;
        else if (sel.kind === Kind.INLINE_FRAGMENT) n += count(sel.selectionSet);
        else n += countFragment(sel.name.value);
      }
      return n;
    };
    const countFragment = (name: string): number => {
      const known = counted.get(name);
      if (known !== undefined) return known;
      const fragment = fragments.get(name);
      if (!fragment || counting.has(name)) return 0;
      counting.add(name);
      const n = count(fragment.selectionSet);
      counting.delete(name);
      counted.set(name, n);
      return n;
    };
    return {
      OperationDefinition(node) {
        const n = count(node.selectionSet);
        if (n > max) {
          context.reportError(
            new GraphQLError(`The operation selects ${n} root fields; at most ${max} are allowed (MAX_ROOT_FIELDS).`, {
              nodes: [node],
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'rootFields' },
            }),
          );
        }
      },
    };
  };
}

/** How deep lists and objects nest in a value: 0 for a scalar, 1 for `[1]` or `{ a: 1 }`. */
function valueDepth(value: ValueNode, limit: number): number {
  if (limit < 0) return 0;
  if (value.kind === Kind.LIST) return 1 + Math.max(0, ...value.values.map((v) => valueDepth(v, limit - 1)));
  if (value.kind === Kind.OBJECT) return 1 + Math.max(0, ...value.fields.map((f) => valueDepth(f.value, limit - 1)));
  return 0;
}

/**
 * Refuses argument values (and variable defaults) that nest lists or
 * objects deeper than `max`. A custom scalar (Date) accepts any literal at
 * the gateway, which leaves checking it to the subgraph; but the query
 * planner walks a nested list literal once per level for each of its
 * elements twice over (@apollo/federation-internals, collectVariablesInValue),
 * so `[[[...]]]` forty deep in a Date argument, a hundred bytes, held the
 * gateway's only thread indefinitely. No input of the schema nests deeper
 * than three.
 */
export function maxValueDepth(max: number): ValidationRule {
  return (context) => {
    const check = (value: ValueNode | undefined, what: string, node: Parameters<typeof context.reportError>[0]['nodes']): void => {
      if (!value) return;
      if (valueDepth(value, max + 1) > max) {
        context.reportError(
          new GraphQLError(`${what} nests lists or objects more than ${max} levels deep (MAX_VALUE_DEPTH).`, {
            nodes: node,
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'valueDepth' },
          }),
        );
      }
    };
    return {
      Argument(node) {
        check(node.value, `Argument "${node.name.value}"`, [node]);
      },
      VariableDefinition(node) {
        check(node.defaultValue, `The default of $${node.variable.name.value}`, [node]);
      },
    };
  };
}
