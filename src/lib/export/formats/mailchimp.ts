import type { ToolFormat } from '../tool-format.ts';

/**
 * Mailchimp audience import ("Format guidelines for your import file"): an e-mail address column is the
 * one field required, one address per contact, no spaces around it; first and last name are text
 * fields. Subscription status is chosen for the whole file in the import steps, not read from a
 * column, so none is written. The phone field is left out: its format depends on each audience's
 * setting (US or international), which a file cannot know.
 */
export const mailchimp: ToolFormat = {
  id: 'mailchimp',
  label: 'Mailchimp',
  docsUrl: 'https://mailchimp.com/help/format-guidelines-for-your-import-file/',
  hashed: false,
  usesPhone: false,
  identifier: 'email',
  header: () => ['Email Address', 'First Name', 'Last Name'],
  email: (trimmed) => trimmed,
  cells: (c) => [c.email ?? '', c.firstName, c.lastName],
};
