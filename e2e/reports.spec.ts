// The reports screen as a supervisor uses it: open it from the top bar, read the charts and the
// tables beside them, narrow by a filter and by dates, export for publication (a download in the
// harness, recorded in the audit log). Staff are not offered the screen, and main refuses them.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Envelope } from '../shared/contract-kit.js';
import type { Report } from '../shared/contract-reports.js';
import { listAudit } from '../main/store/audit.js';
import { expect, test, type Page } from './fixtures.js';
import { saveScreen, signIn } from './helpers.js';

test.use({ simCount: 1500 });

/** Today in Tokyo, and the day `days` before it. */
const tokyo = (days = 0) => new Date(Date.now() + 9 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);

async function signInSynced(page: Page, username: string) {
  await signIn(page, username);
  await expect(page.getByText(/^最終同期:/)).toBeVisible({ timeout: 30_000 });
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
});

test('a supervisor reads every chart with its table, filters, and exports for publication', async ({ page, services }) => {
  test.setTimeout(180_000);
  await signInSynced(page, 'tanaka');
  // A little office history, made through the same calls the workspace makes.
  const act = async (name: string, input: unknown) => {
    const r = (await services.dispatch(name, input)) as Envelope<unknown>;
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value;
  };
  await act('triage:act', { target: { filter: { to: tokyo(20), category: ['opinion', 'request'] } }, action: { type: 'status_set', status: 'done' } });
  await act('triage:act', { target: { filter: { to: tokyo(10), from: tokyo(19), category: ['question'] } }, action: { type: 'status_set', status: 'in_progress' } });
  await act('triage:act', { target: { filter: { theme: ['childcare'] } }, action: { type: 'tag_added', tag: '子育て支援' } });
  await act('triage:act', { target: { filter: { theme: ['pension'], to: tokyo(30) } }, action: { type: 'tag_added', tag: '年金記録' } });
  const ids = (services.db.prepare(`SELECT id FROM submissions WHERE theme = 'childcare' ORDER BY k DESC LIMIT 6`).all() as { id: string }[]).map((x) => x.id);
  await act('triage:act', { target: { ids }, action: { type: 'transfer_marked', ministry: 'cfa', note: null } });
  await act('transfers:send', { ministry: 'cfa', submissionIds: ids, note: '所管のため移送します' });
  await expect
    .poll(async () => {
      await services.runner.syncNow();
      return (services.db.prepare('SELECT count(*) AS n FROM transfers').get() as { n: number }).n;
    }, { timeout: 60_000 })
    .toBeGreaterThan(0);
  // Campaign grouping runs in the background after a sync; the report is read once it is done.
  await expect.poll(() => (services.db.prepare('SELECT count(*) AS n FROM similar_pending').get() as { n: number }).n, { timeout: 60_000 }).toBe(0);
  const grouped = (services.db.prepare('SELECT count(DISTINCT group_id) AS n FROM submissions WHERE group_id IS NOT NULL').get() as { n: number }).n;
  expect(grouped).toBeGreaterThan(0);

  await page.getByRole('navigation', { name: '画面' }).getByRole('link', { name: '集計' }).click();
  await expect(page.getByRole('heading', { name: '集計レポート' })).toBeVisible();

  // The last 12 months, by month: every opinion the workstation holds.
  await page.getByRole('button', { name: '過去12か月' }).click();
  const held = (services.db.prepare('SELECT count(*) AS n FROM submissions WHERE k >= ?').get((Date.parse(`${tokyo(364)}T00:00:00+09:00`)) * 1024) as { n: number }).n;
  const kpis = page.getByLabel('主な数値');
  await expect(kpis.getByText('受付件数')).toBeVisible();
  await expect(kpis.locator('dd').first()).toHaveText(held.toLocaleString('ja-JP'));

  // Every chart has its table beside it, with the same total.
  for (const title of ['受付件数の推移', '種別', 'テーマ', '年代', '受付経路', '状態', '未処理の意見（待ち日数別）', '初回返信までの時間', '移送（府省・結果別）', 'よく使われたタグ']) {
    const panel = page.getByRole('region', { name: title, exact: true });
    await expect(panel).toBeVisible();
    await expect(panel.locator('.recharts-surface').first()).toBeVisible();
    await expect(panel.getByRole('table', { name: `表: ${title}` })).toBeVisible();
  }
  // The simulator's campaigns, grouped by the workstation, are listed with their sizes.
  const campaigns = page.getByRole('region', { name: '同一内容の意見（キャンペーン）' });
  await expect(campaigns.getByRole('table')).toBeVisible();
  await expect(campaigns.getByRole('table').getByRole('row')).not.toHaveCount(0);
  const category = page.getByRole('region', { name: '種別', exact: true });
  await expect(category.getByRole('table').locator('tfoot')).toContainText(held.toLocaleString('ja-JP'));
  const backlog = page.getByRole('region', { name: '未処理の意見（待ち日数別）' });
  await expect(backlog.getByRole('row', { name: /^対応中/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'よく使われたタグ' }).getByRole('row', { name: /子育て支援/ })).toBeVisible();

  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await saveScreen(page, 'reports');
  // The whole screen at once (it scrolls inside the window), for review.
  await page.setViewportSize({ width: 1440, height: 3600 });
  await expect(page.getByRole('region', { name: '書き出し' })).toBeInViewport();
  await saveScreen(page, 'reports-full');
  await page.setViewportSize({ width: 1440, height: 1000 });

  // The same figures main gives, for the range on screen.
  const r = (await services.dispatch('reports:get', { from: tokyo(364), to: tokyo(0), granularity: 'month' })) as Envelope<Report>;
  expect(r.ok && r.value.totals.received).toBe(held);

  // A filter narrows every figure.
  await page.getByText('種別', { exact: true }).first().click();
  await page.getByRole('group', { name: '絞り込み' }).getByRole('checkbox', { name: '苦情' }).check();
  const complaints = (r.ok ? r.value.byCategory.find((c) => c.code === 'complaint')?.count : 0) ?? 0;
  await expect(kpis.locator('dd').first()).toHaveText(complaints.toLocaleString('ja-JP'));
  await expect(page).toHaveURL(/category=complaint/);
  await page.getByRole('button', { name: '絞り込みを解除' }).click();
  await expect(kpis.locator('dd').first()).toHaveText(held.toLocaleString('ja-JP'));

  // Export for publication: a download in the harness, recorded before it left main.
  const exportPanel = page.getByRole('region', { name: '書き出し' });
  await exportPanel.getByText('CSV', { exact: true }).click();
  await exportPanel.getByRole('checkbox', { name: /公表用にする/ }).check();
  const [download] = await Promise.all([page.waitForEvent('download'), exportPanel.getByRole('button', { name: '書き出す' }).click()]);
  expect(download.suggestedFilename()).toBe(`koe-report_${tokyo(364)}_${tokyo(0)}_publication.csv`);
  const text = readFileSync(await download.path()).toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain('意見の集計（公表用）');
  expect(text).not.toContain('子育て支援');
  await expect(exportPanel.getByText(/をダウンロードしました。$/)).toBeVisible();
  const entry = listAudit(services.db, 20).find((e) => e.action === 'report_exported');
  expect(entry?.actor).toBe('st-004');
  expect(JSON.parse(entry!.detail)).toMatchObject({ format: 'csv', mode: 'publication', threshold: 5, from: tokyo(364), to: tokyo(0) });

  // In English, the same screen.
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByRole('heading', { name: 'Reports', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Open opinions by days waiting' })).toBeVisible();
  await expect(page.getByLabel('Key figures').locator('dd').first()).toHaveText(held.toLocaleString('en-GB'));
  await saveScreen(page, 'reports-en');
});

test('staff are not offered reports, and main refuses them', async ({ page, services }) => {
  await signInSynced(page, 'sato');
  const nav = page.getByRole('navigation', { name: '画面' });
  await expect(nav.getByRole('link', { name: '移送' })).toBeVisible();
  await expect(nav.getByRole('link', { name: '集計' })).toHaveCount(0);
  await page.goto(`${page.url().split('#')[0]}#/reports`);
  await expect(page.getByRole('heading', { name: '集計レポート' })).toHaveCount(0);
  const r = (await services.dispatch('reports:get', { from: tokyo(30), to: tokyo(0) })) as Envelope<Report>;
  expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(listAudit(services.db, 10).some((e) => e.action === 'role_refused' && JSON.parse(e.detail).call === 'reports:get')).toBe(true);
});
