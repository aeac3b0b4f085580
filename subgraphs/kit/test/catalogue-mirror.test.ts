import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CatalogueMirror, mirrored, readPublicByIds, readPublicCatalogue } from '../src/catalogue-mirror';

describe('CatalogueMirror', () => {
  let now = 0;
  let asked: string[][] = [];
  let names: Record<string, string> = {};
  const mirror = () =>
    new CatalogueMirror<string>(
      async (ids) => {
        asked.push(ids);
        return new Map(ids.filter((id) => id in names).map((id) => [id, names[id]]));
      },
      1_000,
      () => now,
    );

  beforeEach(() => {
    now = 0;
    asked = [];
    names = { a: 'A', b: 'B' };
  });

  it('reads an id not seen yet before answering, once, and answers null for an id its owner does not know', async () => {
    const m = mirror();
    expect(await m.getMany(['a', 'b', 'a', 'x'])).toEqual(['A', 'B', 'A', null]);
    expect(await m.getMany(['b', 'a'])).toEqual(['B', 'A']);
    expect(asked).toEqual([['a', 'b', 'x']]);
  });

  it('answers an old entry at once and reads it again in the background: a change shows on the next read', async () => {
    const m = mirror();
    await m.getMany(['a']);
    names.a = 'A renamed';
    now = 500;
    expect(await m.getMany(['a'])).toEqual(['A']);
    now = 1_500;
    expect(await m.getMany(['a'])).toEqual(['A']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await m.getMany(['a'])).toEqual(['A renamed']);
    expect(asked).toEqual([['a'], ['a']]);
  });

  it('peeks at what it holds without a promise, and has an old entry read again in the background', async () => {
    const m = mirror();
    expect(m.peek('a')).toBeUndefined();
    expect(asked).toEqual([]);
    await m.getMany(['a']);
    expect(m.peek('a')).toBe('A');
    names.a = 'A renamed';
    now = 1_500;
    expect(m.peek('a')).toBe('A');
    await new Promise((resolve) => setImmediate(resolve));
    expect(m.peek('a')).toBe('A renamed');
    expect(asked).toEqual([['a'], ['a']]);
  });

  it('answers a field from what the mirror holds without a promise, else through the loader, and an unknown id as SERVICE_UNAVAILABLE', async () => {
    let loads = 0;
    const load = (value: string | null) => () => {
      loads += 1;
      return Promise.resolve(value);
    };
    expect(mirrored('Kota Balikpapan', load('unused'), 'District', '64.71')).toBe('Kota Balikpapan');
    expect(loads).toBe(0);
    await expect(mirrored(undefined, load('Kota Samarinda'), 'District', '64.72')).resolves.toBe('Kota Samarinda');
    await expect(mirrored(undefined, load(null), 'District', '99.99')).rejects.toMatchObject({
      message: "District 99.99 is not in its owner's public catalogue",
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(loads).toBe(2);
  });

  it('fails a read it cannot make for an unseen id, and keeps answering what it has when a background read fails', async () => {
    const m = new CatalogueMirror<string>(
      async (ids) => {
        if (ids.includes('down')) throw new Error('unreachable');
        return new Map(ids.map((id) => [id, id.toUpperCase()]));
      },
      1_000,
      () => now,
    );
    await expect(m.getMany(['down'])).rejects.toThrow('unreachable');
    expect(await m.getMany(['up'])).toEqual(['UP']);
  });
});

describe('reading the public catalogue through the gateway', () => {
  let server: http.Server;
  let url: string;
  let bodies: Array<{ query: string; variables: Record<string, string> }> = [];
  let secrets: Array<string | undefined> = [];
  let answer: (body: { query: string; variables: Record<string, string> }) => unknown;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const body = JSON.parse(text) as { query: string; variables: Record<string, string> };
        bodies.push(body);
        secrets.push(req.headers['x-mitra-gateway-secret'] as string | undefined);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(answer(body)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    bodies = [];
    secrets = [];
  });

  it('asks for many ids in requests of at most 10 aliased root fields (the default MAX_ROOT_FIELDS is 15)', async () => {
    answer = ({ variables }) => ({
      data: Object.fromEntries(Object.entries(variables).map(([k, id]) => [`a${k.slice(1)}`, id === 'gone' ? null : { title: `T ${id}` }])),
    });
    const ids = [...Array.from({ length: 22 }, (_, i) => `e${i}`), 'gone'];
    const found = await readPublicByIds<{ title: string }>(url, 'events', 'trainingEvent', 'title', ids);
    // One fixed document (10 fields, the last id repeated), so a manifest of persisted queries can list it.
    expect(bodies.map((b) => Object.keys(b.variables).length)).toEqual([10, 10, 10]);
    expect(new Set(bodies.map((b) => b.query)).size).toBe(1);
    expect(Object.values(bodies[2].variables)).toEqual(['e20', 'e21', ...Array<string>(8).fill('gone')]);
    expect(bodies[0].query).toMatch(/^query CatalogueMirror\(\$i0: ID!.*\) \{ a0: trainingEvent\(id: \$i0\) \{ title \}/);
    expect(found.size).toBe(22);
    expect(found.get('e21')).toEqual({ title: 'T e21' });
    expect(found.has('gone')).toBe(false);
  });

  it("carries the gateway's secret when given (a gateway with PERSISTED_QUERIES=required answers the partners' own reads)", async () => {
    answer = () => ({ data: { trainingPrograms: [{ id: 'p1' }] } });
    await expect(
      readPublicCatalogue({ url, secret: 'the-shared-gateway-secret' }, 'programs', '{ trainingPrograms { id } }'),
    ).resolves.toEqual({
      trainingPrograms: [{ id: 'p1' }],
    });
    await readPublicCatalogue(url, 'programs', '{ trainingPrograms { id } }');
    expect(secrets).toEqual(['the-shared-gateway-secret', undefined]);
  });

  it('turns errors of the gateway, and an answer without data, into SERVICE_UNAVAILABLE naming what could not be read', async () => {
    answer = () => ({ errors: [{ message: 'The operation selects 25 root fields', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    await expect(readPublicCatalogue(url, 'programs', '{ trainingPrograms { id } }')).rejects.toMatchObject({
      message: "The catalogue's programs could not be read through the gateway",
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    answer = () => '<html>Bad Gateway</html>';
    await expect(readPublicCatalogue(url, 'programs', '{ trainingPrograms { id } }')).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });
});
