import { writeFileSync } from 'node:fs';
import { shareFragment } from '../../src/lib/spec/share-link.ts';
import type { SpecFile } from '../../src/lib/spec/spec-file.ts';
import { expect, test, WorkbenchPage } from './fixtures.ts';

/**
 * A segment naming a column the loaded data lacks says it needs that column, never "0 customers";
 * before any data it says it waits for data and which columns it will need.
 */
const LINK: SpecFile = {
  version: 2,
  segments: {
    segments: [
      {
        id: 'gold',
        name: 'Gold tier',
        definition: { kind: 'rules', root: { type: 'group', combine: 'and', rules: [condition('loyalty_tier', 'eq', 'gold')] } },
      },
      {
        id: 'big',
        name: 'Big spenders',
        definition: { kind: 'rules', root: { type: 'group', combine: 'and', rules: [condition('monetary', 'gte', '500')] } },
      },
    ],
  },
};

function condition(column: string, op: 'eq' | 'gte', value: string) {
  return { type: 'condition' as const, column, op, value, value2: '', values: [] };
}

async function sqlCount(app: WorkbenchPage, query: string): Promise<string> {
  const [value] = await app.sqlColumn(query);
  return Number(value).toLocaleString('en-US');
}

test('a link naming a column the data lacks: the segment needs it, is left out of the KPIs, and counts once data has it', async ({
  app,
  page,
}, testInfo) => {
  const fragment = await shareFragment(LINK);

  // On the sample, which has no loyalty tier.
  await app.open(`?sample=retail-v1#${fragment}`);
  await app.loaded();
  await app.section('Segments');
  const gold = page.getByRole('region', { name: 'Gold tier', exact: true });
  await expect(gold.getByRole('status', { name: 'Problem with Gold tier' })).toHaveText(
    'Needs column loyalty_tier — map one in Data. Go to Data',
  );
  await expect(gold.getByRole('status', { name: 'Members of Gold tier' })).toHaveText('not counted: a column is missing');
  await expect(gold.getByTestId('member-count')).toHaveCount(0);
  await expect(gold).not.toContainText('0 customers');
  await expect(gold.getByRole('button', { name: 'Show members' })).toBeDisabled();
  // The other segment of the link counts as usual.
  const big = page.getByRole('region', { name: 'Big spenders', exact: true });
  await expect(big.getByTestId('member-count')).toHaveText(await sqlCount(app, 'SELECT count(*) FROM customers WHERE monetary >= 500'));
  await app.section('Segments');
  const kpis = page.getByRole('table', { name: 'Segment KPIs' });
  await expect(kpis.getByRole('row', { name: /^Gold tier/ })).toContainText('Left out: Needs column loyalty_tier — map one in Data.');

  // A SQL segment on the same column says the same, from DuckDB's own error in the browser.
  const panel = page.getByRole('region', { name: 'Segments', exact: true });
  await panel.getByRole('button', { name: 'Add SQL segment' }).click();
  const sql = page.getByRole('region', { name: 'SQL segment 3', exact: true });
  await sql.getByRole('textbox', { name: 'SQL condition or query' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(`loyalty_tier = 'gold'`);
  await expect(sql.getByRole('status', { name: 'Problem with SQL segment 3' })).toContainText(
    'Needs column loyalty_tier — map one in Data, or correct the SQL.',
  );
  await expect(sql.getByRole('status', { name: 'Members of SQL segment 3' })).toHaveText('not counted: a column is missing');

  // The way to the mapping.
  await gold.getByRole('link', { name: 'Go to Data' }).click();
  expect(await app.currentSection()).toBe('Data');

  // The same link on the bare page: no data, so each segment waits for it, saying what it needs.
  const colleague = new WorkbenchPage(await page.context().newPage());
  await colleague.open(`#${fragment}`);
  await colleague.section('Segments');
  const waiting = colleague.page.getByRole('region', { name: 'Segments waiting for data' });
  await expect(waiting.getByRole('listitem')).toHaveText([
    'Gold tier — waiting for data; needs column loyalty_tier',
    // monetary is the analysis's own: nothing to map.
    'Big spenders — waiting for data',
  ]);

  // Data with the column: the count appears.
  const orders = testInfo.outputPath('loyalty-orders.csv');
  const customers = testInfo.outputPath('loyalty-customers.csv');
  writeFileSync(
    orders,
    [
      'customer_id,order_id,order_date,amount',
      'c1,1,2024-03-01,120.00',
      'c1,2,2024-05-02,600.00',
      'c2,3,2024-04-11,80.00',
      'c3,4,2024-02-20,45.50',
      'c4,5,2024-06-01,900.00',
      'c5,6,2024-06-15,15.00',
    ].join('\n') + '\n',
  );
  writeFileSync(customers, ['customer_id,loyalty_tier', 'c1,gold', 'c2,silver', 'c3,gold', 'c4,bronze', 'c5,gold'].join('\n') + '\n');
  await colleague.chooseFiles(orders, customers);
  await colleague.load();
  await colleague.section('Segments');
  const golden = colleague.page.getByRole('region', { name: 'Gold tier', exact: true });
  await expect(golden.getByTestId('member-count')).toHaveText(
    await sqlCount(colleague, `SELECT count(*) FROM customers WHERE loyalty_tier = 'gold'`),
  );
  await expect(golden.getByRole('status', { name: 'Problem with Gold tier' })).toHaveCount(0);
  await expect(colleague.page.getByRole('region', { name: 'Segments waiting for data' })).toHaveCount(0);
});
