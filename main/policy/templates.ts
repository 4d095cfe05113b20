// The files IT imports to set Koe's policy, generated from the one definition
// (policy-definition.ts) so they can never say something the app does not read:
//  - a JSON Schema for /etc/koe/policy.json and for MDM tools that validate profiles,
//  - Group Policy templates: Koe.admx and its en-US/ja-JP Koe.adml string tables.
// Pure: `npm run policy:templates` (generate-templates.ts) writes them to resources/policy, and a
// test regenerates them in memory and compares with the committed files.
import { z } from 'zod';
import { SETTING_NAMES, SETTINGS, type SettingName } from './policy-definition.js';
import { WINDOWS_POLICY_KEY } from './windows-policy.js';

export const TEMPLATE_DIR = 'resources/policy';
/** The ADMX namespace; never change it, or Group Policy sees a different product. */
export const ADMX_NAMESPACE = 'Koe.Policies.Koe';
const SUPPORTED_ON = 'SUPPORTED_Koe_0_1';
const CATEGORY = 'Koe';

type Lang = 'en' | 'ja';
type JsonSchema = Record<string, unknown>;

/** The registry key under HKLM that ADMX files name, without the hive. */
export function admxRegistryKey(): string {
  return WINDOWS_POLICY_KEY.replace(/^HKLM\\/, '');
}

/** A setting's schema as JSON Schema (draft-07): type, bounds and pattern from its zod schema. */
function settingSchema(name: SettingName): JsonSchema {
  const def = SETTINGS[name];
  const { $schema: _ignored, ...schema } = z.toJSONSchema(def.schema, { target: 'draft-7' }) as JsonSchema;
  return {
    title: def.title.en,
    description: `${def.description.en}\n\n${def.title.ja}: ${def.description.ja}`,
    ...schema,
    default: def.default,
  };
}

export function policyJsonSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'koe-policy.schema.json',
    title: 'Koe managed policy',
    description:
      'Settings IT sets for every Koe workstation: /etc/koe/policy.json on Linux (owned by root, mode 644), ' +
      'the registry key HKLM\\Software\\Policies\\Koe on Windows, the managed preferences of the Koe app on macOS. ' +
      'A setting the policy sets is locked in the app; an invalid value is logged and its safe default applies.',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(SETTING_NAMES.map((name) => [name, settingSchema(name)])),
  };
}

function bounds(name: SettingName): { min?: number; max?: number } {
  const schema = z.toJSONSchema(SETTINGS[name].schema, { target: 'draft-7' }) as { minimum?: number; maximum?: number };
  return { min: schema.minimum, max: schema.maximum };
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function admxPolicy(name: SettingName): string {
  const def = SETTINGS[name];
  const key = xml(admxRegistryKey());
  const head = `    <policy name="${name}" class="Machine" displayName="$(string.${name})" explainText="$(string.${name}_Explain)"`;
  const common = [`      <parentCategory ref="${CATEGORY}" />`, `      <supportedOn ref="${SUPPORTED_ON}" />`];
  if (def.kind === 'boolean') {
    // Enabled writes 1, Disabled writes 0: both lock the setting; Not Configured leaves it to the user.
    return [
      `${head} key="${key}" valueName="${name}">`,
      ...common,
      '      <enabledValue>',
      '        <decimal value="1" />',
      '      </enabledValue>',
      '      <disabledValue>',
      '        <decimal value="0" />',
      '      </disabledValue>',
      '    </policy>',
    ].join('\n');
  }
  const element =
    def.kind === 'integer'
      ? (() => {
          const { min, max } = bounds(name);
          return `        <decimal id="${name}" valueName="${name}" required="true"${min !== undefined ? ` minValue="${min}"` : ''}${max !== undefined ? ` maxValue="${max}"` : ''} />`;
        })()
      : `        <text id="${name}" valueName="${name}" required="true" maxLength="2048" />`;
  return [`${head} presentation="$(presentation.${name})" key="${key}">`, ...common, '      <elements>', element, '      </elements>', '    </policy>'].join('\n');
}

export function admx(): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!-- Generated from main/policy/policy-definition.ts by `npm run policy:templates`: do not edit. -->',
    '<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    '  <policyNamespaces>',
    `    <target prefix="koe" namespace="${ADMX_NAMESPACE}" />`,
    '    <using prefix="windows" namespace="Microsoft.Policies.Windows" />',
    '  </policyNamespaces>',
    '  <resources minRequiredRevision="1.0" />',
    '  <supportedOn>',
    '    <definitions>',
    `      <definition name="${SUPPORTED_ON}" displayName="$(string.${SUPPORTED_ON})" />`,
    '    </definitions>',
    '  </supportedOn>',
    '  <categories>',
    `    <category name="${CATEGORY}" displayName="$(string.${CATEGORY})" explainText="$(string.${CATEGORY}_Explain)" />`,
    '  </categories>',
    '  <policies>',
    ...SETTING_NAMES.map(admxPolicy),
    '  </policies>',
    '</policyDefinitions>',
    '',
  ].join('\n');
}

const ADML_TEXT: Record<Lang, { category: string; categoryExplain: string; supported: string; defaultIs: string; registry: string; unset: string; value: string }> = {
  en: {
    category: 'Koe',
    categoryExplain: 'Settings for Koe, the public-affairs office workstation. A setting set here is locked in the app.',
    supported: 'Koe 0.1 and later',
    defaultIs: 'When not configured',
    registry: 'Registry value',
    unset: 'not set',
    value: 'Value',
  },
  ja: {
    category: 'Koe（声）',
    categoryExplain: '広報室の端末アプリ Koe の設定。ここで設定した項目はアプリ内で変更できなくなります。',
    supported: 'Koe 0.1 以降',
    defaultIs: '未構成の場合',
    registry: 'レジストリ値',
    unset: '未設定',
    value: '値',
  },
};

function explain(name: SettingName, lang: Lang): string {
  const def = SETTINGS[name];
  const t = ADML_TEXT[lang];
  const fallback = def.default === null ? t.unset : typeof def.default === 'boolean' ? (def.default ? '1' : '0') : String(def.default);
  const type = def.kind === 'string' ? 'REG_SZ' : 'REG_DWORD';
  return `${def.description[lang]}\n\n${t.defaultIs}: ${fallback}\n${t.registry}: ${WINDOWS_POLICY_KEY}\\${name} (${type})`;
}

function presentation(name: SettingName, lang: Lang): string | null {
  const def = SETTINGS[name];
  const label = xml(`${ADML_TEXT[lang].value}:`);
  if (def.kind === 'boolean') return null;
  if (def.kind === 'integer') {
    const fallback = typeof def.default === 'number' ? ` defaultValue="${def.default}"` : '';
    return [`      <presentation id="${name}">`, `        <decimalTextBox refId="${name}"${fallback}>${label}</decimalTextBox>`, '      </presentation>'].join('\n');
  }
  return [`      <presentation id="${name}">`, `        <textBox refId="${name}">`, `          <label>${label}</label>`, '        </textBox>', '      </presentation>'].join('\n');
}

export function adml(lang: Lang): string {
  const t = ADML_TEXT[lang];
  const strings: [string, string][] = [
    [CATEGORY, t.category],
    [`${CATEGORY}_Explain`, t.categoryExplain],
    [SUPPORTED_ON, t.supported],
    ...SETTING_NAMES.flatMap((name): [string, string][] => [
      [name, SETTINGS[name].title[lang]],
      [`${name}_Explain`, explain(name, lang)],
    ]),
  ];
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!-- Generated from main/policy/policy-definition.ts by `npm run policy:templates`: do not edit. -->',
    '<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    `  <displayName>${xml(t.category)}</displayName>`,
    `  <description>${xml(t.categoryExplain)}</description>`,
    '  <resources>',
    '    <stringTable>',
    ...strings.map(([id, text]) => `      <string id="${id}">${xml(text)}</string>`),
    '    </stringTable>',
    '    <presentationTable>',
    ...SETTING_NAMES.map((name) => presentation(name, lang)).filter((p): p is string => p !== null),
    '    </presentationTable>',
    '  </resources>',
    '</policyDefinitionResources>',
    '',
  ].join('\n');
}

/** Every generated file, by its path under the repository root. */
export function policyTemplateFiles(): Record<string, string> {
  return {
    [`${TEMPLATE_DIR}/koe-policy.schema.json`]: `${JSON.stringify(policyJsonSchema(), null, 2)}\n`,
    [`${TEMPLATE_DIR}/Koe.admx`]: admx(),
    [`${TEMPLATE_DIR}/en-US/Koe.adml`]: adml('en'),
    [`${TEMPLATE_DIR}/ja-JP/Koe.adml`]: adml('ja'),
  };
}
