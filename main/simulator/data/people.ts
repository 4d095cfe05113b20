// Who writes in: where they live, what they do, and the email address they typed.
// Addresses use only example.jp / example.com / example.ne.jp (reserved for documentation).
import type { Rng } from './random.js';

export const PLACES: readonly (readonly [pref: string, cities: readonly string[], prefEn: string])[] = [
  ['北海道', ['札幌市', '旭川市', '函館市'], 'Hokkaido'],
  ['宮城県', ['仙台市', '石巻市'], 'Miyagi'],
  ['福島県', ['郡山市', 'いわき市'], 'Fukushima'],
  ['茨城県', ['水戸市', 'つくば市'], 'Ibaraki'],
  ['埼玉県', ['さいたま市', '川越市', '所沢市'], 'Saitama'],
  ['千葉県', ['千葉市', '船橋市', '柏市'], 'Chiba'],
  ['東京都', ['世田谷区', '練馬区', '八王子市', '江東区'], 'Tokyo'],
  ['神奈川県', ['横浜市', '川崎市', '相模原市'], 'Kanagawa'],
  ['新潟県', ['新潟市', '長岡市'], 'Niigata'],
  ['石川県', ['金沢市', '輪島市'], 'Ishikawa'],
  ['長野県', ['長野市', '松本市'], 'Nagano'],
  ['静岡県', ['静岡市', '浜松市'], 'Shizuoka'],
  ['愛知県', ['名古屋市', '豊田市'], 'Aichi'],
  ['京都府', ['京都市', '宇治市'], 'Kyoto'],
  ['大阪府', ['大阪市', '堺市', '豊中市'], 'Osaka'],
  ['兵庫県', ['神戸市', '姫路市'], 'Hyogo'],
  ['広島県', ['広島市', '福山市'], 'Hiroshima'],
  ['高知県', ['高知市'], 'Kochi'],
  ['福岡県', ['福岡市', '北九州市'], 'Fukuoka'],
  ['熊本県', ['熊本市'], 'Kumamoto'],
  ['鹿児島県', ['鹿児島市'], 'Kagoshima'],
  ['沖縄県', ['那覇市', '沖縄市'], 'Okinawa'],
];

const JOBS_JA = ['会社員', 'パート勤務', '自営業', '主婦', '大学生', '看護師', '介護職員', '教員', '農家', '公務員', '保育士', 'フリーランス', '飲食店経営者', 'トラック運転手', '派遣社員'];
const JOBS_EN = ['teacher', 'engineer', 'student', 'nurse', 'freelance translator', 'restaurant owner', 'care worker', 'researcher'];
const FAMILIES_JA = ['小学生の子どもが二人いる', '夫と二人暮らしの', '高齢の母と同居している', '一人暮らしの', '三世代で暮らす'];

export function pickJob(rng: Rng, ageBand: string | null, language: 'ja' | 'en'): string {
  if (language === 'en') return rng.pick(JOBS_EN);
  if (ageBand === 'under_20') return rng.pick(['高校生', '大学生', '専門学校生']);
  if (ageBand === '70s' || ageBand === '80_plus') return rng.pick(['年金生活者', '元会社員', '農家', '自営業']);
  if (ageBand === '60s' && rng.chance(0.4)) return '年金生活者';
  return rng.pick(JOBS_JA);
}
export function pickFamily(rng: Rng): string {
  return rng.pick(FAMILIES_JA);
}

const FAMILY_NAMES: readonly (readonly [string, string])[] = [
  ['佐藤', 'sato'], ['鈴木', 'suzuki'], ['高橋', 'takahashi'], ['田中', 'tanaka'], ['伊藤', 'ito'],
  ['渡辺', 'watanabe'], ['山本', 'yamamoto'], ['中村', 'nakamura'], ['小林', 'kobayashi'], ['加藤', 'kato'],
  ['吉田', 'yoshida'], ['山田', 'yamada'], ['佐々木', 'sasaki'], ['山口', 'yamaguchi'], ['松本', 'matsumoto'],
  ['井上', 'inoue'], ['木村', 'kimura'], ['林', 'hayashi'], ['斎藤', 'saito'], ['清水', 'shimizu'],
];
const GIVEN_NAMES: readonly string[] = [
  'taro', 'hanako', 'kenji', 'yuki', 'akira', 'naoko', 'hiroshi', 'keiko', 'takashi', 'megumi',
  'daisuke', 'ayaka', 'shota', 'misaki', 'kazuo', 'emi', 'ryo', 'haruka', 'makoto', 'sachiko',
];
const EN_NAMES: readonly string[] = [
  'john.smith', 'maria.garcia', 'nguyen.van.an', 'li.wei', 'anna.schmidt', 'david.brown', 'priya.sharma',
  'jose.santos', 'emma.wilson', 'kim.minjun', 'olivia.martin', 'ahmed.hassan',
];
const DOMAINS = ['example.jp', 'example.com', 'example.ne.jp'] as const;

/** A family name in kanji, for signatures in campaign texts. */
export function pickFamilyName(rng: Rng): string {
  return rng.pick(FAMILY_NAMES)[0];
}

/** What a citizen typed as their address, valid or (rarely, realistically) not. */
export function makeEmail(rng: Rng, language: 'ja' | 'en', malformed: boolean): string {
  const domain = rng.pick(DOMAINS);
  const [, family] = rng.pick(FAMILY_NAMES);
  const given = rng.pick(GIVEN_NAMES);
  if (malformed) {
    const broken = [
      `${given}@@${domain}`,
      `${given}.${domain}`,
      `${family}@`,
      `${family}@example`,
      `${given}.${family}@${domain.replace('.', '..')}`,
      `${family}＠${domain}`,
      ` ${given[0]}.${family}@${domain}`,
      `${given} ${family}@${domain}`,
    ];
    return rng.pick(broken);
  }
  if (language === 'en') return `${rng.pick(EN_NAMES)}@${domain}`;
  switch (rng.int(5)) {
    case 0:
      return `${given[0]}.${family}@${domain}`;
    case 1:
      return `${given}.${family}@${domain}`;
    case 2:
      return `${family}${rng.between(1, 99)}@${domain}`;
    case 3:
      return `${family}-${given}@${domain}`;
    default:
      return `${given}_${rng.between(1960, 2005)}@${domain}`;
  }
}
