/// <reference types="jest" />
// Jest's globals (expect, beforeAll, ...): these helpers run inside test files only.
import { startRouter, type RouterOptions, type RunningRouter } from '@mitra/cli';
import { type SubgraphName } from '@mitra/runtime';
import { gql, type GqlOptions, type LooseBody } from './client';
import { hubSecrets, hubUrls } from './env';

/**
 * Grafbase's federation router (`grafbase dev` with the committed
 * router/grafbase.toml) over the shared hub's subgraphs, for the router
 * tests (e2e/router*.e2e.ts), and what they compare with the gateway.
 */

export interface HubRouterOptions extends Pick<RouterOptions, 'sdlFrom' | 'configPath'> {
  /** Subgraph URLs that replace the shared hub's. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
}

/** A router over the shared hub's subgraphs, with its gateway secret. */
export function startHubRouter(options: HubRouterOptions = {}): Promise<RunningRouter> {
  const { subgraphs } = hubUrls();
  return startRouter({ ...options, subgraphUrls: { ...subgraphs, ...options.subgraphUrls }, gatewaySecret: hubSecrets().gatewaySecret });
}

/**
 * A router over the shared hub for the whole test file: started before its
 * tests, stopped after them. The object forwards to the running router.
 */
export function useHubRouter(): RunningRouter {
  let router: RunningRouter | undefined;
  beforeAll(async () => {
    router = await startHubRouter();
  }, 60_000);
  afterAll(async () => {
    await router?.stop();
  });
  const running = (): RunningRouter => {
    if (!router) throw new Error('the router is not running (useHubRouter starts it in beforeAll)');
    return router;
  };
  return {
    get origin() {
      return running().origin;
    },
    get url() {
      return running().url;
    },
    output: () => running().output(),
    stop: () => running().stop(),
  };
}

/** Starts them together; when one fails, stops the others and fails with its reason. */
export async function startRouters(...starts: Array<Promise<RunningRouter>>): Promise<RunningRouter[]> {
  const started = await Promise.allSettled(starts);
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    throw failed.reason;
  }
  return started.map((s) => (s as PromiseFulfilledResult<RunningRouter>).value);
}

/** One operation to `router`, as `gql` sends it to the gateway. */
export function viaRouter(router: RunningRouter, query: string, variables?: Record<string, unknown>, options: GqlOptions = {}) {
  return gql(query, variables, { ...options, url: router.url });
}

/**
 * What the router and the gateway must agree on: the data, and each error's
 * message, path and code. The gateway adds `serviceName` to a subgraph's
 * error and Grafbase does not, so other extensions are not compared.
 */
export function comparable(body: LooseBody): { data: unknown; errors: unknown[] } {
  const errors: LooseBody[] = body.errors ?? [];
  return {
    data: body.data ?? null,
    errors: errors.map((e) => ({
      message: e.message,
      path: e.path ?? null,
      code: e.extensions?.code ?? null,
      field: e.extensions?.field ?? null,
    })),
  };
}

/** Sends the same operation with the same token to both; they must agree (see comparable). Returns the router's body. */
export async function expectSameAnswer(
  router: RunningRouter,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<LooseBody> {
  const [viaGrafbase, viaGateway] = await Promise.all([viaRouter(router, query, variables, { token }), gql(query, variables, { token })]);
  expect(viaGrafbase.status).toBe(200);
  expect(viaGateway.status).toBe(200);
  expect(comparable(viaGrafbase.body)).toEqual(comparable(viaGateway.body));
  return viaGrafbase.body;
}

/** The codes of an answer's errors, in order. */
export const codes = (body: LooseBody): string[] => (body.errors ?? []).map((e: LooseBody) => e.extensions?.code);
