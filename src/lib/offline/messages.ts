/** What the page and the service worker say to each other. */
export const OFFLINE_MESSAGES = {
  /** Page → waiting worker: the reader chose to update now. */
  applyUpdate: 'apply-update',
  /** Page → active worker: keep the DuckDB bundle whose files the engine loaded (`files`: their URLs). */
  keepEngine: 'keep-engine',
} as const;

export interface KeepEngineReply {
  kept: boolean;
  version: string;
  problem?: string;
}
