import 'reflect-metadata';
import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import { askEveryField, createTestDatabase, entityRepresentations, type TestDatabase } from '@mitra/kit/test-support';
import { seedDemo } from '../src/seeds/demo';
import { definition, entities, migrations } from '../src/subgraph';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ name: 'skb', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

// The server runs queries compiled (kit/src/compiled-execution.ts); runOperation runs each one on graphql-js too and fails on any difference.
it('answers every field compiled as graphql-js answers it, to each kind of caller', async () => {
  const { operations, withData } = await askEveryField(definition, db, entityRepresentations(buildDemoWorld(), 6), [
    null,
    { sub: 'staff', org: DEMO_IDS.skb, roles: ['staff'] },
    { sub: 'admin', org: `school:${DEMO_IDS.firstBalikpapanSchool}`, roles: ['admin'] },
    { sub: 'analyst', org: DEMO_IDS.government, roles: ['analyst'] },
  ]);
  expect(operations).toBeGreaterThan(8);
  expect(withData).toBeGreaterThan(operations / 2);
});
