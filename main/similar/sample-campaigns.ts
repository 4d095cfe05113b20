// Campaigns as citizens send them: one template, copied many times with a different greeting,
// a name, a sentence of one's own, a sentence dropped, re-punctuated or re-typed. Each campaign
// also has "the other side": letters on the same issue that reuse some of its phrases but are
// not copies (the hard negatives grouping must leave alone).
import type { SampleRng } from './rng.js';
import { closer, generalSentence, intro, layOut, opener, signOff, themeSentence } from './sample-opinions.js';
import { THEMES, type Theme } from './sample-phrases.js';

export interface Campaign {
  name: string;
  theme: Theme;
  /** The template as the organisers wrote it. */
  template: readonly string[];
  /** Sentences of letters that disagree with the campaign, on the same issue. */
  counter: readonly string[];
}

const theme = (name: string): Theme => THEMES.find((t) => t.name === name)!;

export const CAMPAIGNS: readonly Campaign[] = [
  {
    name: 'invoice',
    theme: theme('tax'),
    template: [
      'インボイス制度の廃止を求めます。',
      '私はフリーランスとして働いていますが、インボイス制度の導入以来、事務負担と税負担が大きく増えました。',
      '免税事業者であることを理由に、取引先から値下げや取引停止を求められる例が相次いでいます。',
      '小規模な事業者や文化芸術の担い手が廃業に追い込まれれば、日本の経済と文化にとって大きな損失です。',
      '少なくとも二割特例などの経過措置を恒久化し、零細事業者の負担を軽くしてください。',
      '現場の声に耳を傾け、制度そのものを見直していただくよう強く要望します。',
    ],
    counter: [
      'インボイス制度は税の透明性のために必要だと考えています。',
      '経理の担当者として、制度の開始後は請求書の確認作業が増えましたが、慣れれば対応できる範囲です。',
      '課税事業者になった取引先からは、むしろ取引が整理されたという声も聞きます。',
      'ただし、会計ソフトの導入費用への補助はもっと手厚くしてください。',
      '制度の趣旨を国民にきちんと説明し、誤解による混乱を減らしてほしいです。',
    ],
  },
  {
    name: 'solar',
    theme: theme('environment'),
    template: [
      '北山地区の森林を切り開いて大規模な太陽光発電所を建設する計画に、強く反対します。',
      '山の斜面の木を伐採すれば、大雨のたびに土砂崩れが起きる危険が高まります。',
      '下流には住宅地と小学校があり、住民の命と暮らしが脅かされます。',
      '再生可能エネルギーの推進には賛成ですが、自然を壊してまで進めるべきではありません。',
      '住民への説明会も一度しか開かれておらず、合意のないまま計画が進んでいます。',
      '国として、森林を開発する発電所の立地に厳しい基準を設けてください。',
    ],
    counter: [
      '再生可能エネルギーの推進に賛成の立場から意見を送ります。',
      '北山地区の太陽光発電所の計画は、地域に雇用と税収をもたらすと期待しています。',
      '土砂災害への対策は、事業者に十分な調査を義務づければ解決できるはずです。',
      '反対の声ばかりが報道されますが、賛成している住民もいることを知ってください。',
      '屋根置きの太陽光パネルへの補助も、あわせて拡充してください。',
    ],
  },
  {
    name: 'child-medical',
    theme: theme('childcare'),
    template: [
      '子ども医療費の無償化を、国の制度として全国一律で実施してください。',
      '現在は住んでいる自治体によって、助成の対象年齢や自己負担が大きく異なります。',
      '同じ日本の子どもなのに、住む場所で受けられる医療に差があるのはおかしいと思います。',
      '子どもが小さいうちは病院にかかる回数が多く、医療費は家計の大きな負担です。',
      '少子化対策を本気で進めるのであれば、まず子どもの医療を安心して受けられるようにすべきです。',
      '高校卒業までの医療費を、所得制限なしで無料にしていただくようお願いします。',
    ],
    counter: [
      '子ども医療費の無償化には慎重であってほしいと考えています。',
      '小児科の医師として、無料化で軽い症状でも受診する子が増え、本当に必要な子の診察が遅れる例を見てきました。',
      '助成の対象年齢を広げるより、夜間の小児救急の体制を整える方が先ではないでしょうか。',
      '少額でも自己負担を残すことで、適切な受診につながると思います。',
      '子育て支援の財源は、保育や教育にも振り向けてください。',
    ],
  },
  {
    name: 'pension-cut',
    theme: theme('pension'),
    template: [
      '年金の実質的な目減りに強く抗議します。',
      '物価が上がり続けているのに、マクロ経済スライドによって年金の伸びが抑えられています。',
      '私たち高齢者は、食費や光熱費を切り詰めてなんとか暮らしています。',
      '長年保険料を納めてきたのに、老後の生活が苦しくなるのは納得できません。',
      '少なくとも物価の上昇分は年金に反映させ、生活を守ってください。',
      '高齢者の声を切り捨てない年金制度を求めます。',
    ],
    counter: [
      '若い世代の立場から、年金制度について意見を述べます。',
      '高齢者の生活が苦しいことは理解していますが、保険料を払う現役世代の負担も限界に近づいています。',
      'マクロ経済スライドは、将来の世代の年金を確保するために必要な仕組みだと考えています。',
      '制度の持続性について、若者にも分かる説明をしてください。',
      '給付と負担のバランスを、世代間で公平にしてほしいです。',
    ],
  },
  {
    name: 'bus-line',
    theme: theme('transport'),
    template: [
      '南町と市の中心部を結ぶ路線バスの廃止計画に反対します。',
      'このバスは、車を運転できない高齢者や通学する高校生にとって唯一の交通手段です。',
      '廃止されれば、通院や買い物ができなくなり、地域で暮らし続けることができません。',
      '赤字を理由に切り捨てるのではなく、国の補助で路線を維持してください。',
      'デマンド交通への転換も検討されていますが、予約の仕組みが高齢者には難しいです。',
      '地方の公共交通を守るための財政支援の拡充を、強くお願いします。',
    ],
    counter: [
      '南町の路線バスについて、別の立場から意見を送ります。',
      'ほとんど空のまま走る大型バスを維持するより、デマンド交通に切り替えた方が便利になると考えます。',
      '私の住む地区では、乗合タクシーの導入で通院がかえって楽になりました。',
      '予約の方法は、電話でも受け付けるようにすれば高齢者も使えるはずです。',
      '限られた予算で、地域の実情に合った移動手段を選んでください。',
    ],
  },
  {
    name: 'insurance-card',
    theme: theme('digital'),
    template: [
      '現行の健康保険証を残してください。',
      'マイナ保険証への一本化によって、医療の現場で読み取りエラーや資格確認の混乱が続いています。',
      'カードを持たない人や、暗証番号の管理が難しい高齢者や障害者が取り残されます。',
      '資格確認書が届くとはいえ、制度が複雑で分かりにくいという声を多く聞きます。',
      '医療を受ける権利は、カードの有無によって左右されるべきではありません。',
      '国民が安心して医療を受けられるよう、紙の保険証との併用を続けることを求めます。',
    ],
    counter: [
      'マイナ保険証を使い始めて一年になります。',
      '最初は読み取りに時間がかかりましたが、今は受付がスムーズになり、便利だと感じています。',
      '過去の薬の情報が共有されるので、重複した処方が防げるのは安心です。',
      '一方で、高齢の父はカードの暗証番号を忘れてしまい、窓口で困っていました。',
      '使い方の案内を、薬局や病院でもっと丁寧に行ってください。',
    ],
  },
];

/** A postcard campaign: three short sentences, so every edit weighs a lot. */
export const POSTCARD: Campaign = {
  name: 'postcard-tax-cut',
  theme: theme('tax'),
  template: ['消費税を5%に引き下げてください。', '物価高で毎日の生活が限界です。', '食料品だけでも消費税をゼロにしてください。'],
  counter: ['消費税の引き下げには反対です。', '社会保障の財源を守ってください。', '減税よりも給付で支援してください。'],
};

/** Re-typing: the small wording changes people make when copying a template by hand. */
const RETYPES: readonly (readonly [string, string])[] = [
  ['ください', '下さい'],
  ['お願いします', 'お願いいたします'],
  ['思います', '考えます'],
  ['強く', ''],
  ['私は', 'わたしは'],
  ['子ども', '子供'],
  ['分かり', 'わかり'],
  ['求めます', '求めています'],
];

/** Re-punctuation: all of it disappears in normalization, which is the point. */
function repunctuate(rng: SampleRng, s: string): string {
  let out = s;
  if (rng.chance(0.3)) out = out.replaceAll('、', rng.chance(0.5) ? '' : ' ');
  if (rng.chance(0.1)) out = out.replace(/。$/u, rng.pick(['！', '!!', '。。', '']));
  if (rng.chance(0.2)) out = out.replace(/[0-9]/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  return out;
}

/** One citizen's copy of a campaign template. */
export function campaignVariant(rng: SampleRng, c: Campaign, short = false): string {
  let body = [...c.template];
  const drops = short ? (rng.chance(0.15) ? 1 : 0) : rng.chance(0.35) ? (rng.chance(0.25) ? 2 : 1) : 0;
  for (let i = 0; i < drops && body.length > 2; i++) body.splice(1 + rng.int(body.length - 1), 1);
  if (rng.chance(0.1)) {
    const i = rng.int(body.length - 1);
    [body[i], body[i + 1]] = [body[i + 1], body[i]];
  }
  const own = short ? (rng.chance(0.2) ? 1 : 0) : rng.chance(0.5) ? (rng.chance(0.3) ? 2 : 1) : 0;
  for (let i = 0; i < own; i++) {
    const sentence = rng.chance(0.6) ? themeSentence(rng, c.theme) : generalSentence(rng);
    body.splice(rng.int(body.length + 1), 0, sentence);
  }
  for (const [from, to] of RETYPES) if (rng.chance(0.2)) body = body.map((s) => s.replaceAll(from, to));
  body = body.map((s) => repunctuate(rng, s));
  const parts: string[] = [];
  if (rng.chance(short ? 0.2 : 0.6)) parts.push(opener(rng));
  if (!short && rng.chance(0.35)) parts.push(intro(rng));
  parts.push(...body);
  if (rng.chance(short ? 0.2 : 0.5)) parts.push(closer(rng));
  if (rng.chance(0.6)) parts.push(signOff(rng));
  return layOut(rng, parts);
}

/**
 * A letter on the campaign's issue that is not a copy of it. Three kinds, all of which share
 * phrases with the template: one that quotes a sentence of it and goes its own way, one from
 * the other side that reuses its framing, and one that agrees in the citizen's own words.
 */
export function campaignLookalike(rng: SampleRng, c: Campaign, kind: 'quote' | 'counter' | 'agree'): string {
  const parts: string[] = [];
  if (rng.chance(0.6)) parts.push(opener(rng));
  if (rng.chance(0.4)) parts.push(intro(rng));
  if (kind === 'quote') {
    const own = rng.between(2, 4);
    for (let i = 0; i < own; i++) parts.push(themeSentence(rng, c.theme));
    parts.splice(rng.int(parts.length + 1), 0, rng.pick(c.template));
  } else if (kind === 'counter') {
    // The other side's stock arguments, the campaign's own framing, and the writer's words.
    const counter = rng.shuffle(c.counter).slice(0, rng.between(1, 2));
    const framing = rng.shuffle(c.template).slice(0, rng.between(1, 2));
    const own = Array.from({ length: rng.between(1, 3) }, () => themeSentence(rng, c.theme));
    parts.push(...rng.shuffle([...counter, ...framing, ...own]));
  } else {
    // Same demand (the template's first sentence), the rest written by the citizen.
    parts.push(c.template[0]);
    const own = rng.between(2, 4);
    for (let i = 0; i < own; i++) parts.push(themeSentence(rng, c.theme));
    if (rng.chance(0.4)) parts.push(generalSentence(rng));
  }
  if (rng.chance(0.6)) parts.push(closer(rng));
  if (rng.chance(0.3)) parts.push(signOff(rng));
  return layOut(rng, parts);
}

/** The postcard campaign's other side: short notes on the same tax. */
export function postcardLookalike(rng: SampleRng): string {
  const parts = [rng.pick(POSTCARD.counter), themeSentence(rng, POSTCARD.theme)];
  // The part of the template both sides would say.
  if (rng.chance(0.4)) parts.splice(1, 0, POSTCARD.template[1]);
  if (rng.chance(0.5)) parts.push(closer(rng));
  return parts.join('');
}
