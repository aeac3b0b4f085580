import type { BenchIdentity } from './identity';
import type { BenchViewer } from './operations';
import { BENCH_PROVIDER_ORG } from './provider';

export type HeadersFor = (viewer: BenchViewer) => Record<string, string>;

/**
 * Requests carry a token as a client's would, signed with the bench hub's own
 * key (identity.ts). `partnerOrg` (--viewer-org) reads the person-level operations.
 */
export function viewerHeaders(env: NodeJS.ProcessEnv, identity: BenchIdentity, partnerOrg: string = BENCH_PROVIDER_ORG): HeadersFor {
  const token = (org: string, roles: string[]): string => identity.sign(env, { org, roles, sub: 'bench', ttl: '12h' });
  const tokens: Record<BenchViewer, string | null> = {
    anonymous: null,
    // Person-level data, read under need-to-know: by default the staff of a training provider whose partnerships
    // cover the bench district's schools (provider.ts), so that its reach is those schools, a few dozen NPSNs, as a
    // real provider's would be, and its page of the district is the floor's. A provider whose participants number in
    // the tens of thousands (university:mulia, whose programs every synthetic event is of) ships their ids with
    // every request: a known limit of the need-to-know design, measured with --viewer-org (docs/benchmarks.md).
    partner: token(partnerOrg, ['staff']),
    // Statistics without persons: a government analyst.
    analyst: token('government:bench', ['analyst']),
  };
  return (viewer) => ({
    'content-type': 'application/json',
    ...(tokens[viewer] ? { authorization: `Bearer ${tokens[viewer]}` } : {}),
  });
}

const REACH_QUERY = '{ myReach { registeredTeacherIds assessedTeacherIds partnerSchoolNpsns } }';

/**
 * The question the schools partner asks the gateway on every person-level
 * request (the caller's reach), asked through the gateway as the partner
 * viewer: how many keys it answers, how large, how long (median of `times`
 * after one warm-up). Logged, so that a run says what its viewer costs.
 */
export async function probeReach(options: {
  gatewayUrl: string;
  headers: Record<string, string>;
  partnerOrg: string;
  times?: number;
  log: (line: string) => void;
}): Promise<void> {
  const { gatewayUrl, headers, partnerOrg, log } = options;
  const times = options.times ?? 5;
  const body = JSON.stringify({ query: REACH_QUERY });
  try {
    const ask = async (): Promise<{ ms: number; text: string }> => {
      const t0 = performance.now();
      const response = await fetch(gatewayUrl, { method: 'POST', headers, body });
      const text = await response.text();
      if (!response.ok || text.includes('"errors"')) throw new Error(`HTTP ${response.status} ${text.slice(0, 300)}`);
      return { ms: performance.now() - t0, text };
    };
    await ask();
    const runs: Array<{ ms: number; text: string }> = [];
    for (let i = 0; i < times; i++) runs.push(await ask());
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(times / 2)];
    const reach = (
      JSON.parse(runs[0].text) as {
        data: { myReach: { registeredTeacherIds: string[]; assessedTeacherIds: string[]; partnerSchoolNpsns: string[] } | null };
      }
    ).data.myReach;
    const teachers = new Set([...(reach?.registeredTeacherIds ?? []), ...(reach?.assessedTeacherIds ?? [])]).size;
    log(
      `Viewer: ${partnerOrg}'s reach (myReach, asked of the gateway by the schools partner on every person-level request): ` +
        `${reach?.partnerSchoolNpsns.length ?? 0} school(s), ${reach?.registeredTeacherIds.length ?? 0} registered and ` +
        `${reach?.assessedTeacherIds.length ?? 0} assessed teacher ids (${teachers} distinct); ` +
        `${(runs[0].text.length / 1024).toFixed(1)} KiB, p50 ${ms.toFixed(1)} ms of ${times} through the gateway`,
    );
  } catch (error) {
    log(`Viewer: ${partnerOrg}'s reach could not be asked: ${error instanceof Error ? error.message : String(error)}`);
  }
}
