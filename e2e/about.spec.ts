// The About and settings dialog: the build and its signature state, every managed setting with
// who decides it, updates, and diagnostics that carry no personal data.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.js';
import { saveScreen, signIn } from './helpers.js';

test('About shows the build, the settings and who decides them, and copies diagnostics without personal data', async ({ page, dataDir }) => {
  await signIn(page);
  const user = (await page.locator('.topbar-user').textContent()) ?? '';
  const name = user.replace(/（.*$/, '').trim();
  expect(name.length).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Koeについて・設定' }).click();
  const dialog = page.getByRole('dialog', { name: 'Koe について' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('開発版（パッケージ化されていません）')).toBeVisible();
  await expect(dialog.getByText(dataDir)).toBeVisible();
  await expect(dialog.getByText('開発版のため更新しません')).toBeVisible();

  const settings = dialog.getByRole('table');
  await expect(settings.getByRole('row')).toHaveCount(14);
  await expect(settings.getByRole('row', { name: /保存期間（日）/ })).toContainText('365');
  await expect(settings.getByRole('row', { name: /平文の鍵保存を許可/ })).toContainText('オフ');

  await dialog.getByRole('button', { name: '診断情報をコピー' }).click();
  const text = dialog.getByRole('textbox', { name: '診断情報' });
  await expect(text).toBeVisible();
  const diagnostics = await text.inputValue();
  expect(diagnostics).toContain('Koe diagnostics');
  expect(diagnostics).toContain('retentionDays = 365 (default)');
  expect(diagnostics).not.toContain(name);
  expect(diagnostics).not.toContain('sato');
  expect(diagnostics).not.toMatch(/@example\./);
  await expect(dialog.getByRole('status').filter({ hasText: /コピー/ })).toBeVisible();

  await saveScreen(page, 'about');
  const result = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await dialog.getByRole('button', { name: '閉じる' }).click();
  await expect(dialog).toBeHidden();
});

test.describe('settings an administrator changes', () => {
  // The schedule follows the settings here, not the tests' fixed "on demand".
  test.use({ syncIntervalMs: null });

  test('an administrator changes the sync interval on this workstation, and goes back to the default', async ({ page, services }) => {
    await signIn(page, 'ito');
    await page.getByRole('button', { name: 'Koeについて・設定' }).click();
    const dialog = page.getByRole('dialog', { name: 'Koe について' });
    const row = dialog.getByRole('table').getByRole('row', { name: /同期の間隔（分）/ });
    const field = row.getByRole('spinbutton', { name: '同期の間隔（分）' });
    await expect(field).toHaveValue('5');
    // Settings only IT sets stay text.
    await expect(dialog.getByRole('table').getByRole('row', { name: /本庁APIのURL/ }).getByRole('textbox')).toHaveCount(0);

    // A value the setting does not allow: main says why, and nothing changes.
    await field.fill('0');
    await row.getByRole('button', { name: '変更' }).click();
    await expect(row.getByRole('alert')).toContainText('Sync interval');
    expect(services.runner.scheduleMs).toBe(5 * 60_000);

    await field.fill('15');
    await row.getByRole('button', { name: '変更' }).click();
    await expect(row.getByRole('status')).toHaveText('同期の間隔（分）（15）を保存しました。');
    await expect(row).toContainText('利用者の設定');
    expect(services.runner.scheduleMs).toBe(15 * 60_000);
    await saveScreen(page, 'about-setting-changed');
    const result = await new AxeBuilder({ page }).include('dialog').analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    await row.getByRole('button', { name: '既定値に戻す' }).click();
    await expect(row).toContainText('既定値');
    await expect(field).toHaveValue('5');
    expect(services.runner.scheduleMs).toBe(5 * 60_000);
  });
});
