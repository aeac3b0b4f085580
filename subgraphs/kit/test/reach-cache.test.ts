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
});
