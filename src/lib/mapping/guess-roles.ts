import type { ColumnMapping, Role } from '../spec/import.ts';
import type { CoreRole, RoleScores } from './name-scores.ts';
import { guessContactRoles } from './guess-contacts.ts';
import { nameScores } from './name-scores.ts';
import { isGenericHeader, normalizeHeader } from './normalize.ts';
import type { ColumnProfile } from './profile.ts';
import { profileColumn } from './profile.ts';

const CORE_ROLES: readonly CoreRole[] = ['customer_id', 'order_id', 'order_date', 'amount', 'quantity', 'unit_price', 'status', 'currency'];

/** The score of a column taken for the amount by its decimals alone, its name saying nothing. */
const DECIMALS_AS_AMOUNT = 30;

interface Candidate {
  column: number;
  role: CoreRole;
  score: number;
}

/**
 * Guesses each column's role from its header and its preview values (rows may be ragged). Each core
 * role goes to at most one column, the one that fits it best; the rest are attributes, and only
 * columns blank in every preview row are ignored; contact fields (e-mail, names, phone, consent)
 * then go to the attributes that hold them (guess-contacts.ts). Headerless files (`column1`, `column2`…) are
 * guessed from their values alone.
 */
export function guessRoles(headers: string[], rows: string[][]): ColumnMapping[] {
  const profiles = headers.map((_, c) => profileColumn(rows.map((row) => row[c] ?? '')));
  const candidates = headers.flatMap((header, column): Candidate[] => {
    if (profiles[column].blank) return [];
    const scores = columnScores(header, profiles[column]);
    return CORE_ROLES.flatMap((role) => {
      const score = scores[role] ?? 0;
      return score > 0 ? [{ column, role, score }] : [];
    });
  });
  let roles = assign(headers.length, candidates);
  if (roles.includes('unit_price') && !roles.includes('quantity')) {
    // Without a quantity a price is what was paid for the line, so it may serve as the amount.
    const asAmount = candidates.map((c) => (c.role === 'unit_price' ? { ...c, role: 'amount' as const, score: Math.min(c.score, 50) } : c));
    roles = assign(headers.length, asAmount);
  }
  const amount = roles.indexOf('amount');
  const amountScore = candidates.find((c) => c.column === amount && c.role === 'amount')?.score ?? 0;
  if (amount >= 0 && amountScore <= DECIMALS_AS_AMOUNT && roles.includes('quantity') && roles.includes('unit_price')) {
    // Quantity × unit price is the amount: a number column taken for one by its decimals alone is not.
    roles[amount] = 'attribute';
  }
  const mapped = headers.map((name, c): ColumnMapping => ({ name, role: profiles[c].blank ? 'ignore' : roles[c] }));
  return guessContactRoles(mapped, profiles);
}

function columnScores(header: string, p: ColumnProfile): RoleScores {
  const names = nameScores(header);
  const scores: RoleScores = {};
  const offer = (role: CoreRole, score: number): void => {
    if (score > (scores[role] ?? 0)) scores[role] = score;
  };
  for (const role of CORE_ROLES) {
    const score = names[role];
    if (score !== undefined && fits(role, p)) offer(role, score);
  }

  // Values speak wherever the name did not rule the role out.
  const open = (role: CoreRole): boolean => names[role] !== 0;
  if (p.email >= 0.8 && open('customer_id')) offer('customer_id', 85);
  if (p.hashNumber >= 0.8 && open('order_id')) offer('order_id', 85);
  if (p.stripePayment >= 0.8 && open('order_id')) {
    offer('order_id', normalizeHeader(header) === 'id' ? 95 : 85);
  }
  if (p.date >= 0.9 && names.order_date === undefined) offer('order_date', 30);
  if (p.currencyCode >= 0.9 && names.currency === undefined) offer('currency', 30);
  if (p.money >= 0.8 && names.amount === undefined) offer('amount', 35);
  // Numbers with decimals under a name that says nothing (`Betrag`, `Wert`) may be what was paid;
  // below every name that says amount, and the file kind asks more of such a guess (guess-kind.ts).
  if (p.numeric >= 0.9 && p.decimal >= 0.3 && names.amount === undefined) offer('amount', DECIMALS_AS_AMOUNT);

  if (isGenericHeader(header)) {
    if (p.zeroPadded >= 0.8 && p.date < 0.5) offer('customer_id', 60);
    else if (p.integer >= 0.9 && p.smallCount < 0.9 && p.date < 0.5) offer('customer_id', 40);
    if (p.code >= 0.8) offer('customer_id', 40);
    if (p.personName >= 0.8) offer('customer_id', 25);
    if (p.smallCount >= 0.9) offer('quantity', 40);
    if (p.numeric >= 0.9 && p.decimal > 0) offer('amount', 45);
  }
  return scores;
}

/**
 * Whether a column's values allow the role its name suggests. A name is strong evidence, so a
 * minority of unreadable values (the very records the import will reject) does not overrule it.
 */
function fits(role: CoreRole, p: ColumnProfile): boolean {
  if (p.rows === 0) return true;
  if (p.filled === 0) return false;
  switch (role) {
    case 'customer_id':
      return p.separatedDate < 0.5 && p.boolean < 0.5 && p.hashNumber < 0.5 && p.stripePayment < 0.5;
    case 'order_id':
      return p.separatedDate < 0.5 && p.boolean < 0.5;
    case 'order_date':
      // Five-digit numbers only where the name says date: elsewhere they are ids or postcodes.
      return p.date >= 0.6 || p.serialDate >= 0.9;
    case 'amount':
    case 'unit_price':
    case 'quantity':
      return p.numeric >= 0.6;
    case 'status':
      return p.numeric < 0.5 && p.date < 0.5;
    case 'currency':
      return p.currencyCode >= 0.8;
  }
}

/** Hands out roles best score first; ties go to the earlier column. */
function assign(columns: number, candidates: Candidate[]): Role[] {
  const roles = new Array<Role>(columns).fill('attribute');
  const taken = new Set<Role>();
  const ranked = [...candidates].sort(
    (a, b) => b.score - a.score || a.column - b.column || CORE_ROLES.indexOf(a.role) - CORE_ROLES.indexOf(b.role),
  );
  for (const { column, role } of ranked) {
    if (taken.has(role) || roles[column] !== 'attribute') continue;
    roles[column] = role;
    taken.add(role);
  }
  return roles;
}
