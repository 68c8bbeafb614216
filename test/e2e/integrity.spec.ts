import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { Locator } from '@playwright/test';
import { shareFragment } from '../../src/lib/spec/share-link.ts';
import type { SpecFile } from '../../src/lib/spec/spec-file.ts';
import { SQL_PAYLOADS } from '../fixtures/sql-payloads.ts';
import { expect, test, WorkbenchPage } from './fixtures.ts';

/**
 * Everything in the database a statement could change, read through the SQL console: each table's
 * rows hashed in a stable order, the views' definitions, variables, attached databases and files.
 * Temporary tables are the app's own working copies for segment work and are left out.
 */
async function digest(app: WorkbenchPage): Promise<string[]> {
  const tables = await app.sqlColumn(
    `SELECT database_name || '.' || schema_name || '.' || table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1`,
  );
  expect(tables).toContain('memory.main.orders');
  const lines: string[] = [];
  for (const table of tables) {
    const quoted = table
      .split('.')
      .map((part) => `"${part}"`)
      .join('.');
    const [hash] = await app.sqlColumn(
      `SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(CAST(r AS VARCHAR), chr(10) ORDER BY CAST(r AS VARCHAR))), '') FROM ${quoted} AS r`,
    );
    lines.push(`${table}: ${hash}`);
  }
  const [views] = await app.sqlColumn(
    `SELECT coalesce(string_agg(view_name || ' ' || md5(sql), ', ' ORDER BY view_name), '-') FROM duckdb_views() WHERE NOT internal AND NOT temporary`,
  );
  const [rest] = await app.sqlColumn(
    `SELECT (SELECT coalesce(string_agg(name, ','), '-') FROM duckdb_variables()) || ' | ' || (SELECT string_agg(database_name, ',' ORDER BY database_name) FROM duckdb_databases()) || ' | ' || (SELECT coalesce(string_agg(file, ',' ORDER BY file), '-') FROM glob('uploads/**'))`,
  );
  return [...lines, `views: ${views}`, `variables | databases | files: ${rest}`];
}

test('SQL segments in a link that smuggle writes are refused one by one, and every table stays byte-identical', async ({
  app,
  page,
  context,
}) => {
  test.setTimeout(400_000);
  // What the sample's tables are when nothing but the app has touched them.
  await app.open('?sample=retail-v1');
  await app.section('RFM');
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });
  const before = await digest(app);

  const spec: SpecFile = {
    version: 2,
    segments: {
      segments: SQL_PAYLOADS.map((p, i) => ({ id: `p${i}`, name: `Payload ${i + 1}`, definition: { kind: 'sql', sql: p.sql } })),
    },
  };
  const opened = new WorkbenchPage(await context.newPage());
  await opened.page.goto(`./?sample=retail-v1#${await shareFragment(spec)}`);
  await opened.loaded();
  await opened.section('Segments');
  // The payloads wait for confirmation (link-confirmation.spec.ts); confirmed, each still meets the gate.
  await opened.page.getByRole('button', { name: 'Run SQL segments from this link' }).click();
  const kpis = opened.page.getByRole('table', { name: 'Segment KPIs' });
  await expect(kpis.getByRole('row', { name: /^Payload 1\b/ })).toBeVisible({ timeout: 180_000 });
  const outcomes: string[] = [];
  for (const [i, p] of SQL_PAYLOADS.entries()) {
    const name = `Payload ${i + 1}`;
    const segment = opened.page.getByRole('region', { name, exact: true });
    const members: Locator = segment.getByRole('status', { name: `Members of ${name}` });
    await expect(members).not.toHaveAttribute('aria-busy', 'true');
    const problem = segment.getByRole('status', { name: `Problem with ${name}` });
    const shown = (await problem.count()) ? await problem.innerText() : `ok: ${await members.innerText()}`;
    outcomes.push(`${p.family}: ${shown.split('\n')[0]}`);
    if (p.sql.includes(';') && !p.unparsable) {
      await expect(problem, p.family).toContainText(/Refused: (More than one statement|One statement only)/);
      await expect(kpis.getByRole('row', { name: new RegExp(`^${name}\\b`) }), p.family).toContainText('Error');
    }
  }
  console.log(`link with ${SQL_PAYLOADS.length} SQL payloads:\n  ${outcomes.join('\n  ')}`);
  expect(await digest(opened)).toEqual(before);
});

test('columns named __proto__, constructor and toString survive import, every view and every export', async ({ app, page }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-proto-'));
  const ids = Array.from({ length: 12 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
  const orders = ['customer_id,order_id,order_date,amount,__proto__'];
  ids.forEach((id, i) => {
    for (let k = 0; k <= i % 3; k++) orders.push(`${id},o${i}-${k},2024-0${1 + k}-1${i % 9},${10 + i + k}.50,${k ? 'shop' : 'web'}`);
  });
  const customers = ['customer_id,__proto__,constructor,toString', ...ids.map((id, i) => `${id},p${i % 2},k${i},t${i}`)];
  writeFileSync(path.join(dir, 'proto-orders.csv'), orders.join('\n'));
  writeFileSync(path.join(dir, 'proto-customers.csv'), customers.join('\n'));

  await app.open();
  await app.chooseFiles(path.join(dir, 'proto-orders.csv'), path.join(dir, 'proto-customers.csv'));
  await expect(page.getByRole('table', { name: /Preview of proto-customers/ })).toContainText('__proto__');
  await app.load();
  await app.section('RFM');
  await expect(page.getByRole('table', { name: 'RFM segments' })).toBeVisible({ timeout: 120_000 });

  const read = async (button: Locator) => {
    const download = page.waitForEvent('download');
    await button.click();
    const text = readFileSync(await (await download).path(), 'utf8');
    expect(text).not.toContain('[object Object]');
    return Papa.parse<string[]>(text.trim()).data;
  };
  const [header, ...rows] = await read(page.getByRole('button', { name: 'Export customers' }));
  expect(header).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'toString']));
  expect(rows).toHaveLength(12);
  const c03 = rows.find((r) => r[0] === 'c03')!;
  expect(['__proto__', 'constructor', 'toString'].map((h) => c03[header.indexOf(h)])).toEqual(['p0', 'k2', 't2']);

  // A rule on the column, its members, its profile and both segment exports.
  await app.section('Segments');
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  await panel.getByRole('button', { name: 'Add SQL segment' }).click();
  const segment = page.getByRole('region', { name: 'SQL segment 1', exact: true });
  await segment.getByRole('textbox', { name: 'SQL condition or query' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(`"__proto__" = 'p1' AND "constructor" <> 'k1'`);
  await expect(segment.getByTestId('member-count')).toHaveText('5');
  await segment.getByRole('button', { name: 'Show members' }).click();
  const members = page.getByRole('region', { name: 'Members' });
  const list = members.getByRole('table', { name: 'Member list' });
  await expect(list.getByRole('columnheader', { name: '__proto__' })).toBeVisible();
  await expect(list.locator('tbody')).toContainText('t3');
  await expect(list.locator('tbody')).not.toContainText('[object Object]');
  await page.getByRole('region', { name: 'Segment profile' }).getByLabel('Profile of segment').selectOption({ label: 'SQL segment 1' });
  await expect(page.getByRole('list', { name: 'Profile highlights' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Segment profile' })).toContainText('__proto__');

  await segment.getByRole('button', { name: 'Export members' }).click();
  const [memberHeader, ...memberRows] = await read(segment.getByRole('button', { name: /^Download/ }));
  expect(memberRows.map((r) => r[memberHeader.indexOf('toString')]).sort()).toEqual(['t11', 't3', 't5', 't7', 't9']);
  const [allHeader, ...all] = await read(panel.getByRole('button', { name: 'Export all customers with segment columns' }));
  expect(allHeader.at(-1)).toBe('SQL segment 1');
  expect(all.filter((r) => r.at(-1) === 'true').map((r) => r[allHeader.indexOf('__proto__')])).toEqual(Array(5).fill('p1'));
});
