import type { ToolFormat } from '../tool-format.ts';

/** The list-membership column: a property HubSpot's import creates, which a list can then filter on. */
export function hubspotSegmentProperty(segmentName: string): string {
  return `In segment: ${segmentName.replace(/\s+/g, ' ').trim() || 'segment'}`;
}

/**
 * HubSpot contacts import ("Set up your import file"): headers named after contact properties map by
 * themselves; contacts are deduplicated on `Email`, so a row without one is left out (it would make a
 * duplicate on every import). The last column, named after the segment, holds `Yes` for every row:
 * mapped to a new property during the import, it marks the segment's members, and a list filtered on it
 * (or the import's own "create a list" option) is the segment in HubSpot. No consent column: HubSpot's
 * subscription types are not set by a contact import column; the consent filter runs before this.
 */
export const hubspot: ToolFormat = {
  id: 'hubspot',
  label: 'HubSpot',
  docsUrl: 'https://knowledge.hubspot.com/import-and-export/set-up-your-import-file',
  hashed: false,
  usesPhone: true,
  identifier: 'email',
  header: (segmentName) => ['Email', 'First Name', 'Last Name', 'Phone Number', hubspotSegmentProperty(segmentName)],
  email: (trimmed) => trimmed,
  cells: (c) => [c.email ?? '', c.firstName, c.lastName, c.phone ?? '', 'Yes'],
};
