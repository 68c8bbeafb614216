import { CONTACT_ROLES, type ContactRole, type FileImport, type Role } from '../spec/import.ts';

/** Where a transactions file's contact columns go in `order_lines`: names no attribute can take. */
export const CONTACT_COLUMN: Record<ContactRole, string> = {
  email: 'contact_email',
  first_name: 'contact_first_name',
  last_name: 'contact_last_name',
  full_name: 'contact_full_name',
  phone: 'contact_phone',
  consent: 'contact_consent',
};

/** The canonical columns of `order_lines`/`orders`; attributes must not shadow them. */
export const CANONICAL = [
  'source_file',
  'rec_no',
  'customer_id',
  'order_id',
  'order_date',
  'amount',
  'quantity',
  'unit_price',
  'status',
  'currency',
  'line_count',
  ...CONTACT_ROLES.map((r) => CONTACT_COLUMN[r]),
];

/** The column mapped to a role, if any (roles other than attribute/ignore are unique). */
export function columnFor(file: FileImport, role: Role): string | undefined {
  return file.columns.find((c) => c.role === role)?.name;
}

/**
 * Attribute columns with the names they get in the public views (in a customers file, every
 * column but the id and ignored ones): the file's own name, unless
 * that clashes (case-insensitively, as DuckDB compares names) with a canonical column or another
 * attribute, in which case a suffix keeps both.
 */
export function attributeNames(file: FileImport): { source: string; name: string }[] {
  const taken = new Set<string>(CANONICAL);
  // In a customers file order roles mean nothing: a column guessed as a date or an amount
  // there (a signup date, a credit limit) is a trait of the customer, and must not be dropped.
  const isAttribute = (role: string) => (file.kind === 'customers' ? role !== 'customer_id' && role !== 'ignore' : role === 'attribute');
  return file.columns
    .filter((c) => isAttribute(c.role))
    .map((c) => {
      let name = c.name;
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${c.name}_${n}`;
      taken.add(name.toLowerCase());
      return { source: c.name, name };
    });
}

/** Whether some column has this role. */
export function hasRole(file: FileImport, role: Role): boolean {
  return columnFor(file, role) !== undefined;
}

/** An order's amount comes from an amount column, or from quantity × unit price. */
export function hasAmountSource(file: FileImport): boolean {
  return hasRole(file, 'amount') || (hasRole(file, 'quantity') && hasRole(file, 'unit_price'));
}
