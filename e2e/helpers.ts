// Steps many tests share, written as a staff member would do them: by role and visible name.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

export const SCREENS_DIR = fileURLToPath(new URL('./artifacts/screens/', import.meta.url));

/** Keeps a picture of a main screen (sign-in, inbox, detail…) for review: e2e/artifacts/screens/NAME.png. */
export async function saveScreen(page: Page, name: string): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`screen names are lower-case-with-dashes, not "${name}"`);
  mkdirSync(SCREENS_DIR, { recursive: true });
  const path = `${SCREENS_DIR}${name}.png`;
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}

export const DEMO_PASSWORD = 'koe-demo';

/** Signs in on the sign-in screen (Japanese, the default language) and waits for the inbox. */
export async function signIn(page: Page, username = 'sato', password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'サインイン', exact: true }).click();
  await expect(page.getByRole('region', { name: '意見の一覧' })).toBeVisible();
}

/** Runs `fetch` inside the page, so the browser sets Origin the way it would for the app. */
export function fetchStatusInPage(page: Page, path: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<number> {
  return page.evaluate(async ({ path, init }) => (await fetch(path, init)).status, { path, init });
}
