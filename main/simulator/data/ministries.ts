// Japan's ministries and agencies that the office forwards opinions to (GET /v1/reference).
// Two former agencies stay listed as inactive: old transfers name them, new ones may not.

export interface Ministry {
  code: string;
  name_ja: string;
  name_en: string;
  active: boolean;
}

const m = (code: string, name_ja: string, name_en: string, active = true): Ministry => ({ code, name_ja, name_en, active });

export const MINISTRIES: readonly Ministry[] = [
  m('cao', '内閣府', 'Cabinet Office'),
  m('cas', '内閣官房', 'Cabinet Secretariat'),
  m('digital', 'デジタル庁', 'Digital Agency'),
  m('reconstruction', '復興庁', 'Reconstruction Agency'),
  m('mic', '総務省', 'Ministry of Internal Affairs and Communications'),
  m('moj', '法務省', 'Ministry of Justice'),
  m('mofa', '外務省', 'Ministry of Foreign Affairs'),
  m('mof', '財務省', 'Ministry of Finance'),
  m('mext', '文部科学省', 'Ministry of Education, Culture, Sports, Science and Technology'),
  m('mhlw', '厚生労働省', 'Ministry of Health, Labour and Welfare'),
  m('maff', '農林水産省', 'Ministry of Agriculture, Forestry and Fisheries'),
  m('meti', '経済産業省', 'Ministry of Economy, Trade and Industry'),
  m('mlit', '国土交通省', 'Ministry of Land, Infrastructure, Transport and Tourism'),
  m('env', '環境省', 'Ministry of the Environment'),
  m('mod', '防衛省', 'Ministry of Defense'),
  m('cfa', 'こども家庭庁', 'Children and Families Agency'),
  m('caa', '消費者庁', 'Consumer Affairs Agency'),
  m('fsa', '金融庁', 'Financial Services Agency'),
  m('npa', '警察庁', 'National Police Agency'),
  m('ppc', '個人情報保護委員会', 'Personal Information Protection Commission'),
  m('jftc', '公正取引委員会', 'Japan Fair Trade Commission'),
  m('npsc', '国家公安委員会', 'National Public Safety Commission'),
  m('nra', '原子力規制委員会', 'Nuclear Regulation Authority'),
  m('kunaicho', '宮内庁', 'Imperial Household Agency'),
  m('nta', '国税庁', 'National Tax Agency'),
  m('fdma', '消防庁', 'Fire and Disaster Management Agency'),
  m('jta', '観光庁', 'Japan Tourism Agency'),
  m('jma', '気象庁', 'Japan Meteorological Agency'),
  m('isa', '出入国在留管理庁', 'Immigration Services Agency of Japan'),
  m('bunka', '文化庁', 'Agency for Cultural Affairs'),
  m('sports', 'スポーツ庁', 'Japan Sports Agency'),
  m('rinya', '林野庁', 'Forestry Agency'),
  m('jfa', '水産庁', 'Fisheries Agency'),
  m('jpo', '特許庁', 'Japan Patent Office'),
  m('chusho', '中小企業庁', 'Small and Medium Enterprise Agency'),
  m('enecho', '資源エネルギー庁', 'Agency for Natural Resources and Energy'),
  m('jcg', '海上保安庁', 'Japan Coast Guard'),
  m('atla', '防衛装備庁', 'Acquisition, Technology and Logistics Agency'),
  m('sia', '社会保険庁', 'Social Insurance Agency (abolished 2009)', false),
  m('dfaa', '防衛施設庁', 'Defense Facilities Administration Agency (abolished 2007)', false),
];

export function findMinistry(code: string): Ministry | undefined {
  return MINISTRIES.find((x) => x.code === code);
}
