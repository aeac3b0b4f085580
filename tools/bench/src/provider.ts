import { Client } from 'pg';
import { stableUuid, type SubgraphName } from '@mitra/runtime';

/**
 * Who reads the person-level operations: the staff of a training provider
 * of the bench's own, whose partnerships cover every school of the bench's
 * district, and nothing else (no programs, so no registrations or
 * assessments). Under need-to-know (README, "Who may see whom") its reach is
 * the district's schools, a few dozen NPSNs shipped to the schools partner
 * on every request, as a real provider's would be; and it sees exactly the
 * district's teachers, so the gateway's page is the floor's.
 */
export const BENCH_PROVIDER_ORG = 'provider:bench';

/** The partnerships' terms: in force from long ago, open-ended, so active whatever the day. */
const TERMS = { studyProgram: 'Bench provider', signedOn: '2000-01-01' } as const;

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/**
 * Makes `table` hold exactly the bench provider's partnerships with
 * `npsns`: removes any other of its rows (another district's, other terms),
 * adds the missing ones; nothing is written when they are there. Returns how
 * many rows it changed.
 */
async function syncPartnerships(client: Client, table: string, ids: string[], npsns: string[]): Promise<number> {
  await client.query('begin');
  try {
    const wanted = `select * from unnest($2::uuid[], $3::text[]) as w(id, npsn)`;
    const removed = await client.query(
      `delete from ${table} x where x.provider_org = $1 and not exists (
         select 1 from (${wanted}) w where w.id = x.id and w.npsn = x.school_npsn
           and x.study_program = $4 and x.signed_on = $5::date and x.valid_until is null)`,
      [BENCH_PROVIDER_ORG, ids, npsns, TERMS.studyProgram, TERMS.signedOn],
    );
    const added = await client.query(
      `insert into ${table} (id, school_npsn, study_program, signed_on, valid_until, provider_org)
       select w.id, w.npsn, $4, $5::date, null, $1 from (${wanted}) w
       where not exists (select 1 from ${table} x where x.id = w.id)`,
      [BENCH_PROVIDER_ORG, ids, npsns, TERMS.studyProgram, TERMS.signedOn],
    );
    await client.query('commit');
    const changed = (removed.rowCount ?? 0) + (added.rowCount ?? 0);
    if (changed) await client.query(`analyze ${table}`);
    return changed;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

/**
 * One partnership of the bench provider (signed on 2000-01-01, open-ended,
 * study program "Bench provider") with every school of `districtCode`, in
 * the university partner's database and in the floor's copy of it (schema
 * `university` of bench_floor), with the same deterministic ids: so
 * `School.partnership` (the current one) is the same on both sides. Idempotent.
 */
export async function ensureProviderPartnerships(options: {
  urls: Record<SubgraphName, string>;
  floorUrl: string;
  districtCode: string;
  log: (line: string) => void;
}): Promise<void> {
  const { urls, floorUrl, districtCode, log } = options;
  const schools = await connect(urls.schools);
  let npsns: string[];
  try {
    const { rows } = await schools.query<{ npsn: string }>('select npsn from school where district_code = $1 order by npsn', [
      districtCode,
    ]);
    npsns = rows.map((r) => r.npsn);
  } finally {
    await schools.end();
  }
  if (!npsns.length) throw new Error(`District ${districtCode} has no schools: no partnerships for ${BENCH_PROVIDER_ORG}`);
  const ids = npsns.map((npsn) => stableUuid('bench-partnership', `${BENCH_PROVIDER_ORG}-${npsn}`));

  let changed = 0;
  for (const [url, table] of [
    [urls.university, 'partnership'],
    [floorUrl, 'university.partnership'],
  ] as const) {
    const client = await connect(url);
    try {
      changed += await syncPartnerships(client, table, ids, npsns);
    } finally {
      await client.end();
    }
  }
  log(
    `Viewer: ${BENCH_PROVIDER_ORG} has partnerships with the ${npsns.length} schools of district ${districtCode} (hub and floor${changed ? `, ${changed} row(s) written` : ', already there'})`,
  );
}
