import { informationLoss, worldRows } from '../src/statistics/information-loss';
import { QualificationTableSet } from '../src/statistics/table-set';

/**
 * The protection keeps what the offices read first (issue 14): every headline
 * total (all teachers of an area) and every key figure (those meeting the
 * standard) where the data allow it. Computed in memory from the rows the
 * seeds write, as `npm run disclosure-loss` does.
 */
let world: ReturnType<typeof worldRows> | undefined;
const generated = () => (world ??= worldRows(['--teachers', '20000', '--districts', '40']));

describe('information loss of the protected qualification set', () => {
  it('on the demo, withholds only the 3-teacher district and the one district that hides it, key figures included', () => {
    const { rows, districts } = worldRows([]);
    const loss = informationLoss(rows, districts);
    const withheld = loss.headlines.filter((h) => !h.shown).map((h) => h.area);
    const keyWithheld = loss.headlines.filter((h) => !h.meetingShown).map((h) => h.area);
    expect(withheld).toEqual(['district 64.02', 'district 64.09']);
    expect(keyWithheld).toEqual(withheld);
    expect(loss.headlines.find((h) => h.area === 'district 64.09')?.teachers).toBe(3);
    expect(loss.withheldShare).toBeLessThan(0.7);
  });

  it('on 20,000 generated teachers in 40 districts, shows every headline total and key figure', () => {
    const { rows, districts } = generated();
    const loss = informationLoss(rows, districts);
    expect(loss.headlines).toHaveLength(1 + new Set(districts.map((d) => d.provinceCode)).size + 40);
    expect(loss.headlines.filter((h) => !h.shown || !h.meetingShown)).toEqual([]);
    expect(loss.primary).toBeGreaterThan(0);
  }, 60_000);
});

describe('protection off the request thread', () => {
  it("protects on the kit's worker thread, withholding exactly what the calling thread would, while the event loop keeps turning", async () => {
    const { rows, districts } = generated();
    const here = QualificationTableSet.protect(rows, districts, 10);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const started = Date.now();
    const there = await QualificationTableSet.protectOffThread(rows, districts, 10);
    const took = Date.now() - started;
    clearInterval(timer);
    expect(Buffer.from(there.protected.hidden)).toEqual(Buffer.from(here.protected.hidden));
    expect(there.protected.stats).toEqual(here.protected.stats);
    expect(there.breakdown('nation', 'all')).toEqual(here.breakdown('nation', 'all'));
    // The protection of 20,000 teachers takes a second or more; timers fired all along (not only once, at the end).
    expect(ticks).toBeGreaterThan(Math.min(10, took / 50));
  }, 60_000);
});
