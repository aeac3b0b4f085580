import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as FederationInternals from '@apollo/federation-internals';
import { Kind, parse, type DocumentNode } from 'graphql';
import { installOperationCache, keepingOperations, uninstallOperationCache } from '../src/operation-cache';

const gatewayRequire = createRequire(require.resolve('@apollo/gateway'));
const internals = gatewayRequire('@apollo/federation-internals') as typeof FederationInternals;
const supergraph = fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
const apiSchema = internals.Supergraph.build(supergraph).apiSchema();

const QUERY = parse(`query Page($district: ID!) { teachers(first: 2, filter: { districtCode: $district }) { edges { node { ...T } } } }
  fragment T on Teacher { id fullName school { name } }`);

/** As executeQueryPlan asks: a new document object around the same definition nodes, without validation. */
const asExecuted = (document: DocumentNode): DocumentNode => ({ kind: Kind.DOCUMENT, definitions: [...document.definitions] });

describe('keepingOperations', () => {
  const built: DocumentNode[] = [];
  const build = keepingOperations((schema, document, options) => {
    built.push(document);
    return internals.operationFromDocument(schema, document, options);
  });
  beforeEach(() => (built.length = 0));

  it('builds the operation of a query text once, and again for another schema', () => {
    const first = build(apiSchema, asExecuted(QUERY), { validate: false });
    expect(build(apiSchema, asExecuted(QUERY), { validate: false })).toBe(first);
    expect(built).toHaveLength(1);
    const other = internals.Supergraph.build(supergraph).apiSchema();
    expect(build(other, asExecuted(QUERY), { validate: false })).not.toBe(first);
    expect(built).toHaveLength(2);
    expect(first.toString()).toBe(internals.operationFromDocument(apiSchema, QUERY, { validate: false }).toString());
  });

  it('builds again when the definitions differ, and for every other kind of call', () => {
    const first = build(apiSchema, asExecuted(QUERY), { validate: false });
    // The same operation node with other fragments (never seen from Apollo Server, whose documents are kept whole).
    const otherFragment = parse('fragment T on Teacher { id }').definitions[0];
    const changed = build(apiSchema, { kind: Kind.DOCUMENT, definitions: [QUERY.definitions[0], otherFragment] }, { validate: false });
    expect(changed).not.toBe(first);
    expect(changed.toString()).not.toBe(first.toString());
    // The planner's call (validated, by operation name) is Apollo's, every time.
    build(apiSchema, QUERY, { operationName: 'Page' });
    build(apiSchema, QUERY, { operationName: 'Page' });
    build(apiSchema, QUERY);
    expect(built).toHaveLength(4);
  });

  it('keeps nothing for a document that fails', () => {
    const wrong = parse('query { teachers(first: 1) { edges { node { ...Missing } } } }');
    expect(() => build(apiSchema, asExecuted(wrong), { validate: false })).toThrow(/Missing/);
    expect(() => build(apiSchema, asExecuted(wrong), { validate: false })).toThrow(/Missing/);
    expect(built).toHaveLength(2);
  });
});

describe('installOperationCache', () => {
  afterEach(() => uninstallOperationCache());

  it('puts the keeping function where executeQueryPlan reads it, and can put Apollo’s back', () => {
    const before = internals.operationFromDocument;
    expect(installOperationCache()).toEqual({ installed: true });
    // Twice is once: Apollo's function is wrapped a single time.
    expect(installOperationCache()).toEqual({ installed: true });
    const kept = internals.operationFromDocument(apiSchema, asExecuted(QUERY), { validate: false });
    expect(internals.operationFromDocument).not.toBe(before);
    expect(internals.operationFromDocument(apiSchema, asExecuted(QUERY), { validate: false })).toBe(kept);
    uninstallOperationCache();
    expect(internals.operationFromDocument).toBe(before);
    expect(internals.operationFromDocument(apiSchema, asExecuted(QUERY), { validate: false })).not.toBe(kept);
  });
});
