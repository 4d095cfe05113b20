// Replying to a citizen by email, as a staff member does it: open an opinion, press r, pick a
// template, edit, check the preview, send — and the message really arrives at the office's
// relay (the simulator's SMTP sink), once, with reply_sent recorded at the office.
import AxeBuilder from '@axe-core/playwright';
import type { Services } from '../main/services.js';
import { isValidEmail } from '../shared/email.js';
import { readMessage } from '../main/simulator/mail-read.js';
import { expect, test, type Page } from './fixtures.js';
import { saveScreen, signIn } from './helpers.js';

const detail = (page: Page) => page.getByRole('region', { name: /^(意見の詳細|Opinion detail)$/ });

/** Signs in, waits for the first sync, and opens one opinion that has a valid address and a theme. */
async function openReplyable(page: Page, services: Services): Promise<{ id: string; email: string }> {
  await signIn(page);
  await expect(page.getByText(/^最終同期:/)).toBeVisible({ timeout: 30_000 });
  const candidates = services.db
    .prepare(`SELECT id, email FROM submissions WHERE email IS NOT NULL AND theme IS NOT NULL AND language = 'ja' ORDER BY k DESC LIMIT 50`)
    .all() as { id: string; email: string }[];
  const sub = candidates.find((c) => isValidEmail(c.email))!;
  await page.evaluate((id) => (location.hash = `#/inbox?open=${id}`), sub.id);
  await expect(detail(page).getByText(sub.id)).toBeVisible();
  return sub;
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('r opens the composer; a template, an edit and Send put exactly the preview in the citizen’s mailbox, once', async ({ page, services, sim }) => {
  const sub = await openReplyable(page, services);
  await page.locator('body').press('r');
  const composer = page.getByRole('dialog', { name: '返信を作成' });
  await expect(composer).toBeVisible();
  await expect(composer.getByText(/まであなたが返信を担当します。$/)).toBeVisible();

  await composer.getByLabel('テンプレート').selectOption({ label: 'ご意見へのお礼 (ja)' });
  const body = composer.getByLabel('本文');
  await expect(body).toHaveValue(/\{\{received_date\}\}/);
  await body.press('End');
  await body.pressSequentially('\n追伸：ご提案は担当部署でも共有いたしました。');

  // An unknown variable blocks sending and says which.
  await composer.getByLabel('件名').fill('【{{office_name}}】{{subjet}}');
  await expect(composer.getByRole('alert')).toContainText('{{subjet}} は使えない変数です');
  await expect(composer.getByRole('button', { name: '送信' })).toBeDisabled();
  await composer.getByLabel('件名').fill('【{{office_name}}】ご意見をお寄せいただきありがとうございます');

  const preview = composer.getByRole('region', { name: '送信される内容' });
  await expect(preview).toContainText('【政府広聴室（デモ）】ご意見をお寄せいただきありがとうございます');
  await expect(preview).toContainText('追伸：ご提案は担当部署でも共有いたしました。');
  await expect(preview).toContainText('担当：佐藤 花子');
  await expect(preview).not.toContainText('{{');
  const shown = await preview.locator('pre').innerText();
  await saveScreen(page, 'reply-composer');
  expect(await seriousViolations(page)).toEqual([]);

  await composer.getByRole('button', { name: '送信' }).click();
  await expect(composer).toBeHidden();
  await expect(page.getByText('送信トレイに入れました。まもなく送信されます。')).toBeVisible();

  const [got] = await sim.smtp!.waitForMessages(1);
  expect(got.rcptTo).toEqual([sub.email]);
  const m = readMessage(got.raw);
  expect(m.decoded('subject')).toBe('【政府広聴室（デモ）】ご意見をお寄せいただきありがとうございます');
  expect(m.text).toBe(shown);

  // The office has reply_sent, and the history shows the reply.
  await expect.poll(() => (sim.storedEvents() as { type: string; submission_id: string }[]).filter((e) => e.type === 'reply_sent' && e.submission_id === sub.id).length, { timeout: 15_000 }).toBe(1);
  await expect(detail(page).getByText('返信を送信: 【政府広聴室（デモ）】ご意見をお寄せいただきありがとうございます')).toBeVisible();

  // The outbox lists it as sent.
  await page.getByRole('button', { name: 'メール', exact: true }).click();
  const mail = page.getByRole('dialog', { name: 'メール' });
  await mail.getByRole('button', { name: '送信済み' }).click();
  await expect(mail.getByRole('listitem').filter({ hasText: sub.id })).toContainText('送信済み');
  await saveScreen(page, 'reply-outbox');
  expect(await seriousViolations(page)).toEqual([]);
  expect(sim.smtp!.messages).toHaveLength(1);
});

test('someone else holds the reply: the composer names who and until when, and nothing can be sent', async ({ page, services, sim }) => {
  const sub = await openReplyable(page, services);
  await sim.postEventAs('suzuki', { submission_id: sub.id, type: 'reply_claimed', payload: {} });
  await detail(page).getByRole('button', { name: '返信 (r)' }).click();
  const composer = page.getByRole('dialog', { name: '返信を作成' });
  await expect(composer.getByRole('alert').first()).toHaveText(/^鈴木 一郎 さんが \d{2}:\d{2} まで返信を作成中です。$/);
  await expect(composer.getByRole('button', { name: '送信' })).toBeDisabled();
  await composer.getByRole('button', { name: 'キャンセル' }).click();
  await expect(composer).toBeHidden();
  expect(sim.smtp!.attempts).toBe(0);
});

test('a composer left open keeps the reply: the claim is made again before it lapses', async ({ page, services, sim }) => {
  // The page's clock is faked (and otherwise runs as usual) so that 14 minutes can pass at once.
  await page.clock.install();
  const sub = await openReplyable(page, services);
  await page.locator('body').press('r');
  const composer = page.getByRole('dialog', { name: '返信を作成' });
  await expect(composer.getByText(/まであなたが返信を担当します。$/)).toBeVisible();
  const claims = () =>
    sim.posted.events.filter((e) => {
      const body = e.body as { type?: string; submission_id?: string };
      return body.type === 'reply_claimed' && body.submission_id === sub.id && e.status === 201;
    }).length;
  expect(claims()).toBe(1);

  await page.clock.fastForward('14:00');
  await expect.poll(claims).toBe(2);
  await expect(composer.getByText(/まであなたが返信を担当します。$/)).toBeVisible();
  await expect(composer.getByRole('alert')).toHaveCount(0);
});

test('an opinion without a usable address cannot be replied to, and says why', async ({ page, services, sim }) => {
  const sub = await openReplyable(page, services);
  sim.correctSubmission(sub.id, { email: 'not-an-address' });
  await services.runner.syncNow();
  const reply = detail(page).getByRole('button', { name: '返信 (r)' });
  await expect(reply).toBeDisabled();
  await expect(detail(page).getByText('メールアドレスの形式が正しくないため返信できません。')).toBeVisible();
  await page.locator('body').press('r');
  await expect(page.getByRole('dialog', { name: '返信を作成' })).toHaveCount(0);
});
