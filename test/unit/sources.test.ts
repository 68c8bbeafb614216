import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { describeSettings } from '../../src/lib/sources/describe.ts';
import { PRESETS, findPreset } from '../../src/lib/sources/presets.ts';
import { presetMapping, recognise, sourceSettings } from '../../src/lib/sources/recognise.ts';
import { parseSpecFile } from '../../src/lib/spec/read-spec.ts';
import { cleaningColumnProblems } from '../../src/lib/spec/cleaning-columns.ts';
import { defaultImportSpec, defaultParseOptions, type FileImport, type ImportSpec } from '../../src/lib/spec/import.ts';
import { CUSTOMERS_FIXTURES, ORDERS_FIXTURES, fixtureText } from '../fixtures/sources/catalogue.ts';
import { parseCsvText } from '../fixtures/sources/references.ts';

const headerOf = (text: string) => parseCsvText(text.split(/\r?\n/)[0] + '\n')[0];
const fileOf = (name: string, headers: string[], kind: FileImport['kind'] = 'transactions'): FileImport => ({
  name,
  kind,
  parse: defaultParseOptions(),
  columns: headers.map((h) => ({ name: h, role: 'attribute' })),
});

describe('recognition from the header', () => {
  test.each([...ORDERS_FIXTURES, ...CUSTOMERS_FIXTURES])('$file → $source', ({ file, source }) => {
    expect(recognise(headerOf(fixtureText(file)))?.id).toBe(source);
  });

  test('other spellings of the same exports', () => {
    // The Analytics table's own download (client side) names net sales and the attribution column.
    expect(
      recognise([
        'Date',
        'Order #',
        'Status',
        'Customer',
        'Customer type',
        'Product(s)',
        'Items sold',
        'Coupon(s)',
        'Net sales',
        'Attribution',
      ])?.id,
    ).toBe('woocommerce-analytics-orders');
    // Shopify's customers export before 2023: no Customer ID, no Default Address prefix.
    const oldShopify =
      'First Name,Last Name,Email,Accepts Email Marketing,Company,Address1,Address2,City,Province,Province Code,Country,Country Code,Zip,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Tags,Note,Tax Exempt';
    expect(recognise(oldShopify.split(','))?.id).toBe('shopify-customers');
    // Headers other tests keep, from other exports of the same tools, and a re-saved one in other case.
    for (const [file, id] of [
      ['shopify-orders.csv', 'shopify-orders'],
      ['stripe-payments.csv', 'stripe-payments-legacy'],
      ['hubspot-deals.csv', 'hubspot-deals'],
    ]) {
      const header = headerOf(readFileSync(new URL(`../fixtures/headers/${file}`, import.meta.url), 'utf8'));
      expect(recognise(header)?.id).toBe(id);
      expect(recognise(header.map((h) => ` ${h.toUpperCase()} `))?.id).toBe(id);
    }
  });

  test('a header of no known export, or one a column short, is not recognised; a kind narrows the choice', () => {
    expect(recognise('InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'.split(','))).toBeNull();
    const shopify = headerOf(fixtureText('shopify-orders.csv'));
    expect(recognise(shopify.filter((h) => h !== 'Financial Status'))).toBeNull();
    expect(recognise(shopify, 'customers')).toBeNull();
  });

  test('every preset names its documentation and columns its signature or roles can find', () => {
    for (const preset of PRESETS) {
      expect(preset.docs).toMatch(/^https:\/\//);
      expect(preset.signature.length).toBeGreaterThanOrEqual(4);
      expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    }
  });
});

describe('a preset is data over the general mechanisms', () => {
  test('its roles, every other column an attribute (WebToffee: customer_id is the WordPress user, 0 for guests)', () => {
    const header = headerOf(fixtureText('woocommerce-webtoffee-orders.csv'));
    const guessed = {
      ...fileOf('wt.csv', header),
      columns: header.map((h) => ({ name: h, role: h === 'customer_id' ? ('customer_id' as const) : ('attribute' as const) })),
    };
    const mapping = presetMapping(guessed, findPreset('woocommerce-webtoffee-orders')!);
    const roles = Object.fromEntries(mapping.columns.filter((c) => c.role !== 'attribute').map((c) => [c.name, c.role]));
    expect(roles).toEqual({
      order_id: 'order_id',
      order_date: 'order_date',
      status: 'status',
      order_total: 'amount',
      order_currency: 'currency',
      customer_email: 'customer_id',
    });
    expect(mapping.source).toBe('woocommerce-webtoffee-orders');
  });

  test('settings spelled as the file spells its columns; a customers export adds its id clean-up only', () => {
    const orders = {
      ...fileOf(
        'o.csv',
        headerOf(fixtureText('shopify-orders.csv')).map((h) => h.toLowerCase()),
      ),
      source: 'shopify-orders',
    };
    const people = { ...fileOf('p.csv', headerOf(fixtureText('klaviyo-profiles.csv')), 'customers'), source: 'klaviyo-profiles' };
    const settings = sourceSettings([orders, people]);
    expect(settings.amountLevel).toBe('order');
    expect(settings.cleaning).toMatchObject({
      fillDown: true,
      refundColumn: 'refunded amount',
      keepOnly: [{ column: 'financial status', values: ['paid', 'partially_paid', 'partially_refunded', 'refunded'] }],
      cancelled: { enabled: true, orderIdPrefix: '', statusValues: [], filledColumn: 'cancelled at' },
      returns: true,
      netReturns: false,
    });
    expect(settings.ids).toEqual({ trim: true, lowerCase: true, extractEmail: false, fallbackColumn: null });
    expect(sourceSettings([{ ...orders, source: null }])).toEqual({ ...sourceSettings([]) });
    // January's and February's exports of the same shop bring their rules once.
    expect(sourceSettings([orders, { ...orders, name: 'o2.csv' }]).cleaning.keepOnly).toHaveLength(1);
  });
});

describe('the one line that says what was recognised', () => {
  const header = headerOf(fixtureText('shopify-orders.csv'));
  const preset = findPreset('shopify-orders')!;
  const file = presetMapping(fileOf('orders.csv', header), preset);
  const spec: ImportSpec = { ...defaultImportSpec([file]), ...sourceSettings([file]) };

  test('Shopify orders, as the issue words it', () => {
    expect(describeSettings(file, spec, preset)).toBe(
      'customer = Email (lower-cased), amount = Total − Refunded Amount per order, order fields copied to every line of their order; ' +
        'kept: paid, partially_paid, partially_refunded, refunded (Financial Status); excluded: pending, authorized, voided, expired (Financial Status), records with Cancelled at',
    );
  });

  test('it reads the current settings, so a change shows in it', () => {
    const changed: ImportSpec = {
      ...spec,
      ids: { ...spec.ids, lowerCase: false },
      cleaning: { ...spec.cleaning, refundColumn: null, keepOnly: [{ column: 'Financial Status', values: ['paid', 'pending'] }] },
    };
    expect(describeSettings(file, changed, preset)).toBe(
      'customer = Email, amount = Total per order, order fields copied to every line of their order; ' +
        'kept: paid, pending (Financial Status); excluded: authorized, voided, expired (Financial Status), records with Cancelled at',
    );
  });

  test('HubSpot deals and a customers file', () => {
    const deals = presetMapping(fileOf('deals.csv', headerOf(fixtureText('hubspot-deals.csv'))), findPreset('hubspot-deals')!);
    const dealsSpec: ImportSpec = { ...defaultImportSpec([deals]), ...sourceSettings([deals]) };
    expect(describeSettings(deals, dealsSpec, findPreset('hubspot-deals')!)).toMatch(
      /^customer = the e-mail in Associated Contact, else Associated Company \(lower-cased\), amount = Amount per line; kept: closed won \(Deal Stage\); excluded: appointment scheduled, .*closed lost \(Deal Stage\)$/,
    );
    const people = presetMapping(
      fileOf('c.csv', headerOf(fixtureText('shopify-customers.csv')), 'customers'),
      findPreset('shopify-customers')!,
    );
    expect(
      describeSettings(people, { ...defaultImportSpec([people]), ...sourceSettings([people]) }, findPreset('shopify-customers')!),
    ).toBe('customer = Email (lower-cased), a customers file: its 19 other columns are attributes');
  });
});

describe('the spec keys of the mechanisms', () => {
  test('read from a spec file or link, each checked', () => {
    const good = parseSpecFile(
      JSON.stringify({
        version: 1,
        import: {
          transactions: { source: 'shopify-orders', columns: { Email: 'customer_id' } },
          customers: { source: null },
          cleaning: {
            keepOnly: [{ column: 'Deal Stage', values: ['Closed won'] }],
            cancelled: { filledColumn: 'Cancelled at' },
            refundColumn: 'Refunded Amount',
            netReturns: true,
            fillDown: true,
          },
          ids: { extractEmail: true, fallbackColumn: 'Associated Company' },
        },
      }),
    );
    expect(good.spec && 'problems' in good ? good.problems : good).toEqual([]);

    const bad = parseSpecFile(
      JSON.stringify({
        version: 1,
        import: {
          transactions: { source: 'shopify' },
          cleaning: { keepOnly: [{ column: 'Status', values: 'paid' }], netReturns: 'yes', refundColumn: 3 },
          ids: { fallbackColumn: false },
        },
      }),
    );
    expect(bad.spec && 'problems' in bad ? bad.problems : bad).toEqual([
      expect.stringMatching(/^spec\.import\.transactions\.source: expected one of "shopify-orders", /),
      'spec.import.cleaning.keepOnly[0].values: expected a list, got "paid"',
      'spec.import.cleaning.netReturns: expected true or false, got "yes"',
      'spec.import.cleaning.refundColumn: expected text, got 3',
      'spec.import.ids.fallbackColumn: expected text, got false',
    ]);
  });

  test('a rule naming a column no file has stops the load, named', () => {
    const file = fileOf('o.csv', ['id', 'date', 'amount']);
    const spec = defaultImportSpec([file]);
    expect(
      cleaningColumnProblems({
        ...spec,
        cleaning: { ...spec.cleaning, keepOnly: [{ column: 'Status', values: ['paid'] }], refundColumn: 'amount' },
      }),
    ).toEqual(['Keep only: no file has a column "Status" (choose another, or none).']);
  });
});
