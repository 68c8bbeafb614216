import { describe, expect, test } from 'vitest';
import { parseSpecFile } from '../../src/lib/spec/read-spec.ts';
import { importSpecOf } from '../../src/lib/spec/spec-file.ts';
import { defaultParseOptions, type FileImport } from '../../src/lib/spec/import.ts';

const v1 = {
  version: 1,
  import: {
    transactions: { columns: { Kunde: 'customer_id', Zustand: 'status', Kanal: 'attribute' } },
    cleaning: {
      cancelled: { enabled: true, filledColumn: 'Storniert am' },
      keepOnly: [
        { column: 'Zustand', values: ['bezahlt'] },
        { column: 'Kanal', values: ['web'] },
      ],
      refundColumn: null,
    },
    ids: { fallbackColumn: 'Firma' },
  },
};

/** A colleague's file: the same meanings under other headers. */
const file = (columns: [string, FileImport['columns'][number]['role']][]): FileImport => ({
  name: 'orders.csv',
  kind: 'transactions',
  parse: defaultParseOptions(),
  columns: columns.map(([name, role]) => ({ name, role })),
});

describe('version-1 specs migrate to version 2 as they are read', () => {
  test('a column a rule named by header text is named by the role its file gave it, else as an attribute', () => {
    const reading = parseSpecFile(JSON.stringify(v1));
    expect(reading.spec && reading.problems).toEqual([]);
    expect(reading.spec!.version).toBe(2);
    expect(reading.spec!.import).toEqual({
      transactions: v1.import.transactions,
      cleaning: {
        cancelled: { enabled: true, filledColumn: { attribute: 'Storniert am' } },
        keepOnly: [
          { column: { role: 'status' }, values: ['bezahlt'] },
          { column: { attribute: 'Kanal' }, values: ['web'] },
        ],
        refundColumn: null,
      },
      ids: { fallbackColumn: { attribute: 'Firma' } },
    });
  });

  test('version 2 names them as the colleague file has them: the role by its mapping, an attribute by its name in any case', () => {
    const spec = parseSpecFile(JSON.stringify(v1)).spec!;
    const theirs = file([
      ['customer', 'customer_id'],
      ['Order status', 'status'],
      ['kanal', 'attribute'],
      ['Storniert am', 'attribute'],
      ['FIRMA', 'attribute'],
    ]);
    const settings = importSpecOf([theirs], spec);
    expect(settings.cleaning.keepOnly).toEqual([
      { column: 'Order status', values: ['bezahlt'] },
      { column: 'kanal', values: ['web'] },
    ]);
    expect(settings.cleaning.cancelled.filledColumn).toBe('Storniert am');
    expect(settings.ids.fallbackColumn).toBe('FIRMA');
  });

  test('a version-2 spec reads as written', () => {
    const v2 = { version: 2, import: { cleaning: { keepOnly: [{ column: { role: 'status' }, values: ['paid'] }] } } };
    expect(parseSpecFile(JSON.stringify(v2))).toEqual({ spec: v2, problems: [] });
    const byHeader = parseSpecFile(JSON.stringify({ version: 2, import: { cleaning: { keepOnly: [{ column: 'Status', values: [] }] } } }));
    expect(byHeader.spec && byHeader.problems).toEqual([
      'spec.import.cleaning.keepOnly[0].column: expected { "role": … } or { "attribute": … }, got "Status"',
    ]);
  });
});
