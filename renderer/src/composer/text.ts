// The words of the reply screens, in Japanese and English. Kept beside the screens that use
// them; `useMailText` follows the window's language like every other message.
import type { ComposerState } from '../../../shared/contract-mail.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { Vars } from '../i18n/translate.js';

const ja = {
  'reply.button': '返信 (r)',
  'reply.continue': '下書きの続きを書く (r)',
  'reply.noEmail': 'メールアドレスがないため返信できません。',
  'reply.invalidEmail': 'メールアドレスの形式が正しくないため返信できません。',
  'reply.heldBy': '{name} さんが {until} まで返信を作成中です。',
  'reply.inOutbox': '返信は送信待ちです（{state}）。',
  'reply.failed': '返信を送れませんでした：{error}',
  'reply.awaiting': '返信は監督者の承認待ちです。',
  'reply.notConfigured': '返信メールの送信設定がまだありません（管理者が「メール」→「送信設定」で設定します）。',
  'composer.title': '返信を作成',
  'composer.claiming': '返信の担当を確保しています…',
  'composer.claimed': '{until} まであなたが返信を担当します。',
  'composer.to': '宛先',
  'composer.toNote': '意見を送った市民のアドレスにのみ送られます。',
  'composer.from': '差出人',
  'composer.replyTo': '返信先',
  'composer.template': 'テンプレート',
  'composer.noTemplate': '（テンプレートを選ぶ）',
  'composer.subject': '件名',
  'composer.body': '本文',
  'composer.variables': '使える変数: {list}',
  'composer.saved': '下書きを保存しました',
  'composer.saving': '保存中…',
  'composer.preview': '送信される内容',
  'composer.problemUnknown': '{{{name}}} は使えない変数です',
  'composer.problemUnfilled': '{{{name}}} に入る値がこの意見にはありません。書き換えてください',
  'composer.send': '送信',
  'composer.propose': '承認を依頼',
  'composer.sending': '送信しています…',
  'composer.cancel': 'キャンセル',
  'composer.queued': '送信トレイに入れました。まもなく送信されます。',
  'composer.proposed': '監督者に承認を依頼しました。',
  'composer.approvalNote': '送信の前に監督者の承認が必要です。',
  'composer.offline': '本庁サーバーに接続できないため、返信の担当を確保できません。下書きは保存されます。',
  'mail.button': 'メール',
  'mail.title': 'メール',
  'mail.tabOutbox': '送信トレイ',
  'mail.tabApprovals': '承認待ち',
  'mail.tabTemplates': 'テンプレート',
  'mail.tabSettings': '送信設定',
  'mail.close': '閉じる',
  'outbox.pending': '送信待ち',
  'outbox.failed': '失敗',
  'outbox.sent': '送信済み',
  'outbox.empty': 'ありません。',
  'outbox.state.queued': '送信待ち',
  'outbox.state.sending': '送信中',
  'outbox.state.sent': '送信済み',
  'outbox.state.failed': '失敗',
  'outbox.state.cancelled': '取消',
  'outbox.attempts': '試行 {n} 回',
  'outbox.next': '次の試行 {time}',
  'outbox.retry': '再送',
  'outbox.cancel': '取り消す',
  'outbox.settingsFailure': '送信設定を確認してください。',
  'approvals.empty': '承認待ちの返信はありません。',
  'approvals.by': '{name} さんが作成',
  'approvals.approve': '承認して送信',
  'approvals.return': '差し戻す',
  'approvals.comment': '差し戻しの理由',
  'templates.new': '新しいテンプレート',
  'templates.id': 'ID（英数字）',
  'templates.name': '名前',
  'templates.language': '言語',
  'templates.save': '保存',
  'templates.delete': '削除',
  'templates.saved': '保存しました。',
  'settings.host': 'SMTPサーバー',
  'settings.port': 'ポート',
  'settings.security': '暗号化',
  'settings.starttls': 'STARTTLS',
  'settings.tls': 'TLS（smtps）',
  'settings.username': 'ユーザー名',
  'settings.password': 'パスワード',
  'settings.passwordKept': '保存済み（変更する場合のみ入力）',
  'settings.clearPassword': 'パスワードを消去',
  'settings.fromAddress': '差出人アドレス',
  'settings.fromName': '差出人名',
  'settings.replyTo': '返信先アドレス',
  'settings.officeName': '部署名（{{office_name}}）',
  'settings.replyApproval': '送信前に監督者の承認を必要とする',
  'settings.locked': '組織のポリシーで設定されています',
  'settings.source.policy': 'SMTPサーバーは組織のポリシーで設定されています。',
  'settings.source.environment': 'SMTPサーバーは KOE_SMTP_URL で設定されています。',
  'settings.save': '保存',
  'settings.saved': '保存しました。',
  'settings.test': '自分たち（返信先アドレス）にテストメールを送る',
  'settings.testSent': '{to} にテストメールを送りました。',
} as const;

export type MailTextKey = keyof typeof ja;

const en: Record<MailTextKey, string> = {
  'reply.button': 'Reply (r)',
  'reply.continue': 'Continue the draft reply (r)',
  'reply.noEmail': 'No email address was given, so there is no one to reply to.',
  'reply.invalidEmail': 'The email address is not valid, so Koe cannot reply.',
  'reply.heldBy': '{name} is writing the reply until {until}.',
  'reply.inOutbox': 'The reply is in the outbox ({state}).',
  'reply.failed': 'The reply could not be sent: {error}',
  'reply.awaiting': "The reply is waiting for a supervisor's approval.",
  'reply.notConfigured': 'Sending replies is not set up yet (an admin sets it under Mail → Settings).',
  'composer.title': 'Reply',
  'composer.claiming': 'Claiming the reply…',
  'composer.claimed': 'You hold the reply until {until}.',
  'composer.to': 'To',
  'composer.toNote': 'Only ever to the address the citizen gave with this opinion.',
  'composer.from': 'From',
  'composer.replyTo': 'Reply-To',
  'composer.template': 'Template',
  'composer.noTemplate': '(choose a template)',
  'composer.subject': 'Subject',
  'composer.body': 'Text',
  'composer.variables': 'Variables: {list}',
  'composer.saved': 'Draft saved',
  'composer.saving': 'Saving…',
  'composer.preview': 'What will be sent',
  'composer.problemUnknown': '{{{name}}} is not a variable Koe knows',
  'composer.problemUnfilled': '{{{name}}} has no value for this opinion: replace it',
  'composer.send': 'Send',
  'composer.propose': 'Ask for approval',
  'composer.sending': 'Sending…',
  'composer.cancel': 'Cancel',
  'composer.queued': 'In the outbox; it will be sent shortly.',
  'composer.proposed': 'Sent to a supervisor for approval.',
  'composer.approvalNote': "A supervisor's approval is needed before it is sent.",
  'composer.offline': 'The office server cannot be reached, so the reply cannot be claimed. Your draft is kept.',
  'mail.button': 'Mail',
  'mail.title': 'Mail',
  'mail.tabOutbox': 'Outbox',
  'mail.tabApprovals': 'To approve',
  'mail.tabTemplates': 'Templates',
  'mail.tabSettings': 'Settings',
  'mail.close': 'Close',
  'outbox.pending': 'Pending',
  'outbox.failed': 'Failed',
  'outbox.sent': 'Sent',
  'outbox.empty': 'Nothing here.',
  'outbox.state.queued': 'Pending',
  'outbox.state.sending': 'Sending',
  'outbox.state.sent': 'Sent',
  'outbox.state.failed': 'Failed',
  'outbox.state.cancelled': 'Cancelled',
  'outbox.attempts': '{n} tries',
  'outbox.next': 'next try {time}',
  'outbox.retry': 'Retry',
  'outbox.cancel': 'Cancel',
  'outbox.settingsFailure': 'Check the mail settings.',
  'approvals.empty': 'No replies are waiting for approval.',
  'approvals.by': 'Written by {name}',
  'approvals.approve': 'Approve and send',
  'approvals.return': 'Return',
  'approvals.comment': 'Why it is returned',
  'templates.new': 'New template',
  'templates.id': 'ID (letters and digits)',
  'templates.name': 'Name',
  'templates.language': 'Language',
  'templates.save': 'Save',
  'templates.delete': 'Delete',
  'templates.saved': 'Saved.',
  'settings.host': 'SMTP server',
  'settings.port': 'Port',
  'settings.security': 'Encryption',
  'settings.starttls': 'STARTTLS',
  'settings.tls': 'TLS (smtps)',
  'settings.username': 'User name',
  'settings.password': 'Password',
  'settings.passwordKept': 'Saved (type only to change it)',
  'settings.clearPassword': 'Clear the password',
  'settings.fromAddress': 'From address',
  'settings.fromName': 'From name',
  'settings.replyTo': 'Reply-To address',
  'settings.officeName': 'Office name ({{office_name}})',
  'settings.replyApproval': "Replies need a supervisor's approval",
  'settings.locked': "Set by your organisation's policy",
  'settings.source.policy': "The SMTP server is set by your organisation's policy.",
  'settings.source.environment': 'The SMTP server is set by KOE_SMTP_URL.',
  'settings.save': 'Save',
  'settings.saved': 'Saved.',
  'settings.test': "Send a test message to ourselves (the Reply-To address)",
  'settings.testSent': 'A test message was sent to {to}.',
};

export function mailText(lang: 'ja' | 'en', key: MailTextKey, vars?: Vars): string {
  const template: string = (lang === 'en' ? en : ja)[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Why a reply cannot be written or sent now, in the window's language. */
export function blockText(lang: 'ja' | 'en', c: ComposerState): string | null {
  const b = c.blocked;
  if (!b) return null;
  switch (b.code) {
    case 'no_email':
      return mailText(lang, 'reply.noEmail');
    case 'invalid_email':
      return mailText(lang, 'reply.invalidEmail');
    case 'claimed_by_other':
      return c.claim ? mailText(lang, 'reply.heldBy', { name: c.claim.holderName ?? c.claim.holder ?? '?', until: clock(c.claim.until, lang) }) : b.message;
    case 'awaiting_approval':
      return mailText(lang, 'reply.awaiting');
    case 'in_outbox':
      return c.message ? mailText(lang, 'reply.inOutbox', { state: mailText(lang, `outbox.state.${c.message.state}`) }) : b.message;
    case 'mail_not_configured':
      return mailText(lang, 'reply.notConfigured');
    default:
      return null;
  }
}

/** A claim the office refused: who holds it and until when, or that the office is out of reach. */
export function claimErrorText(lang: 'ja' | 'en', error: unknown): string {
  const e = error as { code?: string; message?: string; detail?: Record<string, unknown> };
  if (e.code === 'offline') return mailText(lang, 'composer.offline');
  if (e.detail?.reason === 'claimed_by_other') {
    const name = typeof e.detail.holderName === 'string' ? e.detail.holderName : typeof e.detail.holder === 'string' ? e.detail.holder : '?';
    return mailText(lang, 'reply.heldBy', { name, until: clock(typeof e.detail.until === 'string' ? e.detail.until : null, lang) });
  }
  return e.message ?? String(error);
}

export function useMailText() {
  const { lang } = useI18n();
  return (key: MailTextKey, vars?: Vars) => mailText(lang, key, vars);
}

/** A time of day in Japan's time zone, as the office reads it. */
export function clock(iso: string | null | undefined, lang: 'ja' | 'en'): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(Date.parse(iso));
}
