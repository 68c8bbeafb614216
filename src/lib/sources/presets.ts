import type { SourcePreset } from './preset.ts';

/**
 * The exports recognised from their header. Each fixture under test/fixtures/sources/ uses the
 * header as the tool publishes it (see test/fixtures/sources/README.md for the documentation of
 * each) and reproduces its quirks.
 */

/** No order-id prefix marks a cancellation in these exports (a Shopify order may well be named `C-1001`). */
const NO_PREFIX = { orderIdPrefix: '' };

const shopifyOrders: SourcePreset = {
  id: 'shopify-orders',
  title: 'Shopify orders export',
  docs: 'https://help.shopify.com/en/manual/fulfillment/managing-orders/exporting-orders',
  kind: 'transactions',
  signature: [
    'Name',
    'Email',
    'Financial Status',
    'Paid at',
    'Fulfillment Status',
    'Total',
    'Created at',
    'Lineitem quantity',
    'Lineitem name',
  ],
  roles: {
    Name: 'order_id',
    Email: 'customer_id',
    'Created at': 'order_date',
    Total: 'amount',
    'Financial Status': 'status',
    Currency: 'currency',
  },
  // Order fields are on each order's first line only, its line items below; Total is the order's.
  amountLevel: 'order',
  cleaning: {
    fillDown: true,
    refundColumn: 'Refunded Amount',
    keepOnly: [{ column: 'Financial Status', values: ['paid', 'partially_paid', 'partially_refunded', 'refunded'] }],
    cancelled: { ...NO_PREFIX, filledColumn: 'Cancelled at' },
  },
  ids: { lowerCase: true },
  otherValues: { 'Financial Status': ['pending', 'authorized', 'voided', 'expired'] },
};

const shopifyCustomers: SourcePreset = {
  id: 'shopify-customers',
  title: 'Shopify customers export',
  docs: 'https://help.shopify.com/en/manual/customers/import-export-customers',
  kind: 'customers',
  signature: ['First Name', 'Last Name', 'Email', 'Accepts Email Marketing', 'Total Spent', 'Total Orders'],
  // Total Spent and Total Orders are what Shopify counted: attributes, not orders.
  roles: { Email: 'customer_id' },
  ids: { lowerCase: true },
};

const wooCommerceAnalytics: SourcePreset = {
  id: 'woocommerce-analytics-orders',
  title: 'WooCommerce Analytics orders download',
  docs: 'https://woocommerce.com/document/woocommerce-analytics/orders-report/',
  kind: 'transactions',
  // The page's own download writes "Net sales", the e-mailed export "N. Revenue".
  signature: ['Date', 'Order #', 'Status', 'Customer', 'Customer type', 'Items sold'],
  roles: {
    'Order #': 'order_id',
    Date: 'order_date',
    Customer: 'customer_id',
    'Net sales': 'amount',
    'N. Revenue': 'amount',
    Status: 'status',
  },
  cleaning: { keepOnly: [{ column: 'Status', values: ['processing', 'completed'] }], cancelled: NO_PREFIX },
  otherValues: { Status: ['pending', 'on-hold', 'cancelled', 'refunded', 'failed'] },
  note: 'the download names each customer, without an e-mail: two customers of the same name are one',
};

const wooCommerceAdvancedExport: SourcePreset = {
  id: 'woocommerce-advanced-order-export',
  title: 'WooCommerce order export (Advanced Order Export For WooCommerce)',
  docs: 'https://wordpress.org/plugins/woo-order-export-lite/',
  kind: 'transactions',
  signature: ['Order Number', 'Order Status', 'Order Date', 'Email (Billing)', 'Order Total Amount', 'Item Name'],
  roles: {
    'Order Number': 'order_id',
    'Order Date': 'order_date',
    'Email (Billing)': 'customer_id',
    'Order Total Amount': 'amount',
    'Order Status': 'status',
  },
  // One row per product; the order's total repeats on each (or, unticked, is on the first only).
  amountLevel: 'order',
  cleaning: {
    fillDown: true,
    refundColumn: 'Order Refund Amount',
    keepOnly: [{ column: 'Order Status', values: ['processing', 'completed'] }],
    cancelled: NO_PREFIX,
  },
  ids: { lowerCase: true },
  otherValues: { 'Order Status': ['pending', 'on-hold', 'cancelled', 'refunded', 'failed'] },
};

const wooCommerceWebToffee: SourcePreset = {
  id: 'woocommerce-webtoffee-orders',
  title: 'WooCommerce order export (Order Export & Order Import for WooCommerce)',
  docs: 'https://woocommerce.com/document/import-and-export-of-woocommerce-orders/',
  kind: 'transactions',
  signature: ['order_id', 'order_number', 'order_date', 'status', 'order_total', 'customer_email', 'line_item_1'],
  // One row per order. customer_id is the WordPress user, 0 for every guest: the e-mail tells them apart.
  roles: {
    order_id: 'order_id',
    order_date: 'order_date',
    customer_email: 'customer_id',
    order_total: 'amount',
    status: 'status',
    order_currency: 'currency',
  },
  cleaning: { keepOnly: [{ column: 'status', values: ['processing', 'completed'] }], cancelled: NO_PREFIX },
  ids: { lowerCase: true },
  otherValues: { status: ['pending', 'on-hold', 'cancelled', 'refunded', 'failed'] },
};

/** Both Stripe exports: converted amounts (the account's currency), refunds subtracted, only paid and captured payments. */
const stripeSettings = {
  kind: 'transactions',
  roles: {
    id: 'order_id',
    'Customer Email': 'customer_id',
    'Converted Amount': 'amount',
    'Converted Currency': 'currency',
    Status: 'status',
  },
  cleaning: {
    refundColumn: 'Converted Amount Refunded',
    keepOnly: [
      { column: 'Status', values: ['paid', 'succeeded', 'refunded', 'partially refunded'] },
      { column: 'Captured', values: ['true'] },
    ],
    cancelled: NO_PREFIX,
  },
  ids: { lowerCase: true, fallbackColumn: 'Customer ID' },
  otherValues: { Status: ['failed', 'uncaptured', 'canceled', 'pending'], Captured: ['false'] },
} satisfies Partial<SourcePreset>;

const stripeLegacy: SourcePreset = {
  id: 'stripe-payments-legacy',
  title: 'Stripe payments export',
  docs: 'https://support.stripe.com/questions/exporting-payment-reports',
  signature: ['id', 'Created (UTC)', 'Amount', 'Amount Refunded', 'Currency', 'Converted Amount', 'Status', 'Captured'],
  ...stripeSettings,
  roles: { ...stripeSettings.roles, 'Created (UTC)': 'order_date' },
};

const stripeUnified: SourcePreset = {
  id: 'stripe-payments-unified',
  title: 'Stripe payments export (unified)',
  docs: 'https://docs.stripe.com/payments/payments-export',
  signature: ['id', 'Created date (UTC)', 'Amount', 'Amount Refunded', 'Currency', 'Captured', 'Converted Amount', 'Status'],
  ...stripeSettings,
  roles: { ...stripeSettings.roles, 'Created date (UTC)': 'order_date' },
};

const hubSpotDeals: SourcePreset = {
  id: 'hubspot-deals',
  title: 'HubSpot deals export',
  docs: 'https://knowledge.hubspot.com/import-and-export/export-records',
  kind: 'transactions',
  signature: ['Record ID', 'Deal Name', 'Deal Stage', 'Close Date', 'Amount'],
  roles: {
    'Record ID': 'order_id',
    'Close Date': 'order_date',
    Amount: 'amount',
    'Deal Stage': 'status',
    'Associated Contact': 'customer_id',
  },
  // Only won deals are purchases. A deal's contact is written "Name (e-mail)", several joined by ";".
  cleaning: { keepOnly: [{ column: 'Deal Stage', values: ['closed won'] }], cancelled: NO_PREFIX },
  ids: { extractEmail: true, fallbackColumn: 'Associated Company', lowerCase: true },
  otherValues: {
    'Deal Stage': [
      'appointment scheduled',
      'qualified to buy',
      'presentation scheduled',
      'decision maker bought-in',
      'contract sent',
      'closed lost',
    ],
  },
};

const hubSpotContacts: SourcePreset = {
  id: 'hubspot-contacts',
  title: 'HubSpot contacts export',
  docs: 'https://knowledge.hubspot.com/import-and-export/export-records',
  kind: 'customers',
  signature: ['Record ID', 'First Name', 'Last Name', 'Email'],
  roles: { Email: 'customer_id' },
  ids: { lowerCase: true },
};

const squareTransactions: SourcePreset = {
  id: 'square-transactions',
  title: 'Square transactions export',
  docs: 'https://squareup.com/help/us/en/article/5072-summaries-and-reports-from-the-online-square-dashboard',
  kind: 'transactions',
  signature: ['Date', 'Time', 'Time Zone', 'Gross Sales', 'Net Sales', 'Total Collected', 'Transaction ID', 'Event Type', 'Customer ID'],
  roles: { 'Transaction ID': 'order_id', Date: 'order_date', 'Customer ID': 'customer_id', 'Net Sales': 'amount' },
  // A refund is its own row, with negative amounts: subtracted from the customer's spend.
  cleaning: { netReturns: true, keepOnly: [{ column: 'Transaction Status', values: ['complete'] }], cancelled: NO_PREFIX },
};

const payPalActivity: SourcePreset = {
  id: 'paypal-activity',
  title: 'PayPal activity download',
  docs: 'https://www.paypal.com/us/cshelp/article/how-do-i-download-my-transaction-history-help145',
  kind: 'transactions',
  signature: [
    'Date',
    'Time',
    'TimeZone',
    'Name',
    'Type',
    'Status',
    'Currency',
    'Gross',
    'Fee',
    'Net',
    'From Email Address',
    'Transaction ID',
  ],
  roles: {
    'Transaction ID': 'order_id',
    Date: 'order_date',
    'From Email Address': 'customer_id',
    Gross: 'amount',
    Status: 'status',
    Currency: 'currency',
  },
  // Payments received only: not refunds, withdrawals, holds, conversions or fees (all debits or memos).
  cleaning: {
    keepOnly: [
      { column: 'Status', values: ['completed'] },
      { column: 'Balance Impact', values: ['credit'] },
      {
        column: 'Type',
        values: [
          'express checkout payment',
          'website payment',
          'mobile payment',
          'subscription payment',
          'shopping cart payment received',
          'payment received',
          'web accept payment received',
          'general payment',
          'donation payment',
          'invoice payment',
        ],
      },
    ],
    cancelled: NO_PREFIX,
  },
  ids: { lowerCase: true },
  otherValues: { Status: ['pending', 'denied', 'refunded', 'reversed'], 'Balance Impact': ['debit', 'memo'] },
  note: 'a refund is a debit row of its own, from your address: it is excluded, not subtracted',
};

const etsySoldOrders: SourcePreset = {
  id: 'etsy-sold-orders',
  title: 'Etsy sold orders export',
  docs: 'https://help.etsy.com/hc/en-us/articles/360000343508-How-to-Download-Your-Orders-and-Sales-Data',
  kind: 'transactions',
  signature: ['Sale Date', 'Order ID', 'Buyer User ID', 'Full Name', 'Number of Items', 'Order Value', 'Order Total'],
  roles: {
    'Order ID': 'order_id',
    'Sale Date': 'order_date',
    'Buyer User ID': 'customer_id',
    'Order Total': 'amount',
    Currency: 'currency',
  },
  cleaning: { cancelled: NO_PREFIX },
  // Etsy writes MM/DD/YY whatever the shop's country.
  dateFormat: 'mdy',
};

const klaviyoProfiles: SourcePreset = {
  id: 'klaviyo-profiles',
  title: 'Klaviyo profiles export',
  docs: 'https://help.klaviyo.com/hc/en-us/articles/115005063747',
  kind: 'customers',
  signature: ['Email', 'First Name', 'Last Name', 'State / Region', 'Zip Code', 'Email Marketing Consent'],
  roles: { Email: 'customer_id' },
  ids: { lowerCase: true },
};

const mailchimpAudience: SourcePreset = {
  id: 'mailchimp-audience',
  title: 'Mailchimp audience export',
  docs: 'https://mailchimp.com/help/view-export-contacts/',
  kind: 'customers',
  signature: ['Email Address', 'MEMBER_RATING', 'OPTIN_TIME', 'LEID', 'EUID'],
  roles: { 'Email Address': 'customer_id' },
  ids: { lowerCase: true },
};

export const PRESETS: readonly SourcePreset[] = [
  shopifyOrders,
  shopifyCustomers,
  wooCommerceAnalytics,
  wooCommerceAdvancedExport,
  wooCommerceWebToffee,
  stripeLegacy,
  stripeUnified,
  hubSpotDeals,
  hubSpotContacts,
  squareTransactions,
  payPalActivity,
  etsySoldOrders,
  klaviyoProfiles,
  mailchimpAudience,
];

export const PRESET_IDS: readonly string[] = PRESETS.map((p) => p.id);

export function findPreset(id: string | null | undefined): SourcePreset | undefined {
  return PRESETS.find((p) => p.id === id);
}
