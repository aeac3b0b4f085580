import { DEMO_IDS } from '@mitra/fixtures';
import { gql } from '../harness/client';
import { connect } from '../harness/db';
import { askProbe, type Probe } from '../harness/faults';
import { requestLines, startOwnHub, type OwnHub } from '../harness/own-hub';
import { CALLERS } from '../harness/tokens';
import { sleep, until } from '../harness/wait';

/**
 * Issue 7, graceful shutdown: on SIGTERM a subgraph stops accepting
 * connections, finishes the write in flight (held on a row lock across the
 * signal), answers it and exits 0; the gateway does the same, each worker
 * draining before the primary says it stopped. On a hub of its own
 * (harness/own-hub.ts), as faults-subgraphs.e2e.ts.
 */

jest.setTimeout(120_000);

let own: OwnHub;
let skbAdmin: string;
/** The Samarinda SKB's admin: its venue holds the event the shutdown test registers for. */
let samarindaAdmin: string;
/** The gateway's last query before its SIGTERM, with its answer while everything is up. */
const LAST: Probe = {
  name: 'SchoolsOnly',
  query: 'query SchoolsOnly { school(npsn: "64710001") { name district { name } } districts { code } }',
  needs: [],
};

beforeAll(async () => {
  own = await startOwnHub({ sharedPostgresServer: true });
  skbAdmin = await own.token(CALLERS['skb admin']);
  samarindaAdmin = await own.token({ org: DEMO_IDS.skbSamarinda, roles: ['admin'] });
  LAST.full = (await askProbe(own.gatewayUrl, skbAdmin, LAST, 10_000)).body;
  expect(LAST.full.errors).toBeUndefined();
}, 120_000);

afterAll(async () => {
  await own?.close();
});

describe('graceful shutdown', () => {
  it('finishes a write that is in flight when SIGTERM comes, refuses new connections meanwhile, and exits 0', async () => {
    const db = await connect('skb', own.hub.databaseUrls);
    let exit: Promise<unknown> | undefined;
    try {
      // Hold the event's row lock, so that a registration for it waits inside the subgraph.
      await db.query('begin');
      await db.query('select id from training_event where id = $1 for update', [DEMO_IDS.events.basic2027]);
      const write = gql(
        'mutation Drain($e: ID!) { registerParticipant(eventId: $e, participantName: "Peserta Uji Berhenti") { id participantName } }',
        { e: DEMO_IDS.events.basic2027 },
        { token: samarindaAdmin, url: own.gatewayUrl },
      );
      await until(
        async () =>
          (
            await db.query(
              "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
            )
          ).rows[0].n > 0,
        10_000,
        'the registration did not wait for the lock',
      );

      exit = own.hub.stopService('skb');
      const skbHealth = own.hub.subgraphUrls.skb.replace(/\/graphql$/, '/healthz');
      await until(
        async () =>
          fetch(skbHealth).then(
            () => false,
            () => true,
          ),
        5_000,
        'skb still accepted connections after SIGTERM',
      );
      let settled = false;
      void exit.then(() => (settled = true));
      // Not a wait for something: the window in which a service that did not wait for its write would have exited.
      await sleep(200);
      expect(settled).toBe(false);

      await db.query('commit');
      const { status, body } = await write;
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data.registerParticipant.participantName).toBe('Peserta Uji Berhenti');
      expect(await exit).toEqual({ code: 0, signal: null });
      const { rows } = await db.query('select status from registration where id = $1', [body.data.registerParticipant.id]);
      expect(rows).toEqual([{ status: 'REGISTERED' }]);
      const stopped = requestLines(own.lines).filter((l) => l.service === 'skb');
      expect(own.lines.filter((l) => l.service === 'skb').map((l) => (l.line.startsWith('{') ? JSON.parse(l.line).msg : l.line))).toEqual(
        expect.arrayContaining(['stopping', 'stopped']),
      );
      expect(stopped.length).toBeGreaterThan(0);
    } finally {
      await db.query('rollback').catch(() => undefined);
      await db.end();
      await exit;
      await own.hub.startService('skb');
    }
    expect(own.crash.error).toBeUndefined();
  });
});

describe('stopping the gateway', () => {
  it('exits 0 on SIGTERM too, after its last answer', async () => {
    expect((await askProbe(own.gatewayUrl, skbAdmin, LAST, 10_000)).body).toEqual(LAST.full);
    expect(await own.hub.stopService('gateway')).toEqual({ code: 0, signal: null });
    // By the time each line carries (lines of one process can reach the hub's reader in another order under load).
    const logged = own.lines
      .filter((l) => l.service === 'gateway' && l.line.startsWith('{'))
      .map((l) => JSON.parse(l.line) as { msg: string; time: number; worker?: number; exitCode?: number });
    // The primary (no worker field) says "stopping" first and "stopped" last; every worker drains in between.
    const primary = logged.filter((l) => l.worker === undefined);
    const stopping = primary.find((l) => l.msg === 'stopping');
    const stopped = primary.find((l) => l.msg === 'stopped');
    expect({ stopping: !!stopping, stopped: stopped?.exitCode }).toEqual({ stopping: true, stopped: 0 });
    expect(stopped!.time).toBeGreaterThanOrEqual(stopping!.time);
    const workers = new Set(logged.filter((l) => l.worker !== undefined).map((l) => l.worker));
    expect(workers.size).toBeGreaterThanOrEqual(1);
    for (const worker of workers) {
      expect(logged.filter((l) => l.worker === worker && l.msg === 'stopped')).toEqual([expect.objectContaining({ msg: 'stopped' })]);
    }
    // Nothing after it: every worker answered its last request before the primary said it stopped.
    expect(logged.filter((l) => l.time > stopped!.time)).toEqual([]);
  });
});

describe('the logs of the shutdowns', () => {
  it('hold no token, secret or name of the write', () => {
    const text = own.lines.map((l) => l.line).join('\n');
    for (const secret of [skbAdmin, samarindaAdmin, own.secrets.jwtSecret, own.secrets.gatewaySecret]) expect(text).not.toContain(secret);
    expect(text).not.toContain('Peserta Uji Berhenti');
  });
});
