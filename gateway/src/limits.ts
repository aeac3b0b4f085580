import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from 'graphql';
import type { OperationLimits } from './config';

/**
 * Abusive operations are refused at validation, before the gateway plans a
 * single subgraph fetch. graphql-armor covers depth, aliases, directives,
 * tokens, cost and field suggestions; the root-field count is ours, since
 * armor has no such rule.
 */
export function operationLimits(limits: OperationLimits, hideSuggestions: boolean): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: false },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { n: limits.maxTokens },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: false },
    blockFieldSuggestion: { enabled: hideSuggestions },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules: [...validationRules, maxRootFields(limits.maxRootFields)] };
}

/** Counts the root fields of each operation, looking through (named and inline) fragments. */
export function maxRootFields(max: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    const count = (set: SelectionSetNode, seen: Set<string>): number => {
      let n = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) n += sel.name.value === '__typename' ? 0 : 1;
        else if (sel.kind === Kind.INLINE_FRAGMENT) n += count(sel.selectionSet, seen);
        else if (!seen.has(sel.name.value)) {
          const fragment = fragments.get(sel.name.value);
          if (fragment) n += count(fragment.selectionSet, new Set([...seen, sel.name.value]));
        }
      }
      return n;
    };
    return {
      OperationDefinition(node) {
        const n = count(node.selectionSet, new Set());
        if (n > max) {
          context.reportError(
            new GraphQLError(`The operation selects ${n} root fields; at most ${max} are allowed (MAX_ROOT_FIELDS).`, {
              nodes: [node],
              extensions: { code: 'BAD_USER_INPUT', limit: 'rootFields' },
            }),
          );
        }
      },
    };
  };
}
