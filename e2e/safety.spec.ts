// Data safety as a staff member meets it, in Chromium against the harness: a damaged database
// (the recovery screen lists the unsent work, restores the backup, carries the work over), a
// database Koe cannot open (a clear screen, never a stack trace), and a full disk (a banner
// that says changes are not saved, gone once there is room again).
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { KeyFileProvider } from '../main/keys/key-file.js';
import { openSafeServices } from '../main/safety/safe-services.js';
import { createBackup } from '../main/safety/backup.js';
import { flipBytes } from '../main/safety/testing/seeded-store.js';
import { openServices } from '../main/services.js';
import { dbPath, openStore } from '../main/store/open-store.js';
import { test as base, expect } from './fixtures.js';
import { saveScreen, signIn } from './helpers.js';

type Damage = 'none' | 'submissions page' | 'wrong key';

const test = base.extend<{ damage: Damage; pending: string[] }>({
  damage: ['none', { option: true }],
  // eslint-disable-next-line no-empty-pattern
  pending: async ({}, use) => use([]),

  // The normal services, but opened the way the app opens them (safe services), after this
  // test has prepared the data dir: signed in and synced, with unsent work, a backup, and then
  // the damage it meets.
  services: async ({ sim, dataDir, damage, serverLog, pending }, use) => {
    const keyFile = `${dataDir}.key`;
    if (damage === 'submissions page') {
      const first = await openServices({ dataDir, keyProvider: new KeyFileProvider(keyFile), apiUrl: sim.url, demo: true, syncIntervalMs: 0, log: (l) => serverLog.push(l) });
      await first.dispatch('session:signIn', { username: 'sato', password: 'koe-demo' });
      await first.runner.syncNow();
      const ids = first.db.prepare('SELECT id FROM submissions ORDER BY k DESC LIMIT 3').pluck().all() as string[];
      // Unreachable from here on: the actions stay unsent.
      sim.setFaults({ offline: true });
      const tag = (id: string, t: string) => first.dispatch('triage:act', { target: { ids: [id] }, action: { type: 'tag_added', tag: t } });
      await tag(ids[2], '要確認');
      createBackup(first.db, dataDir);
      await tag(ids[1], '後で連絡');
      await tag(ids[0], '後で連絡');
      pending.push(...ids);
      // The newest rows' page: the inbox reads it first.
      const leaf = first.db.prepare("SELECT pageno FROM dbstat WHERE name = 'submissions' AND pagetype = 'leaf' ORDER BY path DESC LIMIT 1").pluck().get() as number;
      await first.close();
      flipBytes(dbPath(dataDir), (leaf - 1) * 4096 + 700, 48);
    }
    if (damage === 'wrong key') {
      (await openStore(dataDir, new KeyFileProvider(keyFile))).close();
      writeFileSync(keyFile, randomBytes(32).toString('hex'));
    }
    const services = await openSafeServices({
      dataDir,
      keyProvider: new KeyFileProvider(keyFile),
      apiUrl: sim.url,
      demo: true,
      syncIntervalMs: 0,
      firstBackupCheckMs: 3_600_000,
      log: (line) => serverLog.push(line),
    });
    try {
      await use(services);
    } finally {
      await services.close();
      rmSync(keyFile, { force: true });
    }
  },
});

test.describe('a damaged database', () => {
  test.use({ damage: 'submissions page' });

  test('the recovery screen lists the unsent work, restores the backup and carries the work over', async ({ page, sim, services, pending }) => {
    // The inbox reads the damaged page; the window turns to the recovery screen.
    await expect(page.getByRole('heading', { name: 'データベースが破損しています' })).toBeVisible();
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(4);
    for (const id of pending) await expect(page.getByRole('cell', { name: id })).toBeVisible();
    // In the history pane's own words.
    await expect(page.getByRole('cell', { name: 'タグ「後で連絡」を追加' })).toHaveCount(2);
    await expect(page.getByRole('cell', { name: 'タグ「要確認」を追加' })).toHaveCount(1);
    await expect(page.getByText('まだ事務局のサーバーに送られていません')).toBeVisible();
    await saveScreen(page, 'safety-recovery');

    await page.getByRole('button', { name: '最新のバックアップから戻す' }).click();
    const dialog = page.getByRole('dialog', { name: '実行する前に確認してください' });
    await expect(dialog.getByText('未送信の作業 3 件を引き継ぎます')).toBeVisible();
    const go = dialog.getByRole('button', { name: 'バックアップから戻す' });
    await expect(go).toBeDisabled();
    await dialog.getByLabel('未送信の作業の一覧を確認しました').check();
    await go.click();

    await expect(page.getByRole('heading', { name: 'データベースを復旧しました' })).toBeVisible();
    await expect(page.getByText('未送信の作業 2 件を引き継ぎました')).toBeVisible();
    await expect(page.getByText(/set-aside\//)).toBeVisible();
    await page.getByRole('button', { name: '続ける' }).click();

    // Still signed in (the backup holds the session): the workspace, with the work pending.
    await expect(page.getByRole('region', { name: '意見の一覧' })).toBeVisible();
    expect(services.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(3);
    sim.setFaults({ offline: false });
    await services.dispatch('sync:now', {});
    await expect.poll(() => services.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  });
});

test.describe('a database Koe cannot open', () => {
  test.use({ damage: 'wrong key' });

  test('a clear screen says what happened and what to do, in both languages, never a stack trace', async ({ page }) => {
    await expect(page.getByRole('heading', { name: '鍵が合いません' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('データは削除されていません');
    await expect(page.getByText('IT 担当向けコード: wrong_key')).toBeVisible();
    await expect(page.getByText(/SQLITE|\bat .*\.ts:\d+/)).toHaveCount(0);
    await saveScreen(page, 'safety-startup-problem');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'The key does not fit the database' })).toBeVisible();
    await expect(page.getByText('Nothing has been deleted', { exact: false })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'What to do' })).toBeVisible();
  });
});

test.describe('a full disk', () => {
  test('a banner says changes are not saved; it goes once there is room again', async ({ page, services }) => {
    await signIn(page);
    // The first sync done: a write of its own would otherwise clear the banner before the retry.
    await expect(page.getByText(/^最終同期:/)).toBeVisible({ timeout: 30_000 });
    // No room for another page.
    services.db.pragma(`max_page_count = ${services.db.pragma('page_count', { simple: true }) as number}`);
    await services.dispatch('triage:act', { target: { filter: {} }, action: { type: 'note_added', text: 'メモ'.repeat(2000) } });
    const banner = page.getByRole('alert').filter({ hasText: 'ディスクがいっぱい' });
    await expect(banner).toBeVisible();
    await expect(page.getByRole('region', { name: '意見の一覧' })).toBeVisible();
    await saveScreen(page, 'safety-disk-full');
    services.db.pragma('max_page_count = 1073741823');
    await banner.getByRole('button', { name: 'もう一度試す' }).click();
    await expect(banner).toHaveCount(0);
  });
});

test.describe('data safety in About and settings', () => {
  test('an admin backs up, checks and exports the audit log, and rotates the key', async ({ page, dataDir }) => {
    await signIn(page, 'ito');
    await page.getByRole('button', { name: 'Koeについて・設定' }).click();
    const dialog = page.getByRole('dialog', { name: 'Koe について' });
    const section = dialog.getByRole('region', { name: 'データの保護' });
    await expect(section.getByText('バックアップはまだありません。')).toBeVisible();

    await section.getByRole('button', { name: '今すぐバックアップ' }).click();
    await expect(section.getByText(/バックアップを作成しました/)).toBeVisible();
    await expect(section.getByText(/^最新のバックアップ: /)).toBeVisible();

    await section.getByRole('button', { name: '監査ログを検証' }).click();
    await expect(section.getByText(/監査ログは改ざんされていません（\d+ 件）/)).toBeVisible();

    const download = page.waitForEvent('download');
    await section.getByRole('button', { name: '監査ログを CSV で書き出す' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^koe-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8');
    expect(csv).toContain('seq,at,actor,action,detail,prev_hash,hash');
    expect(csv).toContain('backup_created');

    const keyBefore = readFileSync(`${dataDir}.key`, 'utf8');
    await section.getByRole('button', { name: 'データベースの鍵を交換…' }).click();
    await section.getByRole('button', { name: '鍵を交換する' }).click();
    await expect(section.getByText(/鍵を交換しました（[\d.]+ 秒、バックアップ 1 件）/)).toBeVisible();
    expect(readFileSync(`${dataDir}.key`, 'utf8')).not.toBe(keyBefore);
    await saveScreen(page, 'safety-about-section');
  });

  test('a staff member sees only the backup', async ({ page }) => {
    await signIn(page);
    await page.getByRole('button', { name: 'Koeについて・設定' }).click();
    const section = page.getByRole('dialog', { name: 'Koe について' }).getByRole('region', { name: 'データの保護' });
    await expect(section.getByRole('button', { name: '今すぐバックアップ' })).toBeVisible();
    await expect(section.getByRole('button')).toHaveCount(1);
  });
});
