import { formatCount } from '../format.ts';
import type { ToolExport } from './tool-export.ts';

const plural = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * What an export leaves out or leaves blank, in sentences for the page, before the download:
 * `12 members have no usable e-mail address and are left out.`
 */
export function leftOutSentences(exported: Pick<ToolExport, 'leftOut' | 'unreadableEmails' | 'unreadablePhones'>): string[] {
  const sentences = exported.leftOut.map(({ reason, count }) =>
    reason === 'no-email'
      ? `${plural(count, 'member has', 'members have')} no usable e-mail address and ${count === 1 ? 'is' : 'are'} left out.`
      : `${plural(count, 'member has', 'members have')} neither a usable e-mail address nor a phone number and ${count === 1 ? 'is' : 'are'} left out.`,
  );
  if (exported.unreadableEmails)
    sentences.push(
      `${plural(exported.unreadableEmails, 'e-mail cell holds', 'e-mail cells hold')} no usable address and ${exported.unreadableEmails === 1 ? 'counts' : 'count'} as missing.`,
    );
  if (exported.unreadablePhones)
    sentences.push(
      `${plural(exported.unreadablePhones, 'phone number', 'phone numbers')} could not be read (too short or long, or without a country code and no default country) and ${exported.unreadablePhones === 1 ? 'counts' : 'count'} as missing.`,
    );
  return sentences;
}
