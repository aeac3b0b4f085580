import { GraphQLError } from 'graphql';
import type { Viewer } from '@mitra/runtime';
import { forgetKeptReaches, personReach, providedPrograms } from '../src/auth/need-to-know';
import { PartnerApi } from '../src/partner-api';

/** A request's partner API whose answers the test gives, counting the questions. */
class CountingPartners extends PartnerApi {
  static asked = 0;
  constructor(private readonly answer: () => unknown) {
    super('http://127.0.0.1:9/graphql', undefined, 'test');
  }
  override async query<T>(): Promise<T> {
    CountingPartners.asked += 1;
    return this.answer() as T;
  }
}

const PROVIDER = { sub: 'u1', org: 'provider:one', orgKind: 'provider', orgId: 'one', roles: ['staff'] } as unknown as Viewer;
const OTHER = { ...PROVIDER, org: 'provider:two', orgId: 'two' } as Viewer;
const TEACHER = '0b9b1c5e-6c1a-4d7e-9a63-1f5b7f2f7a10';
const reach = { myReach: { registeredTeacherIds: [TEACHER], assessedTeacherIds: [], partnerSchoolNpsns: ['20000001'], programIds: [] } };

describe("an organisation's reach, kept between requests (REACH_CACHE_MS)", () => {
  const saved = process.env.REACH_CACHE_MS;
  beforeEach(() => {
    forgetKeptReaches();
    CountingPartners.asked = 0;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.REACH_CACHE_MS;
    else process.env.REACH_CACHE_MS = saved;
  });

  it('asks once for several requests of one organisation within the time, and again for another organisation', async () => {
    delete process.env.REACH_CACHE_MS;
    for (let i = 0; i < 3; i++) {
      const got = await personReach(PROVIDER, new CountingPartners(() => reach));
      expect([...got.teachers]).toEqual([TEACHER]);
      expect([...got.schools]).toEqual(['20000001']);
    }
    expect(CountingPartners.asked).toBe(1);
    await personReach(OTHER, new CountingPartners(() => reach));
    await providedPrograms(PROVIDER, new CountingPartners(() => reach));
    expect(CountingPartners.asked).toBe(3);
  });

  it('asks again once the time has passed, and on every request with 0', async () => {
    process.env.REACH_CACHE_MS = '30';
    await personReach(PROVIDER, new CountingPartners(() => reach));
    await new Promise((r) => setTimeout(r, 50));
    await personReach(PROVIDER, new CountingPartners(() => reach));
    expect(CountingPartners.asked).toBe(2);
    process.env.REACH_CACHE_MS = '0';
    await personReach(PROVIDER, new CountingPartners(() => reach));
    await personReach(PROVIDER, new CountingPartners(() => reach));
    expect(CountingPartners.asked).toBe(4);
  });

  it('never keeps a failed answer: the next request asks again', async () => {
    delete process.env.REACH_CACHE_MS;
    const down = new CountingPartners(() => {
      throw new GraphQLError('down', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    });
    await expect(personReach(PROVIDER, down)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    await expect(personReach(PROVIDER, new CountingPartners(() => reach))).resolves.toMatchObject({ teachers: new Set([TEACHER]) });
    expect(CountingPartners.asked).toBe(2);
  });

  describe('renewed in the background in the second half of its time', () => {
    let now = 1_000_000;
    let clock: jest.SpyInstance<number, []>;
    const answer = (teacher: string) => ({ myReach: { ...reach.myReach, registeredTeacherIds: [teacher] } });
    const OTHER_TEACHER = '7d1f1c5e-6c1a-4d7e-9a63-1f5b7f2f7a11';
    const THIRD_TEACHER = '9e2a1c5e-6c1a-4d7e-9a63-1f5b7f2f7a12';
    const teachersOf = async (partners: PartnerApi) => [...(await personReach(PROVIDER, partners)).teachers];

    beforeEach(() => {
      process.env.REACH_CACHE_MS = '2000';
      clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
    });
    afterEach(() => clock.mockRestore());

    it('answers from the kept reach without waiting, then uses the renewed one, kept from when it was asked', async () => {
      expect(await teachersOf(new CountingPartners(() => answer(TEACHER)))).toEqual([TEACHER]);
      now += 900;
      expect(await teachersOf(new CountingPartners(() => answer(OTHER_TEACHER)))).toEqual([TEACHER]);
      expect(CountingPartners.asked).toBe(1);

      now += 200; // 1.1 s after the first answer was asked: the second half
      let release!: () => void;
      const slow = new CountingPartners(() => new Promise((resolve) => (release = () => resolve(answer(OTHER_TEACHER)))));
      expect(await teachersOf(slow)).toEqual([TEACHER]);
      expect(CountingPartners.asked).toBe(2);
      // While the renewal is on its way, nobody asks again, and the kept reach is used.
      expect(await teachersOf(new CountingPartners(() => answer(THIRD_TEACHER)))).toEqual([TEACHER]);
      expect(CountingPartners.asked).toBe(2);

      release();
      await new Promise((r) => setImmediate(r));
      now += 950; // 2.05 s after the first ask (run out), 0.95 s after the renewal's
      expect(await teachersOf(new CountingPartners(() => answer(THIRD_TEACHER)))).toEqual([OTHER_TEACHER]);
      expect(CountingPartners.asked).toBe(2);

      now += 1100; // 2.05 s after the renewal was asked: it has run out too
      expect(await teachersOf(new CountingPartners(() => answer(THIRD_TEACHER)))).toEqual([THIRD_TEACHER]);
      expect(CountingPartners.asked).toBe(3);
    });

    it('a renewal that fails is not tried again; the kept reach runs out and the next request asks and waits', async () => {
      expect(await teachersOf(new CountingPartners(() => answer(TEACHER)))).toEqual([TEACHER]);
      now += 1200;
      // A partner API serves one request: each request gets its own.
      const down = () =>
        new CountingPartners(() => {
          throw new GraphQLError('down', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
        });
      expect(await teachersOf(down())).toEqual([TEACHER]);
      await new Promise((r) => setImmediate(r));
      now += 300;
      expect(await teachersOf(new CountingPartners(() => answer(OTHER_TEACHER)))).toEqual([TEACHER]);
      expect(CountingPartners.asked).toBe(2);

      now += 600; // 2.1 s after the first ask
      await expect(teachersOf(down())).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
      expect(await teachersOf(new CountingPartners(() => answer(OTHER_TEACHER)))).toEqual([OTHER_TEACHER]);
      expect(CountingPartners.asked).toBe(4);
    });

    it('never renews a reach whose first answer is still on its way', async () => {
      let release!: () => void;
      const first = personReach(PROVIDER, new CountingPartners(() => new Promise((resolve) => (release = () => resolve(answer(TEACHER))))));
      now += 1500;
      const second = personReach(PROVIDER, new CountingPartners(() => answer(OTHER_TEACHER)));
      release();
      expect([...(await first).teachers]).toEqual([TEACHER]);
      expect([...(await second).teachers]).toEqual([TEACHER]);
      expect(CountingPartners.asked).toBe(1);
    });
  });
});
