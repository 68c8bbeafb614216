import type { Rng } from '../prng.ts';
import { LEGAL_FORMS, NAME_NOUNS, NAME_STEMS } from './vocab.ts';

/**
 * A company name as its country writes it (`Heron Analytics Ltd`, `Flint Works GmbH`): a stem, a
 * word of its industry and a legal form. Names may repeat across countries, as real ones do.
 */
export function companyName(rng: Rng, industry: string, country: string): string {
  const stem = NAME_STEMS[rng.int(NAME_STEMS.length)];
  const nouns = NAME_NOUNS[industry];
  if (nouns === undefined) throw new Error(`no company words for industry ${industry}`);
  const noun = nouns[rng.int(nouns.length)];
  const forms = LEGAL_FORMS[country] ?? [];
  const form = forms.length === 0 ? '' : ` ${forms[rng.int(forms.length)]}`;
  return `${stem} ${noun}${form}`;
}
