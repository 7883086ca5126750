import { rm } from 'node:fs/promises';

/** The server's data folder was made for this run only (see playwright.config.ts). */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env.AURORA_E2E_DATA_DIR;
  if (dir) await rm(dir, { recursive: true, force: true });
}
