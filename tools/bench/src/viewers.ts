import { loadAuthConfig, signToken } from '@mitra/runtime';
import type { BenchViewer } from './operations';

export type HeadersFor = (viewer: BenchViewer) => Record<string, string>;

/** Requests carry a token as a client's would, signed with the bench hub's own secret. */
export async function viewerHeaders(env: NodeJS.ProcessEnv): Promise<HeadersFor> {
  const auth = loadAuthConfig(env);
  const tokens: Record<BenchViewer, string | null> = {
    anonymous: null,
    // Person-level data: any partner organisation; the university's staff reads teachers, trainings and results.
    partner: await signToken(auth, { org: 'university:mulia', roles: ['staff'], sub: 'bench', ttl: '12h' }),
    // Statistics without persons: a government analyst.
    analyst: await signToken(auth, { org: 'government:bench', roles: ['analyst'], sub: 'bench', ttl: '12h' }),
  };
  return (viewer) => ({
    'content-type': 'application/json',
    ...(tokens[viewer] ? { authorization: `Bearer ${tokens[viewer]}` } : {}),
  });
}
