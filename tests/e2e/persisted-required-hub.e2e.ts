import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectNoErrors } from '../harness/client';
import { startOwnHub, type OwnHub } from '../harness/own-hub';
import { CALLERS, type TokenSpec } from '../harness/tokens';

// A whole hub with PERSISTED_QUERIES=required: the partners' own questions to the gateway (the university's district
// partition for training outcomes, need-to-know reach, key checks) are in no client's manifest, and must still be answered.
const MANIFEST = path.resolve(__dirname, '..', '..', 'dashboard', 'src', 'gql', 'persisted-documents.json');

// A partner's document beside the dashboard's: a school's teachers with their trainings, whose catalogue names
// (programs, venues' districts, events' titles) the SKB and the university answer from mirrors they read through
// the gateway.
const TEACHER_TRAINING = `query SchoolTeacherTraining {
  teachers(first: 50) { edges { node { fullName
    trainingHistory { event { title program { code title tier } venue { name district { name } } } }
    assessments { program { code } event { title } } } } }
}`;

let hub: OwnHub;
let manifest: Record<string, string>;
let manifestDir: string;

function hashOf(operation: string): string {
  const entry = Object.entries(manifest).find(([, document]) => new RegExp(`query ${operation}\\b`).test(document));
  if (!entry) throw new Error(`No ${operation} in ${MANIFEST}`);
  return entry[0].replace(/^sha256:/, '');
}

/** As the dashboard sends a document (dashboard/src/api.ts): Apollo's persisted-query extension, never the text. */
const persisted = (operation: string) => ({ persistedQuery: { version: 1, sha256Hash: hashOf(operation) } });

async function post(body: unknown, headers: Record<string, string> = {}, caller: TokenSpec = CALLERS['government analyst']) {
  const token = await hub.token(caller);
  const response = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      authorization: `Bearer ${token}`,
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  manifest = {
    ...(JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Record<string, string>),
    [`sha256:${createHash('sha256').update(TEACHER_TRAINING).digest('hex')}`]: TEACHER_TRAINING,
  };
  manifestDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-manifest-'));
  const file = path.join(manifestDir, 'persisted-documents.json');
  fs.writeFileSync(file, JSON.stringify(manifest));
  hub = await startOwnHub({ env: { PERSISTED_QUERIES: 'required', PERSISTED_QUERIES_MANIFEST: file }, sharedPostgresServer: true });
}, 120_000);

afterAll(async () => {
  await hub?.close();
  if (manifestDir) fs.rmSync(manifestDir, { recursive: true, force: true });
});

describe('a hub whose gateway answers only persisted documents', () => {
  it("answers the dashboard's district statistics whole: the university's own question for the district partition passes", async () => {
    const { status, body } = await post({ extensions: persisted('DistrictStatistics'), variables: { code: '64.71' } });
    expect(status).toBe(200);
    expectNoErrors(body);
    const outcomes = body.data.district.trainingOutcomes as Array<{ tier: string; outcomes: Record<string, unknown> }>;
    // One row per tier, and the row of all tiers (null).
    expect(outcomes.map((o) => o.tier)).toEqual(['BASIC', 'INTERMEDIATE', 'ADVANCED', null]);
    expect(body.data.district.training.teachersTrained).toBeGreaterThan(0);
    // The partition was asked of this hub's gateway, under a request id of the university's own.
    const probes = hub.lines.filter(({ service, line }) => service === 'gateway' && line.includes('statistics-partition-'));
    expect(probes.length).toBeGreaterThan(0);
  });

  it('answers every document of the manifest without an error (catalogue names the partners mirror included)', async () => {
    const variables: Record<string, Record<string, unknown>> = {
      DistrictStatistics: { code: '64.71' },
      DistrictTrainingByYear: { code: '64.71', year1: 2022, year2: 2023, year3: 2024, year4: 2025, year5: 2026 },
      DistrictTrainingNeeds: { code: '64.71' },
      DistrictsOverview: {},
      ProgramOutcomes: {},
      ProvinceQualifications: { provinceCode: '64' },
      SchoolTeacherTraining: {},
    };
    const names = Object.values(manifest).map((document) => /query (\w+)/.exec(document)![1]);
    expect(names.sort()).toEqual(Object.keys(variables).sort());
    for (const name of names) {
      const caller = name === 'SchoolTeacherTraining' ? CALLERS['school admin'] : CALLERS['government analyst'];
      const { status, body } = await post({ extensions: persisted(name), variables: variables[name] }, {}, caller);
      expect({ name, status, errors: body.errors }).toEqual({ name, status: 200, errors: undefined });
    }
  });

  it('answers the catalogue names the SKB and the university mirror through the gateway (programs, districts, event titles)', async () => {
    const { body } = await post({ extensions: persisted('SchoolTeacherTraining') }, {}, CALLERS['school admin']);
    expectNoErrors(body);
    const teachers = body.data.teachers.edges.map((e: any) => e.node);
    const trainings = teachers.flatMap((t: any) => t.trainingHistory);
    const assessments = teachers.flatMap((t: any) => t.assessments);
    expect(trainings.length).toBeGreaterThan(0);
    expect(assessments.length).toBeGreaterThan(0);
    for (const { event } of trainings) {
      expect(event.program).toEqual({ code: expect.any(String), title: expect.any(String), tier: expect.any(String) });
      expect(event.venue.district.name).toEqual(expect.any(String));
    }
    expect(assessments.filter((a: any) => a.event).every((a: any) => typeof a.event.title === 'string')).toBe(true);
    expect(assessments.some((a: any) => a.event)).toBe(true);
  });

  it('still refuses a client document outside the manifest, and a client that sends a wrong gateway secret', async () => {
    for (const headers of [{}, { 'x-mitra-gateway-secret': 'not-the-secret-of-this-hub-at-all' }] as Array<Record<string, string>>) {
      const { status, body } = await post({ query: '{ districts { code trainingOutcomes { tier } } }' }, headers);
      expect({ status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'PERSISTED_QUERY_NOT_ALLOWED' });
    }
  });
});
