// The words of the data-safety screens (recovery, start-up problem, disk-full banner), in
// Japanese and English, kept beside the screens. The problem descriptions themselves come from
// main, in both languages, so the error box and these screens say the same thing.
import type { LocalizedText, PendingItem, StoreProblemKind } from '../../../shared/contract-safety.js';
import type { Language } from '../../../shared/domain.js';
import { useI18n } from '../i18n/i18n-context.js';
import { isMessageKey, type Vars } from '../i18n/translate.js';

const ja = {
  'recovery.unsent.title': 'まだサーバーに届いていない作業',
  'recovery.unsent.intro': '次の {count} 件の操作は、まだ事務局のサーバーに送られていません。Koe は新しいデータベースへ引き継ぎますが、引き継げなかったものは失われます。',
  'recovery.unsent.none': '未送信の作業はありません。すべての操作はサーバーに届いています。',
  'recovery.unsent.unreadable': '壊れたファイルから未送信の作業を読み取れませんでした。最後の同期（{when}）より後に行った操作は失われる可能性があります。',
  'recovery.unsent.unreadableNever': '壊れたファイルから未送信の作業を読み取れませんでした。このコンピューターで行ったまだ同期していない操作は失われる可能性があります。',
  'recovery.unsent.partly': '一部しか読み取れませんでした。一覧にない操作は失われる可能性があります。',
  'recovery.col.submission': '意見 ID',
  'recovery.col.action': '操作',
  'recovery.col.when': '操作した日時',
  'recovery.choose': 'どちらかを選んでください',
  'recovery.restore.title': '最新のバックアップから戻す',
  'recovery.restore.body': '{when} のバックアップ（{size}）に戻します。その後の変更はサーバーから取り直します。',
  'recovery.restore.none': 'この鍵で開けるバックアップがありません。',
  'recovery.resync.title': 'サーバーからすべて取り直す',
  'recovery.resync.body': '空のデータベースを作り、事務局のサーバーからすべての意見を取り直します。もう一度サインインが必要です。',
  'recovery.kept': '壊れたファイルは削除せず、データフォルダ内に保管します。',
  'recovery.confirm.title': '実行する前に確認してください',
  'recovery.confirm.restore': '{when} のバックアップに戻します。',
  'recovery.confirm.resync': 'サーバーからすべて取り直します。',
  'recovery.confirm.unsent': '上の一覧の未送信の作業 {count} 件を引き継ぎます。',
  'recovery.confirm.check': '未送信の作業の一覧を確認しました',
  'recovery.confirm.go.restore': 'バックアップから戻す',
  'recovery.confirm.go.resync': 'すべて取り直す',
  'recovery.confirm.cancel': 'やめる',
  'recovery.working': '処理しています…',
  'recovery.failed': '戻せませんでした：{error}',
  'recovery.done.title': 'データベースを復旧しました',
  'recovery.done.carried': '未送信の作業 {count} 件を引き継ぎました。次の同期で送信されます。',
  'recovery.done.lost': '次の {count} 件は引き継げませんでした。必要ならもう一度操作してください。',
  'recovery.done.kept': '壊れたファイルは {path} に保管しています。',
  'recovery.done.continue': '続ける',
  'section.title': 'データの保護',
  'section.lastBackup': '最新のバックアップ: {when}（{size}）',
  'section.noBackup': 'バックアップはまだありません。',
  'section.backupNow': '今すぐバックアップ',
  'section.backupDone': 'バックアップを作成しました（{size}）',
  'section.auditVerify': '監査ログを検証',
  'section.auditOk': '監査ログは改ざんされていません（{count} 件）。',
  'section.auditBroken': '監査ログに問題があります: {problem}',
  'section.auditExport': '監査ログを CSV で書き出す',
  'section.auditSaved': '監査ログ {count} 件を {file} に書き出しました。',
  'section.rekey': 'データベースの鍵を交換…',
  'section.rekeyLead': 'データベースとバックアップを新しい鍵で暗号化し直します。処理中は Koe の操作を待たせます。',
  'section.rekeyConfirm': '鍵を交換する',
  'section.rekeyDone': '鍵を交換しました（{seconds} 秒、バックアップ {count} 件）。',
  'section.failed': 'できませんでした: {error}',
  'startup.whatToDo': '対処方法',
  'startup.code': 'IT 担当向けコード: {code}',
  'startup.restart': '問題を解決したら、Koe をもう一度起動してください。',
  'store.disk_full': 'ディスクがいっぱいのため、変更を保存できません。保存済みのデータは安全です。空きができると自動的に再開します。',
  'store.read_only': 'データフォルダに書き込めないため、変更を保存できません。保存済みのデータは安全です。IT 担当に連絡してください。',
  'store.io_error': 'ディスクのエラーで変更を保存できません。保存済みのデータは安全です。しばらくしてからもう一度お試しください。',
  'store.corrupt': 'データベースが破損しています。',
  'store.retry': 'もう一度試す',
};
export type SafetyKey = keyof typeof ja;

const en: Record<SafetyKey, string> = {
  'recovery.unsent.title': 'Work that has not reached the server yet',
  'recovery.unsent.intro': 'These {count} actions have not been sent to the office server yet. Koe carries them over to the new database; any it cannot carry over are lost.',
  'recovery.unsent.none': 'There is no unsent work: every action has reached the server.',
  'recovery.unsent.unreadable': 'Koe could not read the unsent work from the damaged file. Actions made after the last sync ({when}) may be lost.',
  'recovery.unsent.unreadableNever': 'Koe could not read the unsent work from the damaged file. Actions on this computer that were never synced may be lost.',
  'recovery.unsent.partly': 'Only part of it could be read. Actions not in this list may be lost.',
  'recovery.col.submission': 'Opinion ID',
  'recovery.col.action': 'Action',
  'recovery.col.when': 'Made at',
  'recovery.choose': 'Choose one',
  'recovery.restore.title': 'Restore the latest backup',
  'recovery.restore.body': 'Goes back to the backup of {when} ({size}). Later changes come again from the server.',
  'recovery.restore.none': 'There is no backup that opens with this key.',
  'recovery.resync.title': 'Download everything again',
  'recovery.resync.body': 'Starts an empty database and downloads every opinion again from the office server. You will need to sign in again.',
  'recovery.kept': 'The damaged file is not deleted; it is kept in the data folder.',
  'recovery.confirm.title': 'Check before you go ahead',
  'recovery.confirm.restore': 'Koe goes back to the backup of {when}.',
  'recovery.confirm.resync': 'Koe downloads everything again from the server.',
  'recovery.confirm.unsent': 'The {count} unsent actions listed are carried over.',
  'recovery.confirm.check': 'I have read the list of unsent work',
  'recovery.confirm.go.restore': 'Restore the backup',
  'recovery.confirm.go.resync': 'Download everything',
  'recovery.confirm.cancel': 'Cancel',
  'recovery.working': 'Working…',
  'recovery.failed': 'It did not work: {error}',
  'recovery.done.title': 'The database is working again',
  'recovery.done.carried': '{count} unsent actions were carried over; they are sent at the next sync.',
  'recovery.done.lost': 'These {count} could not be carried over. Do them again if they are still needed.',
  'recovery.done.kept': 'The damaged file is kept in {path}.',
  'recovery.done.continue': 'Continue',
  'section.title': 'Data safety',
  'section.lastBackup': 'Latest backup: {when} ({size})',
  'section.noBackup': 'There is no backup yet.',
  'section.backupNow': 'Back up now',
  'section.backupDone': 'Backup made ({size}).',
  'section.auditVerify': 'Check the audit log',
  'section.auditOk': 'The audit log is intact ({count} entries).',
  'section.auditBroken': 'The audit log has a problem: {problem}',
  'section.auditExport': 'Export the audit log (CSV)',
  'section.auditSaved': '{count} audit entries written to {file}.',
  'section.rekey': 'Rotate the database key…',
  'section.rekeyLead': 'Encrypts the database and its backups again under a new key. Koe waits while it works.',
  'section.rekeyConfirm': 'Rotate the key',
  'section.rekeyDone': 'The key was rotated ({seconds} s, {count} backups).',
  'section.failed': 'It did not work: {error}',
  'startup.whatToDo': 'What to do',
  'startup.code': 'Code for IT: {code}',
  'startup.restart': 'Once the problem is solved, start Koe again.',
  'store.disk_full': 'The disk is full, so changes cannot be saved. Everything saved is safe. Koe carries on by itself once there is room.',
  'store.read_only': 'The data folder cannot be written to, so changes cannot be saved. Everything saved is safe. Contact IT.',
  'store.io_error': 'A disk error keeps changes from being saved. Everything saved is safe. Try again in a moment.',
  'store.corrupt': "Koe's database is damaged.",
  'store.retry': 'Try again',
};

const fill = (template: string, vars?: Vars) => (vars ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : template);

export function safetyText(lang: Language, key: SafetyKey, vars?: Vars): string {
  return fill((lang === 'en' ? en : ja)[key], vars);
}

export const localized = (text: LocalizedText, lang: Language) => (lang === 'en' ? text.en : text.ja);

export const storeProblemKey = (kind: StoreProblemKind): SafetyKey => `store.${kind}`;

/**
 * "Added tag “urgent”" for a pending item, with the workspace's own history wording where it
 * has one (so the list reads like the history pane), else the action's name.
 */
export function describePending(item: PendingItem, t: (key: string, vars?: Vars) => string | null): string {
  return t(`history.${item.action}`, { value: item.detail }) ?? (item.detail ? `${item.action}: ${item.detail}` : item.action);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function useSafetyText() {
  const { lang, t } = useI18n();
  return {
    lang,
    s: (key: SafetyKey, vars?: Vars) => safetyText(lang, key, vars),
    /** The workspace's catalogue, or null where it has no such message. */
    app: (key: string, vars?: Vars) => (isMessageKey(key) ? t(key, vars) : null),
  };
}
