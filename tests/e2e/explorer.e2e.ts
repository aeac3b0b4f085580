import path from 'node:path';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import type { Page } from 'playwright-core';
import { gql } from '../harness/client';
import { ARTIFACTS_DIR, launchBrowser, type Browser } from '../harness/browser';
import { startExtraGateway, type ExtraGateway } from '../harness/extra-gateway';

/**
 * Issue 15, first contact: the explorer at /graphql, as `npm start` serves it
 * (development), loads the schema with its standard introspection query and
 * its Docs panel lists the root fields of Query, each with its description.
 * The expected fields come from the same gateway's introspection, asked
 * outside the browser.
 */

let development: ExtraGateway;
let browser: Browser;
let page: Page;
let queryFields: Array<{ name: string; description: string }>;

beforeAll(async () => {
  development = await startExtraGateway({ NODE_ENV: 'development' });
  const { body } = await gql(getIntrospectionQuery({ descriptions: true }), undefined, { url: development.url });
  expect(body.errors).toBeUndefined();
  const fields = buildClientSchema(body.data as IntrospectionQuery)
    .getQueryType()!
    .getFields();
  queryFields = Object.values(fields).map((field) => ({ name: field.name, description: field.description ?? '' }));
  browser = await launchBrowser();
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await development?.stop();
});

it('opens at /graphql and its Docs panel lists the root fields of Query', async () => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('requestfailed', (request) => problems.push(`${request.url()} ${request.failure()?.errorText}`));

  await page.goto(development.url);
  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  const docs = page.locator('.graphiql-doc-explorer');
  // The schema loaded: the panel names the root types instead of "Error fetching schema".
  await docs.getByRole('link', { name: 'Query', exact: true }).click();
  expect(await docs.locator('.graphiql-doc-explorer-title').textContent()).toBe('Query');

  const listed = await docs.locator('.graphiql-doc-explorer-field-name').allTextContents();
  expect([...listed].sort()).toEqual(queryFields.map((field) => field.name).sort());
  expect(queryFields.length).toBeGreaterThan(10);
  // Every root field is described, and the panel shows it (issue 15: 13 of 14 had none).
  for (const field of queryFields)
    expect({ field: field.name, description: field.description }).toEqual({ field: field.name, description: expect.stringMatching(/\S/) });
  const shown = await docs.locator('.graphiql-doc-explorer-item .graphiql-markdown-description').allTextContents();
  expect(shown.join('\n')).toContain(queryFields.find((field) => field.name === 'teachers')!.description);

  await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'explorer-docs-query.png') });
  expect(problems).toEqual([]);
}, 60_000);

it('shows where the date scalars are specified (@specifiedBy)', async () => {
  const { body } = await gql(
    '{ date: __type(name: "Date") { specifiedByURL } dateTime: __type(name: "DateTime") { specifiedByURL } }',
    undefined,
    {
      url: development.url,
    },
  );
  expect(body).toEqual({
    data: {
      date: { specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6' },
      dateTime: { specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6' },
    },
  });
});
