import { googleAds } from './formats/google-ads.ts';
import { hubspot } from './formats/hubspot.ts';
import { klaviyo } from './formats/klaviyo.ts';
import { mailchimp } from './formats/mailchimp.ts';
import { meta } from './formats/meta.ts';
import type { ToolFormat, ToolFormatId } from './tool-format.ts';

/** Every tool format, in the order the export menu lists them. */
export const TOOL_FORMATS: readonly ToolFormat[] = [klaviyo, mailchimp, hubspot, meta, googleAds];

export function toolFormat(id: ToolFormatId): ToolFormat {
  const found = TOOL_FORMATS.find((f) => f.id === id);
  if (!found) throw new Error(`No export format "${id}"`);
  return found;
}
