import { describe, expect, test } from 'vitest';
import { defaultIdCleanup, defaultParseOptions, standardCleaning, type FileImport, type Role } from '../../src/lib/spec/import.ts';
import {
  importPartOf,
  missingRoles,
  unmappedColumns,
  withRoles,
  withoutUnmapped,
  type ImportSettings,
} from '../../src/lib/spec/import-part.ts';
import { importSpecOf } from '../../src/lib/spec/spec-file.ts';

const file = (kind: FileImport['kind'], columns: [string, Role][]): FileImport => ({
  name: `${kind}.csv`,
  kind,
  parse: defaultParseOptions(),
  columns: columns.map(([name, role]) => ({ name, role })),
});
const mine = [
  file('transactions', [
    ['Customer', 'customer_id'],
    ['Date', 'order_date'],
    ['Total', 'amount'],
    ['Status', 'status'],
    ['Channel', 'attribute'],
  ]),
  file('customers', [
    ['Customer', 'customer_id'],
    ['Mail', 'email'],
  ]),
];
const standard = (): ImportSettings => ({
  amountLevel: 'line',
  cleaning: standardCleaning(),
  ids: defaultIdCleanup(),
  duplicateCustomers: 'refuse',
});

describe('the import part a share link carries', () => {
  test('only what differs from Standard or from what the files call for by themselves; rules name roles and attributes', () => {
    const base = { ...standard(), amountLevel: 'order' as const, cleaning: { ...standardCleaning(), fillDown: true } };
    const settings: ImportSettings = {
      ...base,
      cleaning: {
        ...base.cleaning,
        fillDown: false, // Standard's value, but not what these files called for: written
        keepOnly: [
          { column: 'Status', values: ['paid'] },
          { column: 'Channel', values: ['web'] },
        ],
        cancelled: { ...base.cleaning.cancelled, statusValues: ['void'] },
      },
    };
    expect(importPartOf(settings, mine, base)).toEqual({
      amountLevel: 'order',
      cleaning: {
        fillDown: false,
        keepOnly: [
          { column: { role: 'status' }, values: ['paid'] },
          { column: { attribute: 'Channel' }, values: ['web'] },
        ],
        cancelled: { statusValues: ['void'] },
      },
    });
    expect(importPartOf(standard(), mine, standard())).toEqual({});
    expect(withRoles({}, mine)).toEqual({
      transactions: { roles: ['customer_id', 'order_date', 'amount', 'status'] },
      customers: { roles: ['customer_id', 'email'] },
    });
  });

  test("on a colleague's file: rules follow roles and attributes; what it lacks is named, asked for, or left out", () => {
    const part = withRoles(
      importPartOf(
        { ...standard(), cleaning: { ...standardCleaning(), keepOnly: [{ column: 'Status', values: ['paid'] }], refundColumn: 'Channel' } },
        mine,
        standard(),
      ),
      mine,
    );
    const theirs = [
      file('transactions', [
        ['kunde', 'customer_id'],
        ['datum', 'order_date'],
        ['summe', 'amount'],
        ['zustand', 'status'],
      ]),
    ];
    expect(missingRoles(theirs, part)).toEqual([]);
    expect(unmappedColumns(theirs, { version: 2, import: part })).toEqual(['the refund column needs a column named "Channel"']);
    const settings = importSpecOf(theirs, { version: 2, import: withoutUnmapped(theirs, part) });
    expect(settings.cleaning.keepOnly).toEqual([{ column: 'zustand', values: ['paid'] }]);
    expect(settings.cleaning.refundColumn).toBeNull();

    const noStatus = [
      file('transactions', [
        ['kunde', 'customer_id'],
        ['datum', 'order_date'],
        ['summe', 'amount'],
      ]),
    ];
    expect(missingRoles(noStatus, part)).toEqual([{ kind: 'transactions', roles: ['status'] }]);
    expect(unmappedColumns(noStatus, { version: 2, import: part })).toEqual([
      'the keep-only rule needs a column mapped as Status',
      'the refund column needs a column named "Channel"',
    ]);
  });
});
