// A little triage history on the most recent submissions, so the demo inbox does not start
// blank: statuses, tags, assignments, notes, a transfer mark and two replies.
import { rngFor } from './random.js';
import { generateSubmission, RICH_SEED_MIN_COUNT, seededReceivedAtMs, type SeedParams } from './seed.js';
import { FORMER_STAFF } from './staff.js';
import { formatJst, MINUTE_MS, HOUR_MS, DAY_MS } from '../time.js';

export interface SeededEvent {
  id: string;
  submission_id: string;
  type: string;
  payload: Record<string, unknown>;
  staff_id: string;
  created_at: string;
  atMs: number;
}

const STREAM_EVENTS = 4;
const MINISTRY_FOR_THEME: Record<string, string> = {
  economy: 'meti', health: 'mhlw', pension: 'mhlw', childcare: 'cfa', education: 'mext', environment: 'env',
  disaster: 'cao', digital: 'digital', tax: 'mof', transport: 'mlit', agriculture: 'maff', foreign: 'mofa',
  defense: 'mod', labour: 'mhlw',
};

export function planSeededEvents(p: SeedParams, isDeleted: (index: number) => boolean): SeededEvent[] {
  if (p.count < RICH_SEED_MIN_COUNT) return [];
  const rng = rngFor(p.seed, STREAM_EVENTS, 0);
  const events: SeededEvent[] = [];
  const window = Math.min(p.count, 150);
  const chosen: number[] = [];
  for (let i = p.count - 2; i >= p.count - window && chosen.length < 18; i--) {
    if (!isDeleted(i) && rng.chance(0.3)) chosen.push(i);
  }
  chosen.forEach((index, k) => {
    const receivedMs = seededReceivedAtMs(p, index);
    const { fields, campaign } = generateSubmission(p, index, receivedMs);
    let at = Math.max(receivedMs + 20 * MINUTE_MS, p.nowMs - 4 * DAY_MS) + rng.int(6 * HOUR_MS);
    if (at > p.nowMs - 30 * MINUTE_MS) at = receivedMs + Math.floor((p.nowMs - receivedMs) / 3);
    if (at <= receivedMs) return;
    const emit = (type: string, staff: string, payload: Record<string, unknown> = {}) => {
      events.push({ id: rng.uuid(), submission_id: fields.id, type, payload, staff_id: staff, created_at: formatJst(at), atMs: at });
      at += MINUTE_MS + rng.int(2 * MINUTE_MS);
    };
    const ministry = MINISTRY_FOR_THEME[fields.theme ?? ''] ?? 'cao';
    const scenario = campaign ? 'campaign' : k % 6;
    switch (scenario) {
      case 'campaign':
        emit('tag_added', 'st-002', { tag: 'キャンペーン' });
        emit('status_set', 'st-002', { status: 'done' });
        break;
      case 0:
        emit('assigned', 'st-004', { staff_id: 'st-001' });
        emit('status_set', 'st-001', { status: 'in_progress' });
        emit('note_added', 'st-001', { text: '所管省庁を確認中です。' });
        break;
      case 1:
        emit('tag_added', 'st-003', { tag: '要確認' });
        emit('note_added', 'st-003', { text: '内容に事実確認が必要な記述があります。' });
        emit('assigned', 'st-003', { staff_id: 'st-003' });
        break;
      case 2:
        emit('status_set', 'st-003', { status: 'spam' });
        emit('note_added', 'st-003', { text: '同一送信元からの連続投稿のため、迷惑投稿として処理しました。' });
        break;
      case 3:
        emit('tag_added', 'st-002', { tag: '回付検討' });
        emit('transfer_marked', 'st-002', { ministry, note: '所管のため回付予定' });
        emit('status_set', 'st-002', { status: 'in_progress' });
        break;
      case 4: {
        const draft = rng.uuid();
        const subject = fields.language === 'en' ? 'Thank you for your message' : 'ご意見をお寄せいただきありがとうございます';
        const body =
          fields.language === 'en'
            ? 'Thank you for your message. We have shared it with the ministry concerned.'
            : 'このたびはご意見をお寄せいただき、誠にありがとうございました。いただいたご意見は担当部署と共有いたします。';
        emit('reply_claimed', 'st-001');
        emit('reply_proposed', 'st-001', { draft_id: draft, subject, body });
        emit('reply_released', 'st-001');
        emit('reply_approved', 'st-004', { draft_id: draft, comment: '問題ありません。送信します。' });
        const sentAt = at;
        emit('reply_sent', 'st-004', { message_id: `<${draft}@koe.office.example>`, subject, body, sent_at: formatJst(sentAt), draft_id: draft });
        emit('status_set', 'st-004', { status: 'done' });
        break;
      }
      default: {
        const messageId = rng.uuid();
        const subject = 'お問い合わせについて';
        const body = 'お問い合わせの内容は、制度を所管する窓口にて詳しくご案内しております。';
        emit('reply_claimed', 'st-002');
        emit('reply_sent', 'st-002', { message_id: `<${messageId}@koe.office.example>`, subject, body, sent_at: formatJst(at) });
        emit('status_set', 'st-002', { status: 'done' });
      }
    }
  });
  // Someone who has since left the office appears in older history.
  if (chosen.length > 0) {
    const index = chosen[chosen.length - 1]!;
    const receivedMs = seededReceivedAtMs(p, index);
    const at = receivedMs + Math.floor((p.nowMs - receivedMs) / 4);
    const { fields } = generateSubmission(p, index, receivedMs);
    events.push({
      id: rng.uuid(),
      submission_id: fields.id,
      type: 'note_added',
      payload: { text: '前任者メモ：同様の意見が過去にも寄せられています。' },
      staff_id: FORMER_STAFF.id,
      created_at: formatJst(at),
      atMs: at,
    });
  }
  return events.sort((a, b) => a.atMs - b.atMs);
}
