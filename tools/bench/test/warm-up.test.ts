import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { partnersWarmedUp } from '../src/warm-up';

/** A subgraph's /readyz that answers the given `statistics` values in turn (the last one for ever). */
async function readyzServer(states: string[]): Promise<{ url: string; asked: () => number; close: () => Promise<void> }> {
  let asked = 0;
  const server = http.createServer((req, res) => {
    if (req.url !== '/readyz') return res.writeHead(404).end();
    const statistics = states[Math.min(asked++, states.length - 1)];
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ready', statistics }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    asked: () => asked,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('partnersWarmedUp', () => {
  it('waits until no partner is warming, and names one whose warm-up failed', async () => {
    const schools = await readyzServer(['warming', 'warming', 'warming', 'ready']);
    const skb = await readyzServer(['failed']);
    const university = await readyzServer(['none']);
    const lines: string[] = [];
    try {
      await partnersWarmedUp({ schools: schools.url, skb: skb.url, university: university.url }, (l) => lines.push(l), { intervalMs: 10 });
      expect(schools.asked()).toBe(4);
      expect(skb.asked()).toBe(1);
      expect(university.asked()).toBe(1);
      expect(lines).toEqual([
        expect.stringMatching(/^Hub: skb could not build/),
        expect.stringMatching(/protected statistics ready \(waited /),
      ]);
    } finally {
      await Promise.all([schools.close(), skb.close(), university.close()]);
    }
  });

  it('gives up after its timeout, naming the partners still warming or not answering, and measures anyway', async () => {
    const schools = await readyzServer(['warming']);
    const ready = await readyzServer(['ready']);
    const lines: string[] = [];
    try {
      const started = Date.now();
      await partnersWarmedUp({ schools: schools.url, skb: ready.url, university: 'http://127.0.0.1:1/graphql' }, (l) => lines.push(l), {
        intervalMs: 10,
        timeoutMs: 200,
      });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(schools.asked()).toBeGreaterThan(3);
      expect(lines).toEqual([
        expect.stringMatching(/^Hub: schools, university still building protected statistics after [\d.]+ s; measuring anyway$/),
      ]);
    } finally {
      await Promise.all([schools.close(), ready.close()]);
    }
  });
});
