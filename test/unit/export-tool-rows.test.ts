import { describe, expect, test } from 'vitest';
import type { ContactRow } from '../../src/lib/export/contact.ts';
import { contact } from './contact-fixture.ts';
import { leftOutSentences } from '../../src/lib/export/left-out.ts';
import { toolExport, toolExportCsv } from '../../src/lib/export/tool-export.ts';

const people: ContactRow[] = [
  contact({ email: ' Ada@Example.com ', firstName: 'Ada', lastName: 'Lovelace', phone: '020 7946 0958', consent: true }),
  contact({ email: 'grace@example.com', fullName: 'Grace Brewster Hopper', consent: false }),
  contact({ phone: '+44 7700 900123', fullName: 'Phone Only', consent: true }),
  contact({ email: 'alan@example.com', phone: '12', fullName: 'Turing, Alan', consent: null }),
  contact({ email: '—', fullName: 'Dash Mail' }),
  contact({ fullName: 'Nothing Else' }),
];
const context = { segmentName: 'Champions', defaultCountry: 'GB' };

describe('Klaviyo: e-mail or phone identifies a row; E.164 phones; consent written only when known yes', () => {
  const exported = toolExport('klaviyo', people, context);
  test('rows', () => {
    expect(exported.rows).toEqual([
      ['Ada@Example.com', '+442079460958', 'Ada', 'Lovelace', 'Subscribed'],
      ['grace@example.com', '', 'Grace', 'Brewster Hopper', ''],
      ['', '+447700900123', 'Phone', 'Only', ''],
      ['alan@example.com', '', 'Alan', 'Turing', ''],
    ]);
    expect(exported.leftOut).toEqual([{ reason: 'no-email-or-phone', count: 2 }]);
  });
});

describe('Mailchimp and HubSpot: an e-mail address is required', () => {
  test('Mailchimp rows', () => {
    const exported = toolExport('mailchimp', people, context);
    expect(exported.rows).toEqual([
      ['Ada@Example.com', 'Ada', 'Lovelace'],
      ['grace@example.com', 'Grace', 'Brewster Hopper'],
      ['alan@example.com', 'Alan', 'Turing'],
    ]);
    expect(exported.leftOut).toEqual([{ reason: 'no-email', count: 3 }]);
  });

  test('HubSpot rows mark every member in the segment column', () => {
    const exported = toolExport('hubspot', people, context);
    expect(exported.header.at(-1)).toBe('In segment: Champions');
    expect(exported.rows).toEqual([
      ['Ada@Example.com', 'Ada', 'Lovelace', '+442079460958', 'Yes'],
      ['grace@example.com', 'Grace', 'Brewster Hopper', '', 'Yes'],
      ['alan@example.com', 'Alan', 'Turing', '', 'Yes'],
    ]);
    expect(exported.leftOut).toEqual([{ reason: 'no-email', count: 3 }]);
  });
});

test('every customer is either a row or counted as left out, in every format', () => {
  for (const format of ['klaviyo', 'mailchimp', 'hubspot', 'meta', 'google-ads'] as const) {
    const exported = toolExport(format, people, context);
    const leftOut = exported.leftOut.reduce((sum, l) => sum + l.count, 0);
    expect(exported.rows.length + leftOut, format).toBe(people.length);
    expect(exported.unreadableEmails, format).toBe(1);
    expect(exported.unreadablePhones, format).toBe(format === 'mailchimp' ? 0 : 1);
  }
});

test('nobody left out means no left-out entry at all', () => {
  expect(toolExport('mailchimp', [people[0]], context).leftOut).toEqual([]);
  expect(toolExport('meta', [], context)).toMatchObject({ rows: [], leftOut: [], unreadableEmails: 0, unreadablePhones: 0 });
});

test('the file: header first, CRLF line ends, quoting where needed, E.164 numbers unchanged', () => {
  const exported = toolExport(
    'hubspot',
    [people[0], contact({ email: 'x@example.com', fullName: 'Smith, "Jo"', phone: '+1 202 555 0143' })],
    {
      segmentName: 'VIP, "gold"',
      defaultCountry: 'GB',
    },
  );
  expect(toolExportCsv(exported)).toBe(
    'Email,First Name,Last Name,Phone Number,"In segment: VIP, ""gold"""\r\n' +
      'Ada@Example.com,Ada,Lovelace,+442079460958,Yes\r\n' +
      'x@example.com,"""Jo""",Smith,+12025550143,Yes',
  );
});

test('a cell a spreadsheet would run as a formula is neutralised, as in every export of the app', () => {
  const exported = toolExport(
    'mailchimp',
    [contact({ email: 'eve@example.com', firstName: '=HYPERLINK("x")', lastName: '@Evil' })],
    context,
  );
  expect(toolExportCsv(exported)).toBe('Email Address,First Name,Last Name\r\neve@example.com,"\'=HYPERLINK(""x"")",\'@Evil');
});

test('an empty export is its header line alone (as the writer ends a header-only file)', () => {
  expect(toolExportCsv(toolExport('google-ads', [], context))).toBe('Email,Phone\r\n');
});

test('what is left out is said in sentences, singular and plural', () => {
  // Mailchimp's file has no phone column: its phones are not read, so none is said to be unreadable.
  expect(leftOutSentences(toolExport('mailchimp', people, context))).toEqual([
    '3 members have no usable e-mail address and are left out.',
    '1 e-mail cell holds no usable address and counts as missing.',
  ]);
  expect(leftOutSentences(toolExport('hubspot', people, context))).toEqual([
    '3 members have no usable e-mail address and are left out.',
    '1 e-mail cell holds no usable address and counts as missing.',
    '1 phone number could not be read (too short or long, or without a country code and no default country) and counts as missing.',
  ]);
  expect(leftOutSentences({ leftOut: [{ reason: 'no-email-or-phone', count: 1 }], unreadableEmails: 2, unreadablePhones: 1200 })).toEqual([
    '1 member has neither a usable e-mail address nor a phone number and is left out.',
    '2 e-mail cells hold no usable address and count as missing.',
    '1,200 phone numbers could not be read (too short or long, or without a country code and no default country) and count as missing.',
  ]);
});

describe("a national number is read in the customer's own country when the data says which", () => {
  test('the row country wins over the default; an unknown country falls back to it', () => {
    const rows = [
      contact({ phone: '01 99 00 12 34', country: 'FR' }),
      contact({ phone: '020 7946 0958', country: 'France' }),
      contact({ phone: '020 7946 0958', country: null }),
    ];
    // France writes its trunk 0 before the nine national digits (ITU-T E.164 country code 33).
    expect(toolExport('klaviyo', rows, context).rows.map((r) => r[1])).toEqual(['+33199001234', '+442079460958', '+442079460958']);
  });
});
