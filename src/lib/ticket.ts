let issued = 0;

/**
 * A name for one request to the worker, so it can be cancelled. Unique within the page, which is all
 * a ticket needs (the worker is the page's own). Not `crypto.randomUUID`: a page served over plain
 * http does not have it, and the app works there too.
 */
export function newTicket(): string {
  issued += 1;
  return `t${issued}`;
}
