/** SW_E2E_PORT moves both preview servers, so two checkouts can run their end-to-end tests at once. */
export const PORT = Number(process.env.SW_E2E_PORT ?? 4173);
/** The test-only build with the engine lock off. */
export const UNLOCKED_URL = `http://127.0.0.1:${PORT + 1}/`;
