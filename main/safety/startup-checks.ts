// What a staff member sees when Koe cannot open its data: for each failure they can meet, a
// title, what happened and what to do, in Japanese and English. Pure, so every case is tested;
// the app's error box and the renderer's start-up screen both show it. Never a stack trace.
// Also the checks made before the database is opened (network share, read-only folder).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LocalizedText, StartupFailureCode, StartupProblemInfo } from '../../shared/contract-safety.js';
import { KeyError } from '../keys/key-provider.js';
import { StoreError } from '../store/db.js';
import { networkShareOf } from './network-share.js';
import { storeFailureKind } from './store-failure.js';

/** A problem found before opening the database, with the facts the description needs. */
export class StartupCheckError extends Error {
  constructor(
    readonly code: 'network_share' | 'read_only' | 'disk_full' | 'settings_corrupt' | 'not_configured',
    message: string,
    readonly where: string,
  ) {
    super(message);
    this.name = 'StartupCheckError';
  }
}

const t = (ja: string, en: string): LocalizedText => ({ ja, en });
const NOTHING_DELETED = t('データは削除されていません。', 'Nothing has been deleted.');
const join2 = (a: LocalizedText, b: LocalizedText): LocalizedText => ({ ja: `${a.ja}${b.ja}`, en: `${a.en} ${b.en}` });

function info(code: StartupFailureCode, title: LocalizedText, whatHappened: LocalizedText, whatToDo: LocalizedText, recoverable = false): StartupProblemInfo {
  return { code, title, whatHappened: join2(whatHappened, NOTHING_DELETED), whatToDo, recoverable };
}

/** Failure → code. KeyError and StoreError codes are Koe's own; anything else is "unknown". */
export function startupFailureCode(error: unknown): StartupFailureCode {
  if (error instanceof StartupCheckError) return error.code;
  if (error instanceof KeyError) {
    switch (error.code) {
      case 'no_encryption':
        return 'keychain_unavailable';
      case 'plaintext_backend':
        return 'keychain_plaintext';
      case 'backend_changed':
        return 'keychain_changed';
      case 'unwrap_failed':
      case 'bad_key_file':
        return 'key_unreadable';
    }
  }
  if (error instanceof StoreError) {
    if (error.code === 'wrong_key') return /key is missing/.test(error.message) ? 'key_missing' : 'wrong_key';
    if (error.code === 'newer_schema') return 'newer_schema';
    if (error.code === 'corrupt') return 'corrupt';
    if (error.code === 'migration_failed') return 'migration_failed';
    if (error.code === 'unwritable') return 'read_only';
  }
  const kind = storeFailureKind(error);
  if (kind === 'disk_full') return 'disk_full';
  if (kind === 'read_only') return 'read_only';
  if (kind === 'corrupt') return 'corrupt';
  if (error instanceof Error && error.name === 'StartupProblem') return 'not_configured';
  return 'unknown';
}

/**
 * A managed policy file that could not be read or parsed: Koe started on defaults, and if that
 * leaves it without an office server, the damaged file is the thing to fix. Picked from the
 * policy readers' warnings ("Managed policy FILE is not valid JSON …").
 */
export function settingsProblem(policyWarnings: readonly string[]): StartupCheckError | null {
  for (const w of policyWarnings) {
    const m = /^Managed policy (.+?) (?:is not valid JSON|cannot be read)/.exec(w);
    if (m) return new StartupCheckError('settings_corrupt', w, m[1]);
  }
  return null;
}

/**
 * The screen for a start-up failure. `detail` is shown where it helps the person acting (the
 * key store's own message, the share's name); paths of the user's data never appear in a title.
 * `policyWarnings`: what the policy readers reported, so a missing setting caused by a damaged
 * policy file is described as the damaged file.
 */
export function describeStartupFailure(cause: unknown, o: { policyWarnings?: readonly string[] } = {}): StartupProblemInfo {
  const settings = startupFailureCode(cause) === 'not_configured' ? settingsProblem(o.policyWarnings ?? []) : null;
  const error = settings ?? cause;
  const code = startupFailureCode(error);
  const message = error instanceof Error ? error.message : '';
  const where = error instanceof StartupCheckError ? error.where : '';
  switch (code) {
    case 'keychain_unavailable':
      return info(
        code,
        t('データの鍵を取り出せません', 'Koe cannot unlock its data'),
        t('OS のパスワード保管庫（キーチェーン／キーリング）が使えないため、データベースの鍵を取り出せません。', 'The system password store (keychain or keyring) is not available, so Koe cannot unlock its database key.'),
        t('いつもの方法でサインインし直し、キーリングを解除してから Koe を起動してください。続く場合は IT 担当に連絡してください。', 'Sign in to your computer normally, unlock the keyring, then start Koe again. If it keeps happening, contact IT.'),
      );
    case 'keychain_plaintext':
      return info(
        code,
        t('鍵を安全に保管できません', 'Koe cannot keep its key safe'),
        t(`このセッションのパスワード保管庫は鍵を暗号化しないため、Koe は鍵を保存しません。（${message}）`, `This session's password store does not encrypt the key, so Koe will not store it there. (${message})`),
        t('キーリングのあるデスクトップ セッションで起動してください。IT 担当はポリシー "allowBasicTextKeystore" でこのリスクを受け入れることができます。', 'Start Koe in a desktop session with a keyring. IT can accept the risk with the policy setting "allowBasicTextKeystore".'),
      );
    case 'keychain_changed':
      return info(
        code,
        t('パスワード保管庫が変わりました', "The system's password store has changed"),
        t(`鍵は別のパスワード保管庫で保護されています。新しい鍵を作ると未送信の作業が失われるため、Koe は起動を止めました。（${message}）`, `The key is protected by another password store. Making a new key would lose unsent work, so Koe stopped. (${message})`),
        t('以前と同じパスワード保管庫のセッションで起動するか、IT 担当に連絡してください。', 'Start Koe in a session that uses the previous password store, or contact IT.'),
      );
    case 'key_unreadable':
      return info(
        code,
        t('鍵ファイルを読めません', "Koe's key file cannot be read"),
        t(`データベースの鍵ファイルが壊れているか、この利用者では開けません。（${message}）`, `The database key file is damaged or belongs to another user. (${message})`),
        t('IT 担当に連絡し、鍵ファイルをバックアップから戻してもらってください。Koe は鍵ファイルを変更していません。', 'Contact IT to restore the key file from a backup. Koe has not changed it.'),
      );
    case 'key_missing':
      return info(
        code,
        t('データベースの鍵がありません', "Koe's database key is missing"),
        t('データベースはありますが、その鍵が見つかりません（キーチェーンが初期化された、または別のコンピューターから移した可能性があります）。', 'The database is here but its key is not (the keychain may have been reset, or the data was moved from another computer).'),
        t('IT 担当に連絡してください。鍵を戻せない場合、IT 担当がデータフォルダを退避してから、サーバーから再同期できます。', 'Contact IT. If the key cannot be brought back, IT can move the data folder aside and Koe will download everything again from the office server.'),
      );
    case 'wrong_key':
      return info(
        code,
        t('鍵が合いません', 'The key does not fit the database'),
        t('データベースの鍵が違うか、Koe のデータベースではないファイルです。', 'The database key is wrong, or the file is not a Koe database.'),
        t('IT 担当に連絡してください。鍵とデータベースの組み合わせを確認できます（koe doctor）。', 'Contact IT; they can check the key and the database with "koe doctor".'),
      );
    case 'newer_schema':
      return info(
        code,
        t('新しい版の Koe のデータです', 'This data is from a newer Koe'),
        t('データベースは新しい版の Koe で書かれたため、この版では開けません。', 'The database was written by a newer version of Koe, which this version cannot open.'),
        t('新しい版の Koe をインストールしてください（IT 担当に依頼）。データはそのまま残してあります。', 'Install the newer Koe (ask IT). The data was left exactly as it was.'),
      );
    case 'corrupt':
      return info(
        code,
        t('データベースが破損しています', "Koe's database is damaged"),
        t('データベースファイルの一部が読めません。Koe はこのファイルへの書き込みを止め、ファイルをそのまま保管しています。', 'Part of the database file cannot be read. Koe has stopped writing to it and keeps the file as it is.'),
        t('最新のバックアップから戻すか、サーバーからすべて取り直してください。まだ送信されていない作業は、下の一覧で確認できます。', 'Restore the latest backup, or download everything again from the office server. The unsent work at stake is listed below.'),
        true,
      );
    case 'migration_failed':
      return info(
        code,
        t('データベースを更新できません', 'Koe could not update its database'),
        t(`新しい版に合わせたデータベースの更新に失敗しました。データベースは更新前のままです。（${message}）`, `Updating the database for this version failed; the database is as it was before. (${message})`),
        t('もう一度起動してください。続く場合は IT 担当に連絡してください。', 'Start Koe again. If it keeps happening, contact IT.'),
      );
    case 'settings_corrupt':
      return info(
        code,
        t('設定ファイルが壊れています', "Koe's settings file is damaged"),
        t(`設定ファイル ${where} を読めません。`, `The settings file ${where} cannot be read.`),
        t('IT 担当に連絡し、設定ファイル（管理ポリシー）を直してもらってください。', 'Contact IT to repair the settings file (the managed policy).'),
      );
    case 'network_share':
      return info(
        code,
        t('データフォルダがネットワーク上にあります', "Koe's data folder is on a network share"),
        t(`データフォルダ（${where}）はネットワーク共有上にあります。ネットワーク上ではデータベースが壊れるおそれがあるため、Koe は開きません。`, `The data folder (${where}) is on a network share. A database there can be damaged by the network, so Koe does not open it.`),
        t('IT 担当に、データフォルダをこのコンピューターのローカルディスクに設定してもらってください（ポリシー "dataDir"）。', 'Ask IT to set the data folder to this computer\'s local disk (policy setting "dataDir").'),
      );
    case 'read_only':
      return info(
        code,
        t('データフォルダに書き込めません', "Koe cannot write to its data folder"),
        t(`データフォルダ${where ? `（${where}）` : ''}が読み取り専用か、書き込む権限がありません。`, `The data folder${where ? ` (${where})` : ''} is read-only, or Koe lacks permission to write to it.`),
        t('IT 担当に、フォルダを書き込めるようにしてもらってください。', 'Ask IT to make the folder writable again.'),
      );
    case 'disk_full':
      return info(
        code,
        t('ディスクがいっぱいです', 'The disk is full'),
        t('ディスクに空きがないため、Koe はデータを保存できません。', 'There is no free space on the disk, so Koe cannot save its data.'),
        t('不要なファイルを削除して空きを作り、Koe をもう一度起動してください。', 'Free some disk space, then start Koe again.'),
      );
    case 'not_configured':
      return info(
        code,
        t('Koe の設定が済んでいません', 'Koe is not set up'),
        t(message || '接続先の設定がありません。', message || 'Koe has no office server configured.'),
        t('IT 担当に連絡してください。', 'Contact IT.'),
      );
    case 'unknown':
      return info(
        code,
        t('Koe を起動できませんでした', 'Koe could not start'),
        t('予期しない問題で Koe を起動できませんでした。', 'An unexpected problem kept Koe from starting.'),
        t('もう一度起動してください。続く場合は IT 担当に連絡してください。', 'Start Koe again. If it keeps happening, contact IT.'),
      );
  }
}

/** The nearest existing folder at or above `path`, with symlinks resolved. */
function existingReal(path: string): string {
  let p = path;
  for (;;) {
    try {
      return realpathSync(p);
    } catch {
      const up = dirname(p);
      if (up === p) return p;
      p = up;
    }
  }
}

/**
 * Checks made before the database is opened; throws a StartupCheckError. `readMounts` returns the
 * mount table's text (Linux /proc/mounts; on macOS the output of `mount`), or null.
 */
export function runStartupChecks(o: { dataDir: string; platform: NodeJS.Platform; readMounts?: () => string | null }): void {
  const share = networkShareOf(o.platform === 'win32' ? o.dataDir : existingReal(o.dataDir), o.platform, o.platform === 'win32' ? null : (o.readMounts ?? defaultMounts)());
  if (share) throw new StartupCheckError('network_share', `the data folder is on a network share: ${share.where}`, share.where);
  try {
    mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
    accessSync(o.dataDir, constants.W_OK);
    // access() answers for permissions, not for a read-only mount or a full disk: really write.
    const probe = join(o.dataDir, `.write-check-${process.pid}`);
    writeFileSync(probe, 'koe');
    rmSync(probe, { force: true });
  } catch (err) {
    const kind = storeFailureKind(err);
    if (kind === 'disk_full') throw new StartupCheckError('disk_full', 'the disk is full', o.dataDir);
    if (kind === 'read_only') throw new StartupCheckError('read_only', `the data folder cannot be written: ${(err as Error).message}`, o.dataDir);
    throw err;
  }
}

function defaultMounts(): string | null {
  try {
    if (process.platform === 'darwin') return execFileSync('/sbin/mount', { encoding: 'utf8', timeout: 2000 });
    return readFileSync('/proc/mounts', 'utf8');
  } catch {
    return null;
  }
}
