import { createRequire } from 'node:module';
import path from 'node:path';
import { computeResponse } from './result-shaping';

/**
 * The gateway's result shaping (./result-shaping.ts) in the place of
 * @apollo/gateway's own: it replaces the export of Apollo's module, which
 * executeQueryPlan reads at each call. `installResultShaping` refuses (and
 * the gateway keeps Apollo's) when that module is not there or not of the
 * version it was written against.
 */

/** The @apollo/gateway version whose resultShaping.js this follows (gateway/package.json pins it). */
export const APOLLO_GATEWAY_VERSION = '2.14.4';

const gatewayRequire = createRequire(require.resolve('@apollo/gateway'));

interface ApolloResultShaping {
  computeResponse: typeof computeResponse;
}

/** Apollo's own module, the one executeQueryPlan calls into (tests compare against it). */
export function apolloResultShaping(): ApolloResultShaping {
  return gatewayRequire(path.join(path.dirname(require.resolve('@apollo/gateway')), 'resultShaping.js')) as ApolloResultShaping;
}

let apollosOwn: ApolloResultShaping['computeResponse'] | undefined;

/**
 * Puts `computeResponse` in place of Apollo's. Returns why not when the
 * installed @apollo/gateway is not the version this follows (an upgrade must
 * compare the two again: the test does) or has no such module.
 */
export function installResultShaping(): { installed: true } | { installed: false; reason: string } {
  const version = (gatewayRequire('../package.json') as { version: string }).version;
  if (version !== APOLLO_GATEWAY_VERSION)
    return { installed: false, reason: `@apollo/gateway ${version}, written for ${APOLLO_GATEWAY_VERSION}` };
  let module: ApolloResultShaping;
  try {
    module = apolloResultShaping();
  } catch (error) {
    return { installed: false, reason: `@apollo/gateway has no resultShaping.js (${(error as Error).message})` };
  }
  if (typeof module.computeResponse !== 'function') return { installed: false, reason: 'resultShaping.js exports no computeResponse' };
  if (module.computeResponse !== computeResponse) {
    apollosOwn = module.computeResponse;
    module.computeResponse = computeResponse;
  }
  return { installed: true };
}

/** Apollo's function, put back (tests). */
export function uninstallResultShaping(): void {
  if (apollosOwn) apolloResultShaping().computeResponse = apollosOwn;
  apollosOwn = undefined;
}
