import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expectNoErrors, gql } from '../harness/client';
import { ARTIFACTS_DIR, launchBrowser, type Browser } from '../harness/browser';
import { startExtraGateway, type ExtraGateway } from '../harness/extra-gateway';
import { CALLERS, tokenFor } from '../harness/tokens';

// The newcomer's path: `npm start` runs in development, where the sign-in page offers the demo
// roles. This gateway runs so, over the harness's subgraphs, and answers only the dashboard's
// persisted documents: the page works without sending a single query text.
let devGateway: ExtraGateway;
let browser: Browser;
let page: Page;
let analystToken: string;
let truth: any;

const LEVELS = ['BELOW_HIGH_SCHOOL', 'HIGH_SCHOOL', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'];
const TIERS = ['BASIC', 'INTERMEDIATE', 'ADVANCED'];
const AREAS = (
  'CHILD_DEVELOPMENT LEARNING_PLANNING PLAY_BASED_LEARNING LEARNING_ASSESSMENT CLASSROOM_MANAGEMENT ' +
  'PARENT_PARTNERSHIP INCLUSIVE_EDUCATION PROFESSIONAL_DEVELOPMENT'
).split(' ');
const OUTCOMES = 'assessed meanPreTest meanPostTest meanGain passRate followedUp meanFollowUpScore suppressed';
// The by-year card: the current year and the four before it, oldest first (2022 to 2026 in 2026).
const YEARS = Array.from({ length: 5 }, (_, i) => new Date().getFullYear() - 4 + i);
const SCREENSHOT = path.join(ARTIFACTS_DIR, 'dashboard-balikpapan.png');

/** A number as the dashboard writes it in Indonesian ("41,7%", "+16,3", "108"). */
const numberIn = (text: string): number => Number(text.replace(/[^0-9+-]/g, (c) => (c === ',' ? '.' : '')));

/**
 * The rounding the dashboard applies (dashboard/src/format.ts, lang "id"): scores and gains to one decimal
 * (gains signed), shares as percentages with one decimal at most. A figure is compared with what the API's
 * value becomes under these rules, not with the value within 0.05: 85.85 is written "85,9", exactly 0.05 away.
 */
const SCORE = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const GAIN = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const SHARE = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 });
const asShown = (format: Intl.NumberFormat, value: number): number => numberIn(format.format(value));

const texts = async (locator: Locator): Promise<string[]> => (await locator.allTextContents()).map((t) => t.trim());

const card = (id: string) => page.locator(`[data-testid="${id}"]`);

beforeAll(async () => {
  analystToken = await tokenFor(CALLERS['government analyst']);
  const { body } = await gql(
    `{
      district(code: "64.71") {
        name teacherCount
        qualifications { teacherCount meetingStandard shareMeetingStandard suppressed byLevel { level count } }
        training { teachersTrained byHighestTier { tier count } meanGain suppressed }
        trainingOutcomes { tier outcomes { ${OUTCOMES} } }
        trainingNeeds { area schools teachers suppressed }
        ${YEARS.map((y) => `y${y}: training(year: ${y}) { teachersTrained suppressed }`).join(' ')}
      }
      districts { code name qualifications { shareMeetingStandard suppressed } }
      national: qualificationStatistics(groupBy: DISTRICT) { total { shareMeetingStandard suppressed } }
      province: qualificationStatistics(groupBy: DISTRICT, filter: { provinceCode: "64" }) { total { shareMeetingStandard suppressed } }
    }`,
    undefined,
    { token: analystToken },
  );
  expectNoErrors(body);
  truth = body.data;
  // The browser first: without Chromium the file fails at once, with no gateway left running.
  browser = await launchBrowser();
  devGateway = await startExtraGateway({ NODE_ENV: 'development', PERSISTED_QUERIES: 'required' });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await devGateway?.stop();
});

describe('the statistics dashboard, as a government analyst', () => {
  it('signs in with the development role button and shows Kota Balikpapan', async () => {
    await page.goto(`${devGateway.origin}/dashboard`);
    await page.locator('button[data-role="analyst"]').click();
    await page.locator('[data-testid="district-name"]').waitFor();
    expect(await page.locator('[data-testid="district-name"]').textContent()).toBe('Kota Balikpapan');
    expect(await page.locator('[data-testid="identity"]').textContent()).toContain('government:kaltim · analyst');
    // Every chart drawn, the widest last.
    await card('card-program-outcomes').locator('.recharts-bar-rectangle').first().waitFor();
  });

  it('shows the headline figures of the API, a withheld one as suppressed', async () => {
    const q = truth.district.qualifications;
    const training = truth.district.training;
    const kpi = async (id: string, value: number | null, shown: (v: number) => number = (v) => v) =>
      expect(
        value === null
          ? await card(id).locator('.suppressed-chip').textContent()
          : numberIn((await card(id).locator('.kpi-number').textContent()) ?? ''),
      ).toBe(value === null ? 'disembunyikan' : shown(value));
    await kpi('kpi-teachers', truth.district.teacherCount);
    await kpi('kpi-meeting', q.meetingStandard);
    if (q.shareMeetingStandard !== null)
      expect(numberIn((await card('kpi-meeting').locator('.kpi-share').textContent()) ?? '')).toBe(asShown(SHARE, q.shareMeetingStandard));
    await kpi('kpi-trained', training.teachersTrained);
    await kpi('kpi-gain', training.meanGain, (v) => asShown(GAIN, v));
  });

  it('charts teachers by highest qualification with the API counts, suppressed levels drawn as suppressed', async () => {
    const byLevel = new Map(truth.district.qualifications.byLevel.map((l: any) => [l.level, l.count]));
    const shown = LEVELS.filter((l) => byLevel.get(l) !== null && byLevel.get(l) !== undefined).map((l) => String(byLevel.get(l)));
    const suppressed = LEVELS.filter((l) => byLevel.get(l) === null);
    expect(await texts(card('card-levels').locator('svg .bar-label'))).toEqual(shown);
    expect(await texts(card('card-levels').locator('svg .suppressed-label'))).toEqual(suppressed.map(() => 'disembunyikan'));
  });

  it('charts teachers trained by highest tier, and training outcomes per tier', async () => {
    const byTier = new Map(truth.district.training.byHighestTier.map((t: any) => [t.tier, t.count]));
    const shown = TIERS.filter((t) => byTier.get(t) !== null && byTier.get(t) !== undefined).map((t) => String(byTier.get(t)));
    expect(await texts(card('card-training').locator('svg .bar-label'))).toEqual(shown);

    const order = [null, ...TIERS];
    const rows = [...truth.district.trainingOutcomes].sort((a: any, b: any) => order.indexOf(a.tier) - order.indexOf(b.tier));
    const post = await texts(card('card-tier-outcomes').locator('svg .bar-label[data-series="post"]'));
    const expected = rows.filter((r: any) => r.outcomes.meanPostTest !== null).map((r: any) => r.outcomes.meanPostTest);
    expect(expected.length).toBeGreaterThan(0);
    expect(post.map(numberIn)).toEqual(expected.map((v: number) => asShown(SCORE, v)));
    const passRates = await texts(card('card-tier-outcomes').locator('svg .bar-label[data-series="pass"]'));
    const expectedRates = rows.filter((r: any) => r.outcomes.passRate !== null).map((r: any) => r.outcomes.passRate);
    expect(passRates.map(numberIn)).toEqual(expectedRates.map((v: number) => asShown(SHARE, v)));
  });

  it('tabulates the outcomes per tier with the follow-ups at least 30 days on and their mean observation score', async () => {
    const outcomes = card('card-tier-outcomes');
    await outcomes.getByRole('tab', { name: 'Tabel' }).click();
    await outcomes.locator('table').waitFor();
    expect((await texts(outcomes.locator('thead th'))).slice(-2)).toEqual(['Dipantau ≥30 hari', 'Skor observasi rata-rata']);
    // The demo data: the November 2022 training's teachers observed afterwards.
    const all = truth.district.trainingOutcomes.find((r: any) => r.tier === null).outcomes;
    expect(all.followedUp).toBeGreaterThan(0);
    for (const { tier, outcomes: o } of truth.district.trainingOutcomes) {
      const row = outcomes.locator(`tr[data-row="${tier ?? 'ALL'}"]`);
      const score =
        o.followedUp === 0 ? 'tidak ada data' : o.meanFollowUpScore === null ? 'disembunyikan' : SCORE.format(o.meanFollowUpScore);
      expect({
        tier,
        followedUp: (await row.locator('td[data-measure="followedUp"]').textContent())?.trim(),
        score: (await row.locator('td[data-measure="followUpScore"]').textContent())?.trim(),
      }).toEqual({
        tier,
        followedUp: o.followedUp === null ? 'disembunyikan' : String(o.followedUp),
        score,
      });
    }
    await outcomes.getByRole('tab', { name: 'Grafik' }).click();
    await outcomes.locator('svg .bar-label').first().waitFor();
  });

  it('charts and tabulates teachers trained per year, as District.training(year)', async () => {
    const byYear = card('card-training-by-year');
    await byYear.locator('svg .bar-label').first().waitFor();
    expect(await byYear.getByRole('heading').textContent()).toBe('Cakupan pelatihan per tahun · Kota Balikpapan');
    const coverage = YEARS.map((y) => truth.district[`y${y}`]);
    // The demo data: the November 2022 training, then the Diklat events of 2023 to 2025.
    expect(coverage[YEARS.indexOf(2022)]?.teachersTrained).toBeGreaterThan(0);
    expect(await texts(byYear.locator('.recharts-cartesian-axis-tick-value'))).toEqual(expect.arrayContaining(YEARS.map(String)));
    expect(await texts(byYear.locator('svg .bar-label'))).toEqual(
      coverage.filter((c: any) => c.teachersTrained !== null).map((c: any) => String(c.teachersTrained)),
    );
    expect(await texts(byYear.locator('svg .suppressed-label'))).toEqual(
      coverage.filter((c: any) => c.teachersTrained === null && c.suppressed).map(() => 'disembunyikan'),
    );

    await byYear.getByRole('tab', { name: 'Tabel' }).click();
    await byYear.locator('table').waitFor();
    expect(await texts(byYear.locator('thead th'))).toEqual(['Tahun', 'Guru terlatih']);
    expect(await texts(byYear.locator('tbody th'))).toEqual(YEARS.map(String));
    expect(await texts(byYear.locator('tbody td[data-measure="trained"]'))).toEqual(
      coverage.map((c: any) =>
        c.teachersTrained === null ? (c.suppressed ? 'disembunyikan' : 'tidak ada data') : String(c.teachersTrained),
      ),
    );
    await byYear.getByRole('tab', { name: 'Grafik' }).click();
    await byYear.locator('svg .bar-label').first().waitFor();
  });

  it('charts open training needs per competence area; a suppressed area is drawn as suppressed, beside its name', async () => {
    const needs = truth.district.trainingNeeds;
    expect(needs.map((n: any) => n.area)).toEqual(AREAS);
    const suppressed = needs.filter((n: any) => n.suppressed && n.teachers === null);
    // The demo data: learning assessment shown, inclusive education too small to show.
    expect(suppressed.map((n: any) => n.area)).toContain('INCLUSIVE_EDUCATION');
    expect(needs.find((n: any) => n.area === 'LEARNING_ASSESSMENT').teachers).toBeGreaterThan(0);

    const needsCard = card('card-training-needs');
    await needsCard.locator('svg .bar-label').first().waitFor();
    expect(await needsCard.getByRole('heading').textContent()).toBe('Kebutuhan pelatihan · Kota Balikpapan');
    expect(await texts(needsCard.locator('svg .bar-label'))).toEqual(
      needs.filter((n: any) => n.teachers !== null).map((n: any) => String(n.teachers)),
    );
    expect(await texts(needsCard.locator('svg .suppressed-label'))).toEqual(suppressed.map(() => 'disembunyikan'));

    const tickBox = await needsCard.locator('.recharts-cartesian-axis-tick-value', { hasText: 'Pendidikan inklusif' }).boundingBox();
    const labelCentres = await needsCard.locator('svg .suppressed-label').evaluateAll((nodes) =>
      nodes.map((n) => {
        const box = n.getBoundingClientRect();
        return box.top + box.height / 2;
      }),
    );
    expect(labelCentres.some((y) => Math.abs(y - (tickBox!.y + tickBox!.height / 2)) < 8)).toBe(true);
  });

  it('lists the training needs as a table: area, schools, teachers; a suppressed count marked, not 0', async () => {
    const needsCard = card('card-training-needs');
    await needsCard.getByRole('tab', { name: 'Tabel' }).click();
    await needsCard.locator('table').waitFor();
    expect(await texts(needsCard.locator('thead th'))).toEqual(['Bidang kompetensi', 'Sekolah', 'Guru dengan kebutuhan terbuka']);
    expect(await texts(needsCard.locator('tbody th'))).toEqual([
      'Perkembangan anak',
      'Perencanaan pembelajaran',
      'Pembelajaran melalui bermain',
      'Asesmen pembelajaran',
      'Pengelolaan kelas',
      'Kemitraan dengan orang tua',
      'Pendidikan inklusif',
      'Pengembangan keprofesian',
    ]);
    for (const { area, schools, teachers } of truth.district.trainingNeeds) {
      const row = needsCard.locator(`tr[data-row="${area}"]`);
      expect({
        area,
        schools: (await row.locator('td[data-measure="schools"]').textContent())?.trim(),
        teachers: (await row.locator('td[data-measure="teachers"]').textContent())?.trim(),
        marked: await row.locator('td[data-measure="teachers"][data-suppressed="true"]').count(),
      }).toEqual({
        area,
        schools: String(schools),
        teachers: teachers === null ? 'disembunyikan' : String(teachers),
        marked: teachers === null ? 1 : 0,
      });
    }
    await needsCard.getByRole('tab', { name: 'Grafik' }).click();
    await needsCard.locator('svg .bar-label').first().waitFor();
  });

  it('draws a suppressed district as suppressed, never as zero, beside its name', async () => {
    const hidden = (q: any) => q.shareMeetingStandard === null && q.suppressed;
    const suppressed = truth.districts.filter((d: any) => hidden(d.qualifications));
    // The demo's one small district: Penajam Paser Utara's single school.
    expect(suppressed.map((d: any) => d.code)).toContain('64.09');
    const overview = card('card-overview');
    // The districts, then the province's and the nation's totals.
    const totals = [truth.province.total, truth.national.total].filter(hidden);
    expect(await overview.locator('svg .suppressed-label').count()).toBe(suppressed.length + totals.length);
    expect(await texts(overview.locator('svg .bar-label'))).not.toContain('0%');

    // The hatched bar with the word sits on Penajam Paser Utara's row.
    // A long name wraps onto two lines: the text's box spans both, its centre is the row's.
    const tick = overview.locator('.recharts-cartesian-axis-tick-value', { hasText: 'Kabupaten Penajam' });
    const tickBox = await tick.boundingBox();
    const labelCentres = await overview.locator('svg .suppressed-label').evaluateAll((nodes) =>
      nodes.map((n) => {
        const box = n.getBoundingClientRect();
        return box.top + box.height / 2;
      }),
    );
    const tickCentre = tickBox!.y + tickBox!.height / 2;
    expect(labelCentres.some((y) => Math.abs(y - tickCentre) < 8)).toBe(true);

    await page.mouse.move(0, 0);
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
  });

  it('switches a chart to its table: the same figures, suppressed cells marked', async () => {
    const overview = card('card-overview');
    await overview.getByRole('tab', { name: 'Tabel' }).click();
    await overview.locator('table').waitFor();
    const small = overview.locator('tr[data-row="64.09"]');
    expect(await small.locator('td[data-suppressed="true"]').count()).toBe(3);
    expect(await texts(small.locator('td'))).toEqual(['disembunyikan', 'disembunyikan', 'disembunyikan']);
    const balikpapan = overview.locator('tr[data-row="64.71"]');
    expect(numberIn((await balikpapan.locator('td[data-measure="teachers"]').textContent()) ?? '')).toBe(truth.district.teacherCount);
    expect(numberIn((await balikpapan.locator('td[data-measure="share"]').textContent()) ?? '')).toBe(
      asShown(SHARE, truth.district.qualifications.shareMeetingStandard),
    );

    const levels = card('card-levels');
    await levels.getByRole('tab', { name: 'Tabel' }).click();
    for (const { level, count } of truth.district.qualifications.byLevel) {
      const cell = levels.locator(`tr[data-row="${level}"] td`);
      expect({ level, text: (await cell.textContent())?.trim() }).toEqual({
        level,
        text: count === null ? 'disembunyikan' : String(count),
      });
    }
    await levels.getByRole('tab', { name: 'Grafik' }).click();
    await levels.locator('svg .bar-label').first().waitFor();
  });
});
