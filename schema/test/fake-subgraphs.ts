import type { SubgraphSource } from '../src/compose';

// Two small fakes in the shape of the real design: an @inaccessible list of
// keys on District, and a coverage field that @requires it from another subgraph.
const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires", "@inaccessible"])\n';

export const owner: SubgraphSource = {
  name: 'schools',
  url: 'http://localhost:4001/graphql',
  sdl: `${LINK}
    type Query { district(code: ID!): District }
    type District @key(fields: "code") {
      code: ID!
      name: String!
      teacherCount: Int
      teacherKeys: [ID!]! @inaccessible
    }`,
};

export const extender: SubgraphSource = {
  name: 'skb',
  url: 'http://localhost:4003/graphql',
  sdl: `${LINK}
    type Query { venues: [Venue!]! }
    type Venue @key(fields: "id") { id: ID! name: String! }
    type District @key(fields: "code") {
      code: ID!
      teacherKeys: [ID!]! @external
      trainedTeachers: Int @requires(fields: "teacherKeys")
    }`,
};
