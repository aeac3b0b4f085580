import 'reflect-metadata';
import { createSubgraphServer, signToken, type RunningService, type SubgraphServer } from '@mitra/kit';
import { createTestDatabase, type TestDatabase } from '@mitra/kit/test-support';
import { seedDemo } from '../src/seeds/demo';
import { QualificationTableSet } from '../src/statistics/table-set';
import type { SchoolsLoaders } from '../src/loaders';
import { definition, entities, migrations } from '../src/subgraph';

// Protecting the demo's table set takes a moment on a loaded machine.
jest.setTimeout(60_000);

const BY_DISTRICT = `{ qualificationStatistics(groupBy: DISTRICT) { total { teacherCount } rows { group qualifications { teacherCount } } } }`;

let db: TestDatabase;
let server: SubgraphServer<SchoolsLoaders>;
let service: RunningService;
let token: string;
const protections = jest.spyOn(QualificationTableSet, 'protectOffThread');

beforeAll(async () => {
  db = await createTestDatabase({ name: 'schools', entities, migrations, seed: seedDemo });
  token = await signToken(db.config.auth, { org: 'government:kaltim', roles: ['analyst'] });
  server = await createSubgraphServer(definition, { ...db.config, host: '127.0.0.1', port: 0, logLevel: 'silent' }, db.orm);
});
afterAll(async () => {
  await service?.stop();
  await db?.close();
});

async function teachersByDistrict(): Promise<{ total: number; rows: number }> {
  const response = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: BY_DISTRICT }),
  });
  const body = (await response.json()) as {
    data?: { qualificationStatistics: { total: { teacherCount: number }; rows: unknown[] } };
    errors?: unknown;
  };
  expect(body.errors).toBeUndefined();
  return { total: body.data!.qualificationStatistics.total.teacherCount, rows: body.data!.qualificationStatistics.rows.length };
}

it('protects the statistics of the current data version once it listens, before any request asks for them', async () => {
  expect(protections).not.toHaveBeenCalled();
  service = await server.listen();
  await server.warmedUp();
  expect(protections).toHaveBeenCalledTimes(1);

  // Through HTTP, as the gateway asks: the warmed set answers, nothing is protected again.
  const [{ n }] = await db.sql<{ n: number }>('select count(*)::int as n from teacher');
  const [{ districts }] = await db.sql<{ districts: number }>('select count(*)::int as districts from district');
  expect(await teachersByDistrict()).toEqual({ total: n, rows: districts });
  expect(protections).toHaveBeenCalledTimes(1);
});

it('protects the next data version when a request first needs it, after a write', async () => {
  await db.sql("update teacher set employment_status = 'PNS' where id = (select id from teacher order by id limit 1)");
  const [{ n }] = await db.sql<{ n: number }>('select count(*)::int as n from teacher');
  expect((await teachersByDistrict()).total).toBe(n);
  expect(protections).toHaveBeenCalledTimes(2);
  expect((await teachersByDistrict()).total).toBe(n);
  expect(protections).toHaveBeenCalledTimes(2);
});
