import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { syntheticArgs, type SyntheticOptions } from '@mitra/fixtures';
import { ARTIFACTS_DIR, launchBrowser, type Browser } from '../harness/browser';
import { expectNoErrors, gql } from '../harness/client';
import { runCli } from '../harness/cli';
import { hubUrls } from '../harness/env';
import { CALLERS, tokenFor } from '../harness/tokens';

/**
 * The dashboard's districts card (issue 15): sorted and searched, a province
 * and a national row, the URL's #district= followed in the tab, readable at
 * 400 px, and usable with 100 districts (a generated world, the demo data
 * restored afterwards). Every figure is compared with the API's answer.
 */
const HUNDRED: SyntheticOptions = { seed: 15, teachers: 2_500, districts: 100 };
const CHART_LIMIT = 15;
const SHARE = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 });
const COUNT = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

let browser: Browser;
let page: Page;
let token: string;
let generated = false;

interface Breakdown {
  teacherCount: number | null;
  meetingStandard: number | null;
  shareMeetingStandard: number | null;
  suppressed: boolean;
}
interface District {
  code: string;
  name: string;
  provinceCode: string;
  qualifications: Breakdown;
}
const FIGURES = 'teacherCount meetingStandard shareMeetingStandard suppressed';

/** What the API says: every district, the nation, and the province asked for. */
async function truthFor(provinceCode: string): Promise<{ districts: District[]; national: Breakdown; province: Breakdown }> {
  const { body } = await gql(
    `query($p: ID!) {
      districts { code name provinceCode qualifications { ${FIGURES} } }
      national: qualificationStatistics(groupBy: DISTRICT) { total { ${FIGURES} } }
      province: qualificationStatistics(groupBy: DISTRICT, filter: { provinceCode: $p }) { total { ${FIGURES} } }
    }`,
    { p: provinceCode },
    { token },
  );
  expectNoErrors(body);
  return { districts: body.data.districts, national: body.data.national.total, province: body.data.province.total };
}

type Key = 'teacherCount' | 'meetingStandard' | 'shareMeetingStandard';
/** The order the page should show: by the figure, a withheld one last either way, ties by name. */
function ordered(districts: District[], key: Key | 'name', dir: 'asc' | 'desc'): string[] {
  const sign = dir === 'asc' ? 1 : -1;
  const byName = (a: District, b: District) => a.name.localeCompare(b.name, 'id') || a.code.localeCompare(b.code);
  return [...districts]
    .sort((a, b) => {
      if (key === 'name') return sign * byName(a, b);
      const [x, y] = [a.qualifications[key], b.qualifications[key]];
      if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
      return sign * (x - y) || byName(a, b);
    })
    .map((d) => d.code);
}

/** A figure as the table writes it. */
const shown = (value: number | null, suppressed: boolean, format: Intl.NumberFormat) =>
  value !== null ? format.format(value) : suppressed ? 'disembunyikan' : 'tidak ada data';

const overview = () => page.locator('[data-testid="card-overview"]');
const tableRows = () =>
  overview()
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')));
/** The names down the chart's side (a long one wraps over two lines), without the value axis's "0%" to "100%". */
const chartNames = async () =>
  (
    await overview()
      .locator('.recharts-cartesian-axis-tick-value')
      .evaluateAll((nodes) => nodes.map((n) => [...n.querySelectorAll('tspan')].map((t) => t.textContent?.trim()).join(' ')))
  ).filter((name) => !/^-?\d+%$/.test(name));

async function showTable(): Promise<void> {
  await overview().getByRole('tab', { name: 'Tabel' }).click();
  await overview().locator('table').waitFor();
}
async function showChart(): Promise<void> {
  await overview().getByRole('tab', { name: 'Grafik' }).click();
  await overview().locator('.recharts-bar-rectangle').first().waitFor();
}

/** Nothing wider than the window: no sideways scrolling, the picker and every card inside it. */
async function expectFits(width: number): Promise<void> {
  // The charts take their new width a frame after the window's (a resize observer).
  await page.waitForFunction(`document.documentElement.scrollWidth <= ${width}`, undefined, { timeout: 5_000 }).catch(() => undefined);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
  const boxes = await page.locator('#district, [data-testid^="card-"], .kpi, .toolbar, .topbar').evaluateAll((nodes) =>
    nodes.map((n) => {
      const box = n.getBoundingClientRect();
      return { what: n.id || n.getAttribute('data-testid') || n.className, left: Math.floor(box.left), right: Math.ceil(box.right) };
    }),
  );
  expect(boxes.length).toBeGreaterThan(8);
  for (const box of boxes) expect({ ...box, inside: box.left >= 0 && box.right <= width }).toEqual({ ...box, inside: true });
}

beforeAll(async () => {
  token = await tokenFor(CALLERS['government analyst']);
  browser = await launchBrowser();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${hubUrls().gateway.replace(/\/graphql$/, '')}/dashboard/#district=64.71`);
  await page.locator('textarea#token').fill(token);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.locator('[data-testid="district-name"]').waitFor();
  await overview().locator('.recharts-bar-rectangle').first().waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (generated) await runCli('seed.js', ['--reset']);
}, 180_000);

describe('the districts card on the demo data', () => {
  it("lists the picked district's province and the nation below the districts, with the API's totals", async () => {
    const truth = await truthFor('64');
    expect(await chartNames()).toEqual(expect.arrayContaining(['Provinsi Kalimantan Timur', 'Nasional']));
    await showTable();
    expect(
      await overview()
        .locator('tfoot tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row'))),
    ).toEqual(['province:64', 'national']);
    for (const [row, total] of [
      ['province:64', truth.province],
      ['national', truth.national],
    ] as const) {
      expect(await overview().locator(`tfoot tr[data-row="${row}"] td`).allTextContents()).toEqual([
        shown(total.teacherCount, total.suppressed, COUNT),
        shown(total.meetingStandard, total.suppressed, COUNT),
        shown(total.shareMeetingStandard, total.suppressed, SHARE),
      ]);
    }
    // The demo world is big enough to show its totals.
    expect(truth.province.teacherCount).not.toBeNull();
  });

  it('sorts by a column head, both ways, a withheld figure last either way', async () => {
    const { districts } = await truthFor('64');
    expect(await tableRows()).toEqual(ordered(districts, 'shareMeetingStandard', 'desc'));
    const teachers = overview().locator('thead th[data-column="teachers"]');
    await teachers.getByRole('button').click();
    expect(await teachers.getAttribute('aria-sort')).toBe('descending');
    expect(await tableRows()).toEqual(ordered(districts, 'teacherCount', 'desc'));
    await teachers.getByRole('button').click();
    expect(await teachers.getAttribute('aria-sort')).toBe('ascending');
    expect(await tableRows()).toEqual(ordered(districts, 'teacherCount', 'asc'));
    // The same order in the chart, through the sort field.
    await overview().locator('[data-testid="district-sort"]').selectOption('name');
    expect(await tableRows()).toEqual(ordered(districts, 'name', 'asc'));
    await showChart();
    const names = new Map(districts.map((d) => [d.code, d.name]));
    expect((await chartNames()).slice(0, districts.length)).toEqual(ordered(districts, 'name', 'asc').map((c) => names.get(c)));
  });

  it('searches by name or code; the totals stay', async () => {
    const search = overview().locator('[data-testid="district-search"]');
    await showTable();
    await search.fill('samarinda');
    expect(await tableRows()).toEqual(['64.72']);
    await search.fill('64.0');
    expect((await tableRows()).sort()).toEqual(['64.02', '64.09']);
    expect(await overview().locator('tfoot tr').count()).toBe(2);
    await search.fill('zzz');
    expect(await tableRows()).toEqual([]);
    await overview().getByRole('tab', { name: 'Grafik' }).click();
    expect(await overview().locator('[data-testid="chart-note"]').textContent()).toContain('“zzz”');
    await search.fill('');
  });

  it('follows #district= when it changes in the same tab, and back again', async () => {
    await page.evaluate("window.location.hash = '#district=36.04'");
    await page.locator('[data-testid="district-name"]', { hasText: 'Kabupaten Serang' }).waitFor();
    expect(await page.locator('select#district').inputValue()).toBe('36.04');
    await overview().locator('.recharts-cartesian-axis-tick-value', { hasText: 'Provinsi Banten' }).waitFor();
    await page.goBack();
    await page.locator('[data-testid="district-name"]', { hasText: 'Kota Balikpapan' }).waitFor();
    expect(await page.locator('select#district').inputValue()).toBe('64.71');
  });

  it('fits 400 px: no sideways scrolling; the district picker and every column of the districts table on screen', async () => {
    await page.setViewportSize({ width: 400, height: 860 });
    await expectFits(400);
    await showTable();
    // Every column reachable: on screen, or brought there by scrolling the table (not the page) sideways.
    const heads = overview().locator('thead th');
    expect(await heads.count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      await heads.nth(i).scrollIntoViewIfNeeded();
      const box = (await heads.nth(i).boundingBox())!;
      expect({ column: i, inside: box.x >= 0 && box.x + box.width <= 400 }).toEqual({ column: i, inside: true });
    }
    const share = overview().locator('tr[data-row="64.71"] td[data-measure="share"]');
    await share.scrollIntoViewIfNeeded();
    const shareBox = (await share.boundingBox())!;
    expect(shareBox.x + shareBox.width).toBeLessThanOrEqual(400);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(400);
    await showChart();
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'dashboard-400px.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});

describe('the districts card with 100 districts (a generated world)', () => {
  beforeAll(async () => {
    generated = true;
    await runCli('generate.js', ['--reset', ...syntheticArgs(HUNDRED)]);
    await page.reload();
    await page.locator('[data-testid="district-name"]').waitFor();
    await overview().locator('.recharts-bar-rectangle').first().waitFor();
  }, 240_000);

  it(`draws the first ${CHART_LIMIT} districts of the order and the totals, in a chart a screen tall`, async () => {
    const code = await page.locator('select#district').inputValue();
    const { districts } = await truthFor(code.split('.')[0]);
    expect(districts).toHaveLength(100);
    const names = new Map(districts.map((d) => [d.code, d.name]));
    const first = ordered(districts, 'shareMeetingStandard', 'desc').slice(0, CHART_LIMIT);
    expect(await chartNames()).toEqual([...first.map((c) => names.get(c)), expect.stringMatching(/^Provinsi /), 'Nasional']);
    const box = await overview().locator('.chart').boundingBox();
    expect(box!.height).toBeLessThan(900);
    expect(await overview().locator('[data-testid="chart-note"]').textContent()).toContain(`${CHART_LIMIT} dari 100`);
    await showTable();
    expect(await tableRows()).toEqual(ordered(districts, 'shareMeetingStandard', 'desc'));
    await showChart();
  });

  it('finds a district by its code and picks it with a click on its bar', async () => {
    const { districts } = await truthFor('73');
    // A district of Sulawesi Selatan, its share shown or withheld (a withheld figure is drawn as a hatched marker):
    // the protected table set may withhold every district's share in this small world.
    const target = districts.find((d) => d.provinceCode === '73')!;
    await overview().locator('[data-testid="district-search"]').fill(target.code);
    expect(await chartNames()).toEqual([target.name, expect.stringMatching(/^Provinsi /), 'Nasional']);
    // Its bar, or the hatched marker drawn where its figure is withheld (the totals' bars are not pickable).
    const shown = target.qualifications.shareMeetingStandard !== null;
    await overview()
      .locator(shown ? '.recharts-bar-rectangle path:not([fill^="url("])' : '.recharts-bar-rectangle path[fill^="url("]')
      .first()
      .click();
    await page.locator('[data-testid="district-name"]', { hasText: target.name }).waitFor();
    expect(await page.evaluate<string>('window.location.hash')).toBe(`#district=${target.code}`);
    await overview().locator('.recharts-cartesian-axis-tick-value', { hasText: 'Provinsi Sulawesi Selatan' }).waitFor();
    await overview().locator('[data-testid="district-search"]').fill('');
  });

  it('fits 400 px with 100 districts', async () => {
    await page.setViewportSize({ width: 400, height: 860 });
    await overview().locator('.recharts-bar-rectangle').first().waitFor();
    await expectFits(400);
    expect(await page.locator('select#district option').count()).toBe(100);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'dashboard-100-districts-400px.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
