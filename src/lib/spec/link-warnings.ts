import { LIST_OPERATORS, VALUELESS, type Rule, type SegmentsSpec } from './segments.ts';

/** Chat apps and some mail clients cut links longer than this many characters. */
export const LINK_LENGTH_LIMIT = 2000;

/** More literal values than this in a link's conditions look like a list of customers (ids, e-mails), not a definition. */
export const LITERAL_VALUE_LIMIT = 20;

/**
 * The literal values a rule holds: a condition's value, both bounds of `between`, each entry of an
 * `is one of` / `is none of` list, and those of the conditions inside order conditions. Only the
 * fields its operator uses count (a field left over from another operator is not in its SQL), and
 * empty ones do not.
 */
export function literalValueCount(rule: Rule): number {
  switch (rule.type) {
    case 'group':
      return rule.rules.reduce((sum, r) => sum + literalValueCount(r), 0);
    case 'orders':
      return literalValueCount(rule.where);
    case 'segment':
      return 0;
    case 'condition': {
      if (VALUELESS.includes(rule.op)) return 0;
      const used = LIST_OPERATORS.includes(rule.op) ? rule.values : rule.op === 'between' ? [rule.value, rule.value2] : [rule.value];
      return used.filter((v) => v.trim() !== '').length;
    }
  }
}

/** Every literal value in the rule segments' conditions (SQL segments are the user's text, not counted). */
export function specLiteralValueCount(spec: SegmentsSpec): number {
  return spec.segments.reduce((sum, s) => sum + (s.definition.kind === 'rules' ? literalValueCount(s.definition.root) : 0), 0);
}

/** What the page says under a link it made: its length, and each reason to think twice before sending it. */
export function linkWarnings(link: string, spec: SegmentsSpec): { length: number; literalValues: number; warnings: string[] } {
  const literalValues = specLiteralValueCount(spec);
  const warnings: string[] = [];
  if (link.length > LINK_LENGTH_LIMIT)
    warnings.push(
      `This link is longer than ${LINK_LENGTH_LIMIT.toLocaleString('en-US')} characters: chat apps and some mail clients cut longer links, so send the definitions file instead, or fewer segments.`,
    );
  if (literalValues > LITERAL_VALUE_LIMIT)
    warnings.push(
      `The conditions hold ${literalValues.toLocaleString('en-US')} literal values (more than ${LITERAL_VALUE_LIMIT}): this link may expose customer data, such as lists of customer ids or e-mail addresses. Check it before you send it.`,
    );
  return { length: link.length, literalValues, warnings };
}
