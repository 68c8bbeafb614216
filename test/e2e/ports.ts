/** SW_E2E_PORT moves both preview servers, so two checkouts can run their end-to-end tests at once. */
export const PORT = Number(process.env.SW_E2E_PORT ?? 4173);
/** The test-only build with the engine lock off. */
export const UNLOCKED_URL = `http://127.0.0.1:${PORT + 1}/`;
/** The test-only build of an engine under strain: a 256 MB memory limit, and Cancel unheard (workers/engine.ts). */
export const STRAINED_URL = `http://127.0.0.1:${PORT + 10}/`;

/**
 * Every other port a spec listens on, here so two specs running at once never share one: each is
 * SW_E2E_PORT plus its offset.
 */
export const SPEC_PORTS = {
  offline: PORT + 2,
  subPath: PORT + 3,
  update: PORT + 4,
  plainHttp: PORT + 5,
  noPolicy: PORT + 6,
  nothing: PORT + 7,
  start: PORT + 8,
  instructorSite: PORT + 9,
} as const;
