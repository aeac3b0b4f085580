import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { buildSchema, graphql, GraphQLError } from 'graphql';

/**
 * A stand-in for a subgraph that answers the gateway's root-field fetches
 * (the schemas of test/fixtures/supergraph.graphql without federation
 * directives), records the headers it received and reports a fixed SQL
 * statement count per request, as the real subgraphs do.
 */
export interface FakeSubgraph {
  url: string;
  received: http.IncomingHttpHeaders[];
  ready: boolean;
  close(): Promise<void>;
}

const SCHEMAS: Record<string, string> = {
  schools: `type Query { district(code: ID!): District schoolsBroken: Int schoolsRejects(code: String!): Int }
            type District { code: ID! name: String! }`,
  university: `type Query { lecturers: [Lecturer!]! }
               type Lecturer { id: ID! fullName: String! }`,
  // skb also resolves District entities, so one client request can fetch from it twice.
  skb: `type Query { venues: [Venue!]! slowVenues: [Venue!] _entities(representations: [_Any!]!): [_Entity]! }
        type Venue { id: ID! name: String! }
        type District { code: ID! trainedCount: Int }
        scalar _Any
        union _Entity = District`,
};

const venues = [{ id: 'v1', name: 'Aula SKB Balikpapan Selatan' }];

const root = {
  district: ({ code }: { code: string }) => ({ code, name: 'Kota Balikpapan' }),
  // An unexpected failure: its message must not reach clients outside development.
  schoolsBroken: () => {
    throw new Error('relation "teacher" does not exist');
  },
  schoolsRejects: ({ code }: { code: string }) => {
    // A careless partner: what it adds beyond code and field must not reach clients through the gateway.
    throw new GraphQLError(`code: ${code} is not a district code`, {
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'code',
        sql: 'select * from district where code = $1',
        exception: { stacktrace: ['at db.ts:1'] },
      },
    });
  },
  lecturers: () => [{ id: 'l1', fullName: 'Dr. Sari' }],
  venues: () => venues,
  _entities: ({ representations }: { representations: Array<{ code: string }> }) =>
    representations.map(({ code }) => ({ __typename: 'District', code, trainedCount: 7 })),
  slowVenues: () => new Promise((resolve) => setTimeout(() => resolve(venues), 1_000)),
};

export async function startFakeSubgraph(name: string, sqlStatementsPerRequest: number): Promise<FakeSubgraph> {
  const schema = buildSchema(SCHEMAS[name]);
  const received: http.IncomingHttpHeaders[] = [];
  const state = { ready: true };
  const app = express();
  app.get('/readyz', (_req, res) => {
    res.status(state.ready ? 200 : 503).json({ status: state.ready ? 'ready' : 'unavailable', service: name });
  });
  app.post('/graphql', express.json(), async (req, res) => {
    received.push(req.headers);
    const result = await graphql({
      schema,
      source: req.body.query,
      variableValues: req.body.variables,
      operationName: req.body.operationName,
      rootValue: root,
    });
    const body: Record<string, unknown> = { ...result };
    if (req.headers['x-mitra-debug'] === 'sql') body.extensions = { sqlStatements: sqlStatementsPerRequest };
    res.json(body);
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    get ready() {
      return state.ready;
    },
    set ready(value: boolean) {
      state.ready = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
