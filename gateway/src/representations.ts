import type { GraphQLFormattedError } from 'graphql';

/**
 * Each entity asked of a subgraph once per fetch. @apollo/gateway sends one
 * representation per place an entity appears in the answer: a page of 100
 * teachers from 54 schools asks the university for the partnership of 100
 * schools, 46 of them twice (Apollo's Rust router sends each once). The
 * subgraph then resolves, serialises and sends back each duplicate, and
 * partners far away pay for the bytes.
 *
 * `dedupeRepresentations` gives the variables to send instead and a function
 * that turns the subgraph's answer back into the one @apollo/gateway expects:
 * `_entities` in the original order and length (a repeated entity as a copy
 * of its first answer, so that merging into one place never changes another),
 * and each error about an entity (`path: ['_entities', i, ...]`) once for
 * every place that entity had.
 */
export interface DedupedRepresentations {
  variables: Record<string, unknown>;
  expand(response: SubgraphAnswer): SubgraphAnswer;
}

export interface SubgraphAnswer {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<GraphQLFormattedError>;
  [key: string]: unknown;
}

/**
 * A representation's identity, as its JSON would be (the same fields in the
 * same order with the same values) but cheaper to build: each field name and
 * string value with its length before it, so that no value can pass for
 * another's field; any other value as JSON.
 */
function keyOf(representation: unknown): string {
  if (representation === null || typeof representation !== 'object' || Array.isArray(representation))
    return `j${JSON.stringify(representation)}`;
  let key = 'o';
  for (const field of Object.keys(representation)) {
    const value = (representation as Record<string, unknown>)[field];
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    key += `${field.length}:${field}${typeof value === 'string' ? 's' : 'j'}${text.length}:${text}`;
  }
  return key;
}

/** A copy of a JSON value (an entity's answer), own keys as own keys (`__proto__` too), faster than structuredClone. */
function copyOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyOf);
  const copy: Record<string, unknown> = {};
  for (const field of Object.keys(value)) {
    const inner = copyOf((value as Record<string, unknown>)[field]);
    if (field === '__proto__') Object.defineProperty(copy, field, { value: inner, enumerable: true, writable: true, configurable: true });
    else copy[field] = inner;
  }
  return copy;
}

export function dedupeRepresentations(variables: Record<string, unknown> | undefined): DedupedRepresentations | null {
  const representations = variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return null;
  const firstOf = new Map<string, number>();
  const unique: unknown[] = [];
  // For each representation sent by the gateway, its index among those sent to the subgraph.
  const sentAs = new Array<number>(representations.length);
  for (let i = 0; i < representations.length; i++) {
    const key = keyOf(representations[i]);
    let j = firstOf.get(key);
    if (j === undefined) {
      j = unique.length;
      firstOf.set(key, j);
      unique.push(representations[i]);
    }
    sentAs[i] = j;
  }
  if (unique.length === representations.length) return null;
  return {
    variables: { ...variables, representations: unique },
    expand(response) {
      const entities = response.data?._entities;
      if (!Array.isArray(entities) || entities.length !== unique.length) return response;
      const used = new Array<boolean>(unique.length).fill(false);
      const expanded = sentAs.map((j) => {
        const entity: unknown = entities[j];
        if (!used[j]) {
          used[j] = true;
          return entity;
        }
        return copyOf(entity);
      });
      const errors = response.errors?.flatMap((error) => {
        const [head, index, ...rest] = error.path ?? [];
        if (head !== '_entities' || typeof index !== 'number') return [error];
        const places: GraphQLFormattedError[] = [];
        for (let i = 0; i < sentAs.length; i++) if (sentAs[i] === index) places.push({ ...error, path: ['_entities', i, ...rest] });
        return places.length ? places : [error];
      });
      return { ...response, data: { ...response.data, _entities: expanded }, ...(errors ? { errors } : {}) };
    },
  };
}
