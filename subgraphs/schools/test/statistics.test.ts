import type { EntityManager } from '@mikro-orm/postgresql';
import { markStatisticsStale, refreshingStatistics, statisticsLoaders } from '../src/statistics/loaders';

// A fake EntityManager that only counts the aggregate scans (the cache logic is what is tested here).
function fakeEm(counter: { scans: number }): EntityManager {
  return {
    getConnection: () => ({
      execute: async () => {
        counter.scans += 1;
        return [];
      },
    }),
    find: async () => [],
  } as unknown as EntityManager;
}

describe('statistics cache', () => {
  beforeEach(() => markStatisticsStale());

  it('reuses one national scan across requests within the cache time', async () => {
    const counter = { scans: 0 };
    await statisticsLoaders(fakeEm(counter), 10, 60_000).data();
    await statisticsLoaders(fakeEm(counter), 10, 60_000).data();
    expect(counter.scans).toBe(1);
  });

  it('scans again after a write of this subgraph, and on every request when the cache is off', async () => {
    const counter = { scans: 0 };
    await statisticsLoaders(fakeEm(counter), 10, 60_000).data();
    await refreshingStatistics(Promise.resolve('written'));
    await statisticsLoaders(fakeEm(counter), 10, 60_000).data();
    expect(counter.scans).toBe(2);
    await statisticsLoaders(fakeEm(counter), 10, 0).data();
    await statisticsLoaders(fakeEm(counter), 10, 0).data();
    expect(counter.scans).toBe(4);
  });

  it('drops the cache even when the write fails', async () => {
    const counter = { scans: 0 };
    await statisticsLoaders(fakeEm(counter), 10, 60_000).data();
    await expect(refreshingStatistics(Promise.reject(new Error('conflict')))).rejects.toThrow('conflict');
    await statisticsLoaders(fakeEm(counter), 10, 60_000).data();
    expect(counter.scans).toBe(2);
  });
});
