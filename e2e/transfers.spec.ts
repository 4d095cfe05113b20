// Transfers as staff do them: mark three opinions for two ministries (one by keyboard with a
// note, two at once), review and send each batch from the transfers view — one with contact
// data, which asks why — see one ministry accept and the other return its opinion, find the
// returned one back in the inbox, and keep the record for the file (PDF and CSV read back).
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { listAudit } from '../main/store/audit.js';
import { pdfText } from '../main/test-support/pdf-text.js';
import { parseCsv } from '../main/transfers/csv.js';
import { expect, test, type Page } from './fixtures.js';
import { saveScreen, signIn } from './helpers.js';

// Few enough that the simulator seeds no marks of its own, and ministries that decide quickly.
test.use({ simCount: 15, simTransferDecisionMs: 1500 });

const list = (page: Page) => page.getByRole('listbox', { name: '意見の一覧' });
const rows = (page: Page) => list(page).getByRole('option');
const detail = (page: Page) => page.getByRole('region', { name: '意見の詳細' });
const openId = async (page: Page) => (await detail(page).getByText(/^S-\d{4}-\d+$/).innerText()).trim();

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('mark three for two ministries, send, one accepted and one returned back in the inbox, record for the file', async ({ page, sim, services }) => {
  sim.setTransferOutcome('mhlw', 'accepted');
  sim.setTransferOutcome('cfa', 'returned');
  await signIn(page);
  await expect(page.getByText(/^最終同期:/)).toBeVisible({ timeout: 30_000 });

  // Two at once: select the first two rows, then m, choose, confirm.
  await list(page).focus();
  await page.keyboard.press('j');
  const first = await openId(page);
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  const second = await openId(page);
  await page.keyboard.press('x');
  await page.keyboard.press('m');
  const mark = page.getByRole('dialog', { name: '移送先の府省を指定' });
  await expect(mark).toContainText('対象: 2件');
  await mark.getByRole('combobox').fill('厚生労働省');
  await page.keyboard.press('Enter');
  await mark.getByRole('button', { name: '適用' }).click();
  await expect(mark).toBeHidden();

  // One by keyboard, with a note, for another ministry; the theme's ministry is offered first.
  await list(page).focus();
  await page.keyboard.press('j');
  const third = await openId(page);
  const theme = (services.db.prepare('SELECT theme FROM submissions WHERE id = ?').get(third) as { theme: string | null }).theme;
  const suggested = theme ? (services.db.prepare('SELECT ministry FROM transfer_theme_map WHERE theme = ?').get(theme) as { ministry: string } | undefined) : undefined;
  await page.keyboard.press('m');
  if (suggested) await expect(mark.getByRole('group', { name: 'テーマからの候補' })).toBeVisible();
  await mark.getByLabel('移送メモ（任意）').fill('子育て支援の所管');
  await mark.getByRole('combobox').fill('こども家庭庁');
  await mark.getByRole('combobox').press('Enter');
  await expect(mark).toBeHidden();
  await expect(detail(page).getByText('子育て支援の所管')).toBeVisible();
  await expect(rows(page).filter({ hasText: 'こども家庭庁' })).toHaveCount(1);

  // An inactive ministry is not even offered.
  await page.keyboard.press('m');
  await mark.getByRole('combobox').fill('社会保険庁');
  await expect(mark.getByRole('option')).toHaveCount(0);
  await page.keyboard.press('Escape');

  // The transfers view: two ministries waiting, three opinions.
  await page.getByRole('navigation', { name: '画面' }).getByRole('link', { name: '移送' }).click();
  await expect(page.getByRole('heading', { name: '府省への移送' })).toBeVisible();
  const mhlw = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '厚生労働省' }) });
  const cfa = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'こども家庭庁' }) });
  await expect(mhlw).toContainText('2件');
  await expect(cfa).toContainText('1件');
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreen(page, 'transfers-pending');

  // Review the first batch: with contact data, which needs a reason.
  await page.getByRole('button', { name: '確認して移送（厚生労働省）' }).click();
  const review = page.getByRole('dialog', { name: '厚生労働省への移送' });
  await expect(review.getByRole('checkbox', { name: `${first} を含める` })).toBeChecked();
  await expect(review.getByRole('checkbox', { name: `${second} を含める` })).toBeChecked();
  await review.getByLabel('送付書の備考').fill('年金・医療に関するご意見を回付します。');
  const contact = review.getByRole('checkbox', { name: '連絡先（メールアドレス・年代）を含める' });
  await expect(contact).not.toBeChecked();
  await contact.check();
  await review.getByRole('button', { name: '2件を移送' }).click();
  await expect(review.getByRole('alert')).toHaveText('連絡先を含める理由を入力してください。');
  await review.getByLabel('連絡先を含める理由（監査ログに記録）').fill('厚生労働省から回答のため連絡先の提供依頼あり');
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreen(page, 'transfers-review');
  await review.getByRole('button', { name: '2件を移送' }).click();
  await expect(review).toBeHidden();

  await page.getByRole('button', { name: '確認して移送（こども家庭庁）' }).click();
  const review2 = page.getByRole('dialog', { name: 'こども家庭庁への移送' });
  await expect(review2.getByText('指定時のメモ: 子育て支援の所管')).toBeVisible();
  await review2.getByRole('button', { name: '1件を移送' }).click();
  await expect(review2).toBeHidden();
  await expect(page.getByText('移送待ちの意見はありません。')).toBeVisible();

  // Sent once each; then the ministries decide and a sync brings their answers.
  const history = page.getByRole('region', { name: '移送の記録' }).or(page.locator('section', { has: page.getByRole('heading', { name: '移送の記録' }) }));
  const table = history.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(page.getByText('この端末から送信待ちの移送はありません。')).toBeVisible();
  await expect
    .poll(
      async () => {
        await page.getByRole('button', { name: /今すぐ同期|再試行/ }).first().click();
        return (await table.innerText()).includes('受理') && (await table.innerText()).includes('差し戻し');
      },
      { timeout: 20_000, intervals: [1000] },
    )
    .toBe(true);
  const mhlwRow = table.getByRole('row').filter({ hasText: '厚生労働省' });
  const cfaRow = table.getByRole('row').filter({ hasText: 'こども家庭庁' });
  await expect(mhlwRow).toContainText('受理');
  await expect(mhlwRow).toContainText('含む');
  await expect(cfaRow).toContainText('差し戻し');
  const reason = ((sim.storedTransfers() as { ministry: string; reason: string | null }[]).find((t) => t.ministry === 'cfa')!.reason)!;
  await expect(cfaRow).toContainText(reason);
  // The returned opinion waits again, flagged, for re-routing.
  await expect(cfa).toContainText(`差し戻し: ${reason}`);
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreen(page, 'transfers-tracked');

  // The record for the file: the cover sheet and the items, read back.
  const pdf = await download(page, () => mhlwRow.getByRole('button', { name: /^送付書 PDF/ }).click());
  expect(pdf.name).toMatch(/^koe-transfer-mhlw-\d{8}-[0-9a-f]{8}\.pdf$/);
  const text = await pdfText(pdf.bytes);
  for (const s of ['意見移送票', '厚生労働省', '佐藤 花子', '2件', '年金・医療に関するご意見を回付します。', '含む（メールアドレス・年代）']) expect(text).toContain(s);
  expect(pdf.bytes.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansJP-Regular/);

  await mhlwRow.getByRole('button', { name: /^一覧 CSV/ }).click();
  const confirm = page.getByRole('dialog', { name: '連絡先を含む一覧を書き出しますか？' });
  const csv = await download(page, () => confirm.getByRole('button', { name: '書き出して記録する' }).click());
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csvRows = parseCsv(csv.bytes.toString('utf8'));
  expect(csvRows[0]).toEqual(['id', 'received_at', 'category', 'theme', 'body', 'email', 'age_band']);
  expect(csvRows.slice(1).map((r) => r[0]).sort()).toEqual([first, second].sort());
  const emails = services.db.prepare('SELECT id, email FROM submissions WHERE id IN (?, ?)').all(first, second) as { id: string; email: string | null }[];
  for (const e of emails) expect(csvRows.find((r) => r[0] === e.id)![5]).toBe(e.email ?? '');
  const audit = listAudit(services.db, 20).map((e) => e.action);
  expect(audit).toContain('transfer_contact_included');
  expect(audit).toContain('transfer_exported_with_contact');

  const plain = await download(page, () => cfaRow.getByRole('button', { name: /^一覧 CSV/ }).click());
  const plainRows = parseCsv(plain.bytes.toString('utf8'));
  expect(plainRows[0]).toEqual(['id', 'received_at', 'category', 'theme', 'body']);
  expect(plainRows.slice(1).map((r) => r[0])).toEqual([third]);

  // Back in the inbox, the returned opinion is flagged and has a view of its own.
  await page.getByRole('navigation', { name: '画面' }).getByRole('link', { name: '受付一覧' }).click();
  await page.getByRole('button', { name: /^差し戻し/ }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(`こども家庭庁から差し戻し: ${reason}`);
  await rows(page).first().click();
  const transfers = detail(page).getByRole('region', { name: '移送の状況' }).or(detail(page).locator('section', { has: page.getByRole('heading', { name: '移送の状況' }) }));
  await expect(transfers).toContainText('差し戻し');
  await expect(transfers).toContainText(reason);
  await saveScreen(page, 'transfers-returned-inbox');

  // Re-routed: unmarked for the ministry that returned it, the flag goes.
  await detail(page).getByRole('button', { name: '移送先「こども家庭庁」を外す' }).click();
  await expect(rows(page)).toHaveCount(0);
  expect((sim.storedTransfers() as unknown[]).length).toBe(2);
});

test('the office refuses a batch naming a deleted opinion: shown, and the rest is resent', async ({ page, sim, services }) => {
  await signIn(page);
  await expect(page.getByText(/^最終同期:/)).toBeVisible({ timeout: 30_000 });
  const ids = (services.db.prepare('SELECT id FROM submissions ORDER BY k DESC LIMIT 2').all() as { id: string }[]).map((r) => r.id);
  const r = await services.dispatch('triage:act', { target: { ids }, action: { type: 'transfer_marked', ministry: 'env', note: null } });
  expect(r.ok).toBe(true);
  // Withdrawn at the office after it was marked here, before this workstation heard of it:
  // the marks have reached the office (a mark pushed after the withdrawal is refused and
  // dropped, so Koe would leave the item out itself) and no sync is running to pull the tombstone.
  await expect.poll(() => {
    const status = services.runner.getStatus();
    return status.running || status.pendingOutbox > 0;
  }, { timeout: 30_000 }).toBe(false);
  sim.deleteSubmission(ids[0]!, 'withdrawn');

  await page.goto(`${page.url().split('#')[0]}#/transfers`);
  await page.getByRole('button', { name: '確認して移送（環境省）' }).click();
  await page.getByRole('dialog', { name: '環境省への移送' }).getByRole('button', { name: '2件を移送' }).click();

  const refused = page.getByRole('listitem').filter({ hasText: '受付拒否' });
  await expect(refused.getByRole('alert')).toContainText(ids[0]!);
  await expect(refused).toContainText(`対象外とされた意見: ${ids[0]}`);
  await saveScreen(page, 'transfers-refused');
  await refused.getByRole('button', { name: '対象外を除いて再送（1件）' }).click();
  await expect(page.getByText('この端末から送信待ちの移送はありません。')).toBeVisible();
  const stored = sim.storedTransfers() as { ministry: string; submission_ids: string[] }[];
  expect(stored).toEqual([expect.objectContaining({ ministry: 'env', submission_ids: [ids[1]] })]);
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: '環境省' })).toContainText('回付済み');
});
