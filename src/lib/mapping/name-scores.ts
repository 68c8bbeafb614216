import type { ContactRole, Role } from '../spec/import.ts';
import { knownNameScores } from './known-names.ts';
import { headerWords, normalizeHeader } from './normalize.ts';

/** The roles a column can be guessed into; each goes to at most one column. */
export type CoreRole = Exclude<Role, 'attribute' | 'ignore' | ContactRole>;

/**
 * How strongly a header's name suggests each role, 0–100. Missing: the name says nothing, so the
 * values may decide; 0: the name rules the role out (`Discount Amount` is no amount).
 */
export type RoleScores = Partial<Record<CoreRole, number>>;

const set = (words: string): Set<string> => new Set(words.split(' '));
const CUSTOMER = set('customer customers cust client buyer shopper member contact user account patron purchaser subscriber consumer');
const IDENTIFIER = set('id ids no nr num number code key ref');
const EMAIL = set('email mail emailaddress');
// Columns about staff or consent hold e-mails and ids too, but not the customer's.
const NOT_CUSTOMER = set(
  'owner rep agent staff employee assignee seller vendor manager sender sales created updated by marketing consent opt optin subscribed verified accepts sent count card',
);
const ORDER = set('order invoice transaction txn receipt purchase deal sale sales booking reservation');
const NOT_ORDER = set('customer client user line lineitem item sku product stock card tracking parent original refund return credit');
const PAYMENT = set('payment charge');
const DATE = set('date datetime time timestamp day at on dt');
const ORDER_EVENT = set('order invoice purchase transaction sale sales payment paid created placed closed close booking');
const NOT_ORDER_DATE = set(
  'cancel cancelled canceled fulfilled fulfillment ship shipped shipping delivery delivered due refund refunded birth birthday dob updated modified expiry expiration exp last next dispute start end trial signup registered registration deleted archived',
);
const AMOUNT = set('amount total revenue sales sale value sum spend spent paid gross net monetary turnover subtotal');
const NOT_AMOUNT = set(
  'discount discounts refund refunded refunds tax taxes vat fee fees shipping freight postage handling balance outstanding due compare tip tips duty duties deposit qty quantity count items number no id ids weight percent percentage pct rate margin profit disputed dispute weighted forecast projected expected date at code currency lines avg average',
);
const QUANTITY = set('quantity qty units pieces pcs');
const NOT_QUANTITY = set(
  'refunded refund returned fulfillable fulfilled shipped available stock inventory min max minimum maximum reorder price amount',
);
const NOT_PRICE = set('compare original regular list msrp old was total shipping');
const NOT_STATUS = set('card cvc avs marketing consent email sms tax dispute risk verification account');
const SHIPPING = set('fulfillment shipment delivery shipping');
const SECONDARY_CURRENCY = set('converted settlement account company home base');

/** Scores a header's name for each role: a known whole name decides, else the words in it. */
export function nameScores(header: string): RoleScores {
  const words = headerWords(header);
  const has = (group: Set<string>): boolean => words.some((w) => group.has(w));
  const scores: RoleScores = {};

  if (has(NOT_CUSTOMER)) scores.customer_id = 0;
  else if (has(CUSTOMER) && (has(IDENTIFIER) || has(EMAIL))) scores.customer_id = 80;
  else if (has(EMAIL)) scores.customer_id = 70;
  else if ((has(CUSTOMER) || words.includes('billing')) && words.includes('name')) scores.customer_id = 35;

  if (has(NOT_ORDER)) scores.order_id = 0;
  else if (has(ORDER) && has(IDENTIFIER)) scores.order_id = 80;
  else if (has(PAYMENT) && has(IDENTIFIER)) scores.order_id = 60;

  if (has(DATE)) scores.order_date = has(NOT_ORDER_DATE) ? 10 : has(ORDER_EVENT) ? 75 : 50;

  if (has(NOT_AMOUNT)) scores.amount = 0;
  else if (has(AMOUNT)) scores.amount = words.includes('converted') ? 40 : words.includes('subtotal') ? 70 : 60;

  if (has(NOT_QUANTITY)) scores.quantity = 0;
  else if (has(QUANTITY)) scores.quantity = 80;
  else if (/^(?:number|num|no|nb)of/.test(words.join(''))) scores.quantity = 70;

  const unit = words.some((w) => w === 'unit' || w === 'item' || w === 'each');
  if (words.includes('price')) scores.unit_price = has(NOT_PRICE) ? 0 : 70;
  else if (unit && (words.includes('cost') || words.includes('amount'))) scores.unit_price = 70;

  if (has(NOT_STATUS)) scores.status = 0;
  else if (words.includes('status') || words.includes('stage')) {
    scores.status = has(SHIPPING) ? 40 : words.includes('status') ? 70 : 60;
  }

  if (words.includes('currency')) scores.currency = has(SECONDARY_CURRENCY) ? 40 : 70;

  // A known whole name overrides what its words suggest, either way.
  const known = knownNameScores(normalizeHeader(header));
  for (const [role, score] of known.length > 0 ? known : knownNameScores(words.join(''))) scores[role] = score;
  return scores;
}
