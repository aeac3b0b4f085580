import { useFakeHub } from './fake-hub';

const hub = useFakeHub();

describe('health', () => {
  it('/healthz answers while the process is up', async () => {
    const response = await fetch(`${hub.base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'gateway', workers: 1 });
  });

  it('/readyz is 200 when every subgraph is ready', async () => {
    const response = await fetch(`${hub.base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ready',
      subgraphs: { schools: { status: 'up' }, university: { status: 'up' }, skb: { status: 'up' } },
    });
  });

  it('/readyz is 503 and names the subgraph that is not ready', async () => {
    hub.university.ready = false;
    const response = await fetch(`${hub.base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'unavailable',
      service: 'gateway',
      unavailable: ['university'],
      subgraphs: { university: { status: 'down', reason: 'HTTP 503' }, skb: { status: 'up' } },
    });
  });
});
