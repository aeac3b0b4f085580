import 'reflect-metadata';
import { Query, Resolver } from 'type-graphql';
import { createSubgraphServer, loadSubgraphConfig, type LoaderSources, type Orm, type SubgraphServer } from '../src';

/** SubgraphDefinition.warmUp: started once the service listens, never in the way of a request, shown by /readyz, awaited by stop. */

@Resolver()
class PingResolver {
  @Query(() => Boolean)
  ping(): boolean {
    return true;
  }
}

const config = loadSubgraphConfig('schools', {
  LOG_LEVEL: 'silent',
  HOST: '127.0.0.1',
  SCHOOLS_PORT: '0',
  SCHOOLS_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
});

function fakeOrm(): Orm & { close: jest.Mock } {
  // The request context and the warm-up's sources fork it; only /readyz's `select 1` queries.
  return {
    em: { fork: () => ({ forked: true }), getConnection: () => ({ execute: async () => [{ '?column?': 1 }] }) },
    close: jest.fn(async () => undefined),
  } as unknown as Orm & { close: jest.Mock };
}

async function readyz(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url.replace(/\/graphql$/, '/readyz'));
  return { status: response.status, body: await response.json() };
}

async function ping(url: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ ping }"}' });
  return response.json();
}

function serverWith(warmUp: (sources: LoaderSources) => Promise<unknown>, orm: Orm): Promise<SubgraphServer<object>> {
  return createSubgraphServer(
    { name: 'schools', resolvers: [PingResolver], references: {}, createLoaders: () => ({}), warmUp },
    config,
    orm,
  );
}

it('starts when the service listens, with a fork and the config, answers meanwhile, and stop waits for it before closing the database', async () => {
  let finish!: () => void;
  const warmUp = jest.fn((_sources: LoaderSources) => new Promise<void>((resolve) => (finish = resolve)));
  const orm = fakeOrm();
  const server = await serverWith(warmUp, orm);
  expect(warmUp).not.toHaveBeenCalled();

  const service = await server.listen();
  expect(warmUp).toHaveBeenCalledTimes(1);
  expect(warmUp.mock.calls[0][0]).toEqual({ em: { forked: true }, config });
  expect(await ping(service.url)).toEqual({ data: { ping: true } });
  // Ready meanwhile: a request that needs the statistics joins the work under way.
  expect(await readyz(service.url)).toEqual({
    status: 200,
    body: { status: 'ready', service: 'schools', database: 'up', statistics: 'warming' },
  });

  let settled = false;
  void server.warmedUp().then(() => (settled = true));
  const stopping = service.stop();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(settled).toBe(false);
  expect(orm.close).not.toHaveBeenCalled();
  finish();
  await stopping;
  expect(settled).toBe(true);
  expect(orm.close).toHaveBeenCalledTimes(1);
});

it('that finishes is shown as ready by /readyz', async () => {
  const server = await serverWith(async () => undefined, fakeOrm());
  const service = await server.listen();
  try {
    await server.warmedUp();
    expect(await readyz(service.url)).toEqual({
      status: 200,
      body: { status: 'ready', service: 'schools', database: 'up', statistics: 'ready' },
    });
  } finally {
    await service.stop();
  }
});

it('that fails is logged as a warning, and the service keeps answering', async () => {
  const server = await serverWith(() => Promise.reject(new Error('database went away')), fakeOrm());
  const warn = jest.spyOn(server.logger, 'warn');
  const service = await server.listen();
  try {
    await expect(server.warmedUp()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      { err: expect.objectContaining({ message: 'database went away' }) },
      expect.stringContaining('warm-up failed'),
    );
    expect(await ping(service.url)).toEqual({ data: { ping: true } });
    expect(await readyz(service.url)).toEqual({
      status: 200,
      body: { status: 'ready', service: 'schools', database: 'up', statistics: 'failed' },
    });
  } finally {
    await service.stop();
  }
});

it('is skipped for a partner without one', async () => {
  const orm = fakeOrm();
  const server = await createSubgraphServer(
    { name: 'schools', resolvers: [PingResolver], references: {}, createLoaders: () => ({}) },
    config,
    orm,
  );
  const service = await server.listen();
  await expect(server.warmedUp()).resolves.toBeUndefined();
  expect((await readyz(service.url)).body).toMatchObject({ status: 'ready', statistics: 'none' });
  await service.stop();
  expect(orm.close).toHaveBeenCalledTimes(1);
});
