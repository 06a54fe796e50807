/** Where the app under test listens; playwright.config.ts starts it there. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3217);
export const BASE_URL = `http://localhost:${E2E_PORT}`;
