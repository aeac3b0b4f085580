import { createRequire } from 'node:module';
import path from 'node:path';
import type { DefinitionNode, DocumentNode } from 'graphql';
import type { Operation, Schema } from '@apollo/federation-internals';

/**
 * The operation @apollo/gateway executes, built once per query text instead
 * of at every request.
 *
 * `executeQueryPlan` starts every request by building the operation again
 * from its document (`operationFromDocument(apiSchema, …, { validate: false })`),
 * before the first fetch is sent: about 50 µs on a page of 100 teachers
 * when hot, more in a gateway that answers many kinds of queries. Apollo
 * Server keeps one parsed document per query text, so its operation node is
 * the same object from one request to the next: the operation built for it
 * is kept with it (a WeakMap: it goes when the document does) and with the
 * schema (a new supergraph builds new ones). An operation is read, never
 * changed, by the plan's execution and by result shaping
 * (./result-shaping.ts), which keeps its compiled steps with it too.
 *
 * Only that call is served from here: the query planner's (a plan not yet
 * kept) and any other call, with validation or an operation name, go to
 * Apollo's function as before. A document that fails is not kept.
 */

type OperationFromDocument = (
  schema: Schema,
  document: DocumentNode,
  options?: { operationName?: string; validate?: boolean },
) => Operation;

interface Kept {
  definitions: readonly DefinitionNode[];
  operation: Operation;
}

const kept = new WeakMap<Schema, WeakMap<DefinitionNode, Kept>>();

const sameDefinitions = (a: readonly DefinitionNode[], b: readonly DefinitionNode[]): boolean =>
  a.length === b.length && a.every((definition, i) => definition === b[i]);

/** `build`, with what it built for the same schema and the same definition nodes kept (`{ validate: false }` calls only). */
export function keepingOperations(build: OperationFromDocument): OperationFromDocument {
  return (schema, document, options) => {
    const [first] = document.definitions;
    if (!first || options?.validate !== false || options.operationName !== undefined) return build(schema, document, options);
    let bySchema = kept.get(schema);
    if (!bySchema) kept.set(schema, (bySchema = new WeakMap()));
    const hit = bySchema.get(first);
    if (hit && sameDefinitions(hit.definitions, document.definitions)) return hit.operation;
    const operation = build(schema, document, options);
    bySchema.set(first, { definitions: [...document.definitions], operation });
    return operation;
  };
}

const gatewayRequire = createRequire(require.resolve('@apollo/gateway'));

/** The module of @apollo/federation-internals that defines `operationFromDocument` (its index re-exports it through a getter). */
function operationsModule(): { operationFromDocument: OperationFromDocument } {
  const internals = gatewayRequire.resolve('@apollo/federation-internals');
  return gatewayRequire(path.join(path.dirname(internals), 'operations.js')) as { operationFromDocument: OperationFromDocument };
}

let apollosOwn: OperationFromDocument | undefined;

/**
 * Puts the keeping `operationFromDocument` in place of @apollo/federation-internals'
 * own (installed with result shaping, which checks @apollo/gateway's version).
 */
export function installOperationCache(): { installed: true } | { installed: false; reason: string } {
  let module: { operationFromDocument: OperationFromDocument };
  try {
    module = operationsModule();
  } catch (error) {
    return { installed: false, reason: `@apollo/federation-internals has no operations.js (${(error as Error).message})` };
  }
  if (typeof module.operationFromDocument !== 'function')
    return { installed: false, reason: 'operations.js exports no operationFromDocument' };
  if (!apollosOwn) {
    apollosOwn = module.operationFromDocument;
    module.operationFromDocument = keepingOperations(apollosOwn);
  }
  return { installed: true };
}

/** Apollo's function, put back (tests). */
export function uninstallOperationCache(): void {
  if (apollosOwn) operationsModule().operationFromDocument = apollosOwn;
  apollosOwn = undefined;
}
