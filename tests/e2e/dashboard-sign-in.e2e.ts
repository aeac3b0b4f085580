import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../harness/browser';
import { expectNoErrors, gql } from '../harness/client';
import { hubUrls } from '../harness/env';
import { CALLERS, tokenFor } from '../harness/tokens';

/**
 * The dashboard outside development (the test hub): no demo roles, a pasted
 * token, the CSV downloads with it, the English labels, and a refused token
 * sent back to the sign-in page. Split from dashboard.e2e.ts (the
 * development path); figures are compared with the API's answer.
 */
let browser: Browser;
let page: Page;
let analystToken: string;
let truth: any;

// The by-year card: the current year and the four before it, oldest first (2022 to 2026 in 2026).
const YEARS = Array.from({ length: 5 }, (_, i) => new Date().getFullYear() - 4 + i);
const origin = () => hubUrls().gateway.replace(/\/graphql$/, '');
const card = (id: string) => page.locator(`[data-testid="${id}"]`);
const texts = async (locator: Locator): Promise<string[]> => (await locator.allTextContents()).map((t) => t.trim());

beforeAll(async () => {
  analystToken = await tokenFor(CALLERS['government analyst']);
  const { body } = await gql(
    `{
      district(code: "64.71") {
        trainingOutcomes { tier outcomes { followedUp meanFollowUpScore suppressed } }
        trainingNeeds { area schools teachers suppressed }
        ${YEARS.map((y) => `y${y}: training(year: ${y}) { teachersTrained suppressed }`).join(' ')}
      }
    }`,
    undefined,
    { token: analystToken },
  );
  expectNoErrors(body);
  truth = body.data;
  browser = await launchBrowser();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function download(button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync((await file.path())!, 'utf8') };
}

describe('the statistics dashboard, outside development', () => {
  it('offers no demo roles, and signs in with a pasted token', async () => {
    await page.goto(`${origin()}/dashboard/`);
    await page.locator('textarea#token').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('button[data-role]').count()).toBe(0);
    await page.locator('textarea#token').fill(analystToken);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.locator('[data-testid="district-name"]').waitFor();
    expect(await page.locator('[data-testid="district-name"]').textContent()).toBe('Kota Balikpapan');
  });

  it('downloads the CSV exports with the signed-in token', async () => {
    await page.locator('.downloads summary').click();
    const qualifications = await download('Kualifikasi per kab/kota');
    expect(qualifications.name).toBe('kualifikasi-guru-per-kabupaten-kota.csv');
    expect(qualifications.text.startsWith('\uFEFFgroup,label,teacher_count')).toBe(true);
    expect(qualifications.text).toContain('64.71,Kota Balikpapan,');

    const needs = await download('Kebutuhan pelatihan per kab/kota');
    expect(needs.name).toBe('kebutuhan-pelatihan-per-kabupaten-kota.csv');
    expect(needs.text.startsWith('\uFEFFdistrict_code,district_name,area,schools,teachers,suppressed\r\n')).toBe(true);
    const inclusive = truth.district.trainingNeeds.find((n: any) => n.area === 'INCLUSIVE_EDUCATION');
    expect(needs.text).toContain(`64.71,Kota Balikpapan,INCLUSIVE_EDUCATION,${inclusive.schools},,true\r\n`);

    const coverage = await download('Cakupan pelatihan per tahun (kab/kota ini)');
    expect(coverage.name).toBe('cakupan-pelatihan-per-tahun-64.71.csv');
    expect(coverage.text.startsWith('\uFEFFdistrict_code,district_name,year,teachers_trained,')).toBe(true);
    for (const y of YEARS) {
      const c = truth.district[`y${y}`];
      expect(coverage.text).toContain(`64.71,Kota Balikpapan,${y},${c.teachersTrained ?? ''},`);
    }
    await page.locator('.downloads summary').click();
  });

  it('switches the labels to English', async () => {
    await page.locator('.lang-switch button[lang="en"]').click();
    await card('card-levels')
      .getByRole('heading', { name: /Teachers by highest qualification/ })
      .waitFor();
    expect(await card('card-overview').locator('svg .suppressed-label').first().textContent()).toBe('suppressed');
    const needsCard = card('card-training-needs');
    await needsCard.getByRole('heading', { name: 'Training needs · Kota Balikpapan' }).waitFor();
    expect(await texts(needsCard.locator('.recharts-cartesian-axis-tick-value'))).toEqual(
      expect.arrayContaining(['Learning assessment', 'Inclusive education', 'Partnership with parents']),
    );
    expect(await texts(needsCard.locator('svg .suppressed-label'))).toEqual(
      truth.district.trainingNeeds.filter((n: any) => n.teachers === null).map(() => 'suppressed'),
    );
    const byYear = card('card-training-by-year');
    await byYear.getByRole('heading', { name: 'Training coverage by year · Kota Balikpapan' }).waitFor();
    expect(await texts(byYear.locator('.recharts-legend-item-text, .legend li'))).toContain('Teachers trained');
    const outcomes = card('card-tier-outcomes');
    await outcomes.getByRole('tab', { name: 'Table' }).click();
    expect((await texts(outcomes.locator('thead th'))).slice(-2)).toEqual(['Followed up ≥30 days', 'Mean observation score']);
    const all = truth.district.trainingOutcomes.find((r: any) => r.tier === null).outcomes;
    const score =
      all.followedUp === 0
        ? 'no data'
        : all.meanFollowUpScore === null
          ? 'suppressed'
          : new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(all.meanFollowUpScore);
    expect((await outcomes.locator('tr[data-row="ALL"] td[data-measure="followUpScore"]').textContent())?.trim()).toBe(score);
    await outcomes.getByRole('tab', { name: 'Chart' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('textarea#token').waitFor();
    await page.locator('.lang-switch button[lang="id"]').click();
  });

  it('sends a refused token back to the sign-in page with the hub’s reason', async () => {
    const forged = await tokenFor({ ...CALLERS['government analyst'], secret: 'not-the-hub-secret-0123456789abcdef' });
    await page.locator('textarea#token').fill(forged);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.locator('.notice').waitFor();
    expect(await page.locator('.notice').textContent()).toMatch(/signature is invalid/);
  });
});
