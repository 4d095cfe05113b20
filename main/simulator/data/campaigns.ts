// Organised campaigns: many citizens send the same letter, each with small changes (a
// different greeting, a signature, a sentence added or dropped, punctuation). Koe groups
// these as near-duplicates, so the seed must contain them.
import type { Rng } from './random.js';
import { pickFamilyName, PLACES } from './people.js';

export interface Campaign {
  key: string;
  /** Relative size among campaigns. */
  weight: number;
  category: string;
  theme: string;
  subject: string;
  greetings: readonly string[];
  core: readonly string[];
  optional: readonly string[];
  closings: readonly string[];
}

export const CAMPAIGNS: readonly Campaign[] = [
  {
    key: 'health-insurance-card',
    weight: 5,
    category: 'request',
    theme: 'digital',
    subject: '健康保険証の存続を求めます',
    greetings: ['いつもお世話になっております。', '政府広報室御中', 'ご担当者様', '突然のご連絡失礼いたします。', ''],
    core: [
      '現行の健康保険証を廃止し、マイナ保険証に一本化する方針の見直しを求めます。',
      '医療機関の窓口では読み取りエラーや資格確認の不具合が今も起きており、患者も医療従事者も困っています。',
      '高齢者や障害のある方、施設に入所している方にとって、カードの管理は大きな負担です。',
      '資格確認書で対応するとしていますが、制度がかえって複雑になっています。',
      '誰もが安心して医療を受けられるよう、従来の保険証も引き続き使えるようにしてください。',
    ],
    optional: [
      '私の家族も、窓口で資格の確認ができず、医療費を全額立て替えたことがあります。',
      'マイナンバーカードの取得は本来任意のはずです。',
    ],
    closings: ['よろしくお願いいたします。', 'ご検討をお願いいたします。', '強く要望します。'],
  },
  {
    key: 'invoice',
    weight: 4,
    category: 'request',
    theme: 'tax',
    subject: 'インボイス制度の廃止を求めます',
    greetings: ['ご担当者様', 'いつもお世話になっております。', 'フリーランスとして働いている者です。', ''],
    core: [
      'インボイス制度の廃止を求めます。',
      'この制度の導入により、年間売上の少ない個人事業主やフリーランスは、免税事業者のままでいるか課税事業者になるかの選択を迫られました。',
      '課税事業者になれば消費税の負担で手取りが減り、免税事業者のままでは取引先から値下げや取引停止を求められます。',
      '経過措置が終われば、さらに多くの人が廃業に追い込まれるおそれがあります。',
      '文化や地域を支える小さな仕事を守るため、制度の廃止を強くお願いします。',
    ],
    optional: ['事務作業の負担も大きく、本業に割ける時間が減りました。', '声優やイラストレーターなどの文化の担い手も困っています。'],
    closings: ['よろしくお願いいたします。', '以上です。', 'ご検討のほど、よろしくお願い申し上げます。'],
  },
  {
    key: 'free-school-lunch',
    weight: 3,
    category: 'request',
    theme: 'education',
    subject: '学校給食費の無償化を全国で',
    greetings: ['子育て中の保護者です。', 'いつもお世話になっております。', '小学生の子を持つ親です。', ''],
    core: [
      '学校給食費の無償化を、国の責任で全国一律に実施してください。',
      '住んでいる自治体によって無償化されているかどうかが違うのは不公平です。',
      '物価の上昇で給食の質を保つことも難しくなっていると聞きます。',
      '給食は子どもたちの成長と健康を支える大切なものです。',
      '子育て世帯の負担を減らすためにも、早期の実現をお願いします。',
    ],
    optional: ['隣の市では無償化されているのに、私の市では月に五千円近くかかります。', '中学校の給食も対象にしてください。'],
    closings: ['よろしくお願いいたします。', 'どうかよろしくお願いします。'],
  },
  {
    key: 'nuclear-restart',
    weight: 3,
    category: 'opinion',
    theme: 'environment',
    subject: '原子力発電所の運転期間延長に反対します',
    greetings: ['意見を申し上げます。', 'ご担当者様', ''],
    core: [
      '原子力発電所の運転期間の延長と再稼働の推進に反対します。',
      '東京電力福島第一原子力発電所の事故から十年以上が経った今も、故郷に戻れない人がいます。',
      '地震の多い日本で、老朽化した原子炉を動かし続けることには大きな危険があります。',
      '使用済み核燃料の処分方法も決まっていません。',
      '再生可能エネルギーへの転換と省エネルギーの推進にこそ力を入れてください。',
    ],
    optional: ['能登半島地震では、避難計画の実効性にも疑問が残りました。', '将来の世代に負担を残さないでください。'],
    closings: ['以上、よろしくお願いいたします。', 'ご検討ください。'],
  },
  {
    key: 'pension-increase',
    weight: 4,
    category: 'request',
    theme: 'pension',
    subject: '物価高に見合った年金の引き上げを',
    greetings: ['年金で暮らしている者です。', 'いつもお世話になっております。', 'ご担当者様', ''],
    core: [
      '物価の上昇に見合った年金額の引き上げを求めます。',
      'マクロ経済スライドにより、年金の実質的な価値は年々目減りしています。',
      '食料品や光熱費の値上がりで、年金だけでは毎月の生活費が足りません。',
      '高齢者が安心して暮らせるよう、最低保障年金の導入も検討してください。',
      '年金生活者の暮らしの実態をよく見て、制度を見直してください。',
    ],
    optional: ['医療費や介護保険料の負担も増えています。', '貯金を取り崩す生活がいつまで続くのか不安です。'],
    closings: ['よろしくお願いいたします。', 'どうかよろしくお願い申し上げます。', '切実なお願いです。'],
  },
  {
    key: 'child-medical-costs',
    weight: 3,
    category: 'request',
    theme: 'childcare',
    subject: '子ども医療費の無償化を国の制度に',
    greetings: ['子育て中の母親です。', 'いつもお世話になっております。', '二児の父です。', ''],
    core: [
      '子どもの医療費の無償化を、国の制度として全国で実施してください。',
      '現在は自治体ごとに対象年齢や自己負担が異なり、住む場所によって子育ての負担に差があります。',
      '子どもが病気になったときに、お金の心配をせずに病院にかかれる社会にしてほしいです。',
      '子育て支援を本気で進めるなら、まず医療費の格差をなくすべきです。',
    ],
    optional: ['引っ越しをしたら助成の対象年齢が変わり、驚きました。', '少子化対策としても効果があると思います。'],
    closings: ['よろしくお願いいたします。', 'ご検討をお願いします。'],
  },
];

/** One campaign letter: the shared text with this sender's small changes. */
export function writeCampaignLetter(campaign: Campaign, rng: Rng): string {
  const lines: string[] = [];
  const greeting = rng.pick(campaign.greetings);
  if (greeting) lines.push(greeting);
  const core = [...campaign.core];
  // Dropping one sentence (never the first, which states the demand) keeps the text "near".
  if (rng.chance(0.3)) core.splice(1 + rng.int(core.length - 1), 1);
  if (rng.chance(0.4)) core.splice(1 + rng.int(core.length - 1), 0, rng.pick(campaign.optional));
  let body = core.join('');
  if (rng.chance(0.25)) body = body.replace('。', '！');
  if (rng.chance(0.2)) body = body.replaceAll('ください', '下さい');
  if (rng.chance(0.15)) body = body.replaceAll('、', '，');
  lines.push(body);
  lines.push(rng.pick(campaign.closings));
  if (rng.chance(0.45)) {
    const [pref] = rng.pick(PLACES);
    lines.push(rng.chance(0.5) ? `${pref} ${pickFamilyName(rng)}` : `${pickFamilyName(rng)}より`);
  }
  return lines.join(rng.chance(0.5) ? '\n' : '\n\n');
}
