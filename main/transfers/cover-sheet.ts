// The PDF cover sheet that goes on the file with each transfer: to whom, when (Asia/Tokyo), by
// whom, how many, with or without contact data, and the covering note, in Japanese with the
// English beside it. Noto Sans JP is embedded (subset), so the sheet reads the same anywhere.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { tokyoDateTimeJa } from './tokyo-time.js';

export interface CoverSheetInfo {
  transferId: string;
  ministryCode: string;
  /** Null when the ministry is not in the reference list: the code is shown raw. */
  ministryJa: string | null;
  ministryEn: string | null;
  createdAt: string;
  staffId: string | null;
  staffName: string | null;
  count: number;
  note: string;
  includeContact: boolean;
  status: string;
  reason: string | null;
  submissionIds: readonly string[];
}

export const FONT_FILE = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');
let fontBytes: Buffer | null = null;
const font = () => (fontBytes ??= readFileSync(FONT_FILE));

const STATUS_JA: Record<string, string> = { submitted: '回付済み（回答待ち）', accepted: '受理', returned: '返付' };

export function coverSheetPdf(info: CoverSheetInfo): Promise<Buffer> {
  const created = new Date(Date.parse(info.createdAt) || 0);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `移送票 ${info.transferId}`, Author: 'Koe', Subject: 'Transfer cover sheet', CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont('jp', font());
  doc.font('jp');
  doc.fontSize(20).text('意見移送票', { align: 'center' });
  doc.fontSize(10).fillColor('#555').text('Transfer of opinions — cover sheet', { align: 'center' });
  doc.moveDown(1.5).fillColor('#000');

  const ministry = info.ministryJa ? `${info.ministryJa}（${info.ministryEn ?? info.ministryCode}）` : info.ministryCode;
  const staff = info.staffName ? `${info.staffName}（${info.staffId ?? ''}）` : (info.staffId ?? '—');
  const rows: [string, string][] = [
    ['移送先 / To', ministry],
    ['日付 / Date', `${tokyoDateTimeJa(info.createdAt)}（日本時間 / Asia/Tokyo）`],
    ['担当 / Staff', staff],
    ['件数 / Items', `${info.count}件`],
    ['連絡先 / Contact data', info.includeContact ? '含む（メールアドレス・年代） / included' : '含まない / not included'],
    ['状態 / Status', `${STATUS_JA[info.status] ?? info.status} / ${info.status}${info.reason ? `：${info.reason}` : ''}`],
    ['移送番号 / Transfer id', info.transferId],
  ];
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.fontSize(10).fillColor('#555').text(label, 56, y, { width: 150 });
    doc.fontSize(12).fillColor('#000').text(value, 210, y, { width: 330 });
    doc.moveDown(0.6);
  }
  doc.moveDown(0.8);
  doc.x = 56;
  doc.fontSize(10).fillColor('#555').text('備考 / Note');
  doc.fontSize(12).fillColor('#000').text(info.note.trim() === '' ? '—' : info.note, { width: 483 });
  doc.moveDown(1.2);
  doc.fontSize(10).fillColor('#555').text('対象の意見 / Opinions');
  doc.fontSize(9).fillColor('#000').text(info.submissionIds.join('　'), { width: 483 });
  doc.end();
  return done;
}
