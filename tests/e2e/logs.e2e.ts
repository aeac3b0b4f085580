import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import { gql } from '../harness/client';
import { sql } from '../harness/db';
import { logLeaks } from '../harness/log-scan';
import { tokenOf } from '../harness/tokens';
import { until } from '../harness/wait';
import { freshNuptk } from '../harness/writes';

/**
 * Issue 7, request logs: one pino JSON line per GraphQL request in every
 * service, with the operation name, duration, HTTP status, outcome and
 * error codes, under the request id the gateway forwards to the subgraphs;
 * never a token, a secret or a personal field. The harness keeps each
 * service's lines in MITRA_LOG_DIR; globalTeardown scans the whole run's
 * lines once more.
 */

type Line = {
  service: string;
  msg?: string;
  requestId?: string;
  operation?: string;
  status?: number;
  outcome?: string;
  durationMs?: number;
  errors?: string[];
} & Record<string, unknown>;

function readLines(): Line[] {
  const dir = process.env.MITRA_LOG_DIR!;
  return fs.readdirSync(dir).flatMap((file) =>
    fs
      .readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .flatMap((text) => {
        try {
          return [{ ...(JSON.parse(text) as Line), service: file.replace(/\.log$/, '') }];
        } catch {
          return [];
        }
      }),
  );
}

async function linesOf(requestId: string, services: number): Promise<Line[]> {
  const lines = (): Line[] => readLines().filter((l) => l.msg === 'graphql request' && l.requestId === requestId);
  // The hub reads the services' output through pipes: the gateway's line comes last, when its answer is done.
  await until(
    async () => {
      const found = lines();
      return new Set(found.map((l) => l.service)).size >= services && found.some((l) => l.service === 'gateway');
    },
    5_000,
    `the request lines of ${requestId} did not all appear`,
    50,
  );
  return lines();
}

const world = buildDemoWorld();
const teacher = world.teachers.find((t) => t.npsn === DEMO_IDS.firstBalikpapanSchool)!;
const created: string[] = [];

afterAll(async () => {
  if (created.length) await sql('schools', 'delete from teacher where id = any($1::uuid[])', [created]);
});

it('one line per request at the gateway and at each subgraph it asked, under the same request id', async () => {
  const requestId = `logs-${randomUUID()}`;
  const token = await tokenOf('school admin');
  const { body } = await gql(
    'query LogProbe($t: ID!) { teacher(id: $t) { fullName trainingHistory { status } } }',
    { t: teacher.id },
    { token, headers: { 'x-request-id': requestId } },
  );
  expect(body.errors).toBeUndefined();
  const lines = await linesOf(requestId, 3);
  expect(lines.map((l) => l.service).sort()).toEqual(['gateway', 'schools', 'skb']);
  const gatewayLine = lines.find((l) => l.service === 'gateway')!;
  expect(gatewayLine).toMatchObject({ level: 30, operation: 'LogProbe', status: 200, outcome: 'ok', durationMs: expect.any(Number) });
  expect(gatewayLine.errors).toBeUndefined();
  for (const line of lines.filter((l) => l.service !== 'gateway')) {
    expect(line).toMatchObject({
      operation: `LogProbe__${line.service}__${line.service === 'schools' ? 0 : 1}`,
      status: 200,
      outcome: 'ok',
    });
  }
});

it('names the error codes of a refused request, and logs a request refused before GraphQL (401) too', async () => {
  const refusedId = `logs-${randomUUID()}`;
  await gql('query LogRefused { teachers(first: 0) { totalCount } }', undefined, {
    token: await tokenOf('school admin'),
    headers: { 'x-request-id': refusedId },
  });
  const [refused] = (await linesOf(refusedId, 2)).filter((l) => l.service === 'gateway');
  expect(refused).toMatchObject({ operation: 'LogRefused', status: 200, outcome: 'refused', errors: ['BAD_USER_INPUT'] });

  const forgedId = `logs-${randomUUID()}`;
  const { status } = await gql('query LogForged { venues { name } }', undefined, {
    token: 'forged.token.value',
    headers: { 'x-request-id': forgedId },
  });
  expect(status).toBe(401);
  const forged = (await linesOf(forgedId, 1)).filter((l) => l.service === 'gateway');
  expect(forged).toEqual([expect.objectContaining({ operation: 'LogForged', status: 401, outcome: 'refused' })]);
});

it('never holds the token, the secrets or the personal fields of a write', async () => {
  const token = await tokenOf('school admin');
  const requestId = `logs-${randomUUID()}`;
  const person = { fullName: `Nur Aisyah Logtest ${randomUUID().slice(0, 8)}`, nuptk: freshNuptk(), birthDate: '1987-06-23' };
  const { body } = await gql(
    'mutation LogWrite($input: TeacherInput!) { createTeacher(input: $input) { id fullName nuptk birthDate } }',
    { input: { npsn: DEMO_IDS.firstBalikpapanSchool, employmentStatus: 'PNS', ...person } },
    { token, headers: { 'x-request-id': requestId } },
  );
  expect(body.errors).toBeUndefined();
  created.push(body.data.createTeacher.id);
  // A conflict (the same NUPTK again) takes another path through the error formatting: no values there either.
  const again = await gql(
    'mutation LogConflict($input: TeacherInput!) { createTeacher(input: $input) { id } }',
    { input: { npsn: DEMO_IDS.firstBalikpapanSchool, employmentStatus: 'PNS', ...person } },
    { token },
  );
  expect(again.body.errors[0].extensions.code).toBe('CONFLICT');
  expect(await linesOf(requestId, 2)).toHaveLength(2);

  const all = fs
    .readdirSync(process.env.MITRA_LOG_DIR!)
    .flatMap((f) => fs.readFileSync(path.join(process.env.MITRA_LOG_DIR!, f), 'utf8').split('\n'));
  expect(all.length).toBeGreaterThan(10);
  expect(
    logLeaks(
      all,
      [token!, process.env.MITRA_JWT_SECRET!, process.env.MITRA_GATEWAY_SECRET!],
      [person.fullName, person.nuptk, person.birthDate],
    ),
  ).toEqual([]);
});
