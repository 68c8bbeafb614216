import path from 'node:path';
import { expect, hasShared, SHARED, test } from './fixtures.ts';

test.skip(!hasShared, `../shared/data is absent (${SHARED}); these tests need the public datasets`);

test('Online Retail: every one of 541,909 records accounted for, 4,339 customers under Standard', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(path.join(SHARED, 'data/online-retail/online-retail.csv.gz'));
  const mapping = page.getByRole('region', { name: 'Mapping of online-retail.csv.gz' });
  await expect(mapping.getByLabel('Role of CustomerID')).toHaveValue('customer_id');
  await expect(mapping.getByLabel('Role of InvoiceNo')).toHaveValue('order_id');
  await expect(mapping.getByLabel('Role of InvoiceDate')).toHaveValue('order_date');
  await expect(mapping.getByLabel('Role of Quantity')).toHaveValue('quantity');
  await expect(mapping.getByLabel('Role of UnitPrice')).toHaveValue('unit_price');
  await app.load();
  const file = 'online-retail.csv.gz';
  expect(await app.count('input', file)).toBe(541_909);
  expect(await app.accountedFor(file)).toBe(541_909);
  expect(await app.count('excluded-no_customer_id', file)).toBe(135_080);
  expect(await app.count('customers')).toBe(4_339);
  await expect(app.report.getByTestId('total-amount')).toHaveText('8,911,407.904');
});

test('CDNOW master: whitespace-aligned with a leading space, CRLF, zero-padded ids kept', async ({ app, page }) => {
  await app.open();
  await app.chooseFiles(path.join(SHARED, 'data/cdnow/CDNOW_master.txt'));
  const mapping = page.getByRole('region', { name: 'Mapping of CDNOW_master.txt' });
  await expect(mapping.getByLabel('Delimiter')).toHaveValue('whitespace');
  await expect(mapping.getByLabel('First row is a header')).toBeChecked();
  await expect(mapping.getByLabel('Date format')).toHaveValue('ymd-compact');
  await app.load();
  expect(await app.count('input', 'CDNOW_master.txt')).toBe(69_659);
  expect(await app.accountedFor('CDNOW_master.txt')).toBe(69_659);
  expect(await app.count('customers')).toBe(23_570);
  expect(await app.sqlColumn('SELECT customer_id FROM orders ORDER BY customer_id LIMIT 2')).toEqual(['00001', '00002']);
});

test('rfm_data_orders: ids are names, no order id (each record one order)', async ({ app }) => {
  await app.open();
  await app.chooseFiles(path.join(SHARED, 'data/rfm-orders/rfm_data_orders.csv'));
  await app.load();
  expect(await app.count('input', 'rfm_data_orders.csv')).toBe(4_906);
  expect(await app.accountedFor('rfm_data_orders.csv')).toBe(4_906);
  expect(await app.count('customers')).toBe(995);
  expect(await app.count('orders')).toBe(4_906);
});
