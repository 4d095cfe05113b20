import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { SaxesParser } from 'saxes';
import { describe, expect, it, vi } from 'vitest';
import { readLinuxPolicy } from './linux-policy.js';
import { readMacPolicy } from './macos-policy.js';
import { parsePolicy } from './parse-policy.js';
import { SETTING_NAMES, SETTINGS } from './policy-definition.js';
import { admxRegistryKey, policyJsonSchema, policyTemplateFiles } from './templates.js';
import { parseRegQuery, readWindowsPolicy, WINDOWS_POLICY_KEY } from './windows-policy.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const files = policyTemplateFiles();

/** A policy setting everything, valid by the JSON Schema. */
const SAMPLE = {
  officeApiUrl: 'https://opinions.office.example.go.jp/api',
  smtpUrl: 'smtps://relay.office.example.go.jp:465',
  caBundlePath: '/etc/koe/office-ca.pem',
  updateUrl: 'https://updates.office.example.go.jp/koe/',
  updatesEnabled: false,
  syncIntervalMinutes: 10,
  retentionDays: 730,
  suppressionThreshold: 10,
  replyApproval: true,
  allowBasicTextKeystore: false,
  dataDirectory: 'D:\\KoeData',
};

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
}

/** Parses strictly (throws on anything not well-formed) and lists every element. */
function parseXml(text: string): XmlElement[] {
  const parser = new SaxesParser({ xmlns: false });
  const elements: XmlElement[] = [];
  const open: XmlElement[] = [];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '' };
    elements.push(element);
    open.push(element);
  });
  parser.on('text', (t) => {
    if (open.length) open[open.length - 1].text += t;
  });
  parser.on('closetag', () => void open.pop());
  parser.write(text).close();
  return elements;
}

describe('policy templates', () => {
  it.each(Object.keys(files))('%s is committed exactly as the definition generates it (npm run policy:templates)', (relative) => {
    const committed = fs.readFileSync(path.join(root, relative), 'utf8');
    expect(committed).toBe(files[relative]);
  });

  describe('JSON Schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    const validate = ajv.compile(policyJsonSchema());

    it('is itself a valid draft-07 schema that names every setting', () => {
      expect(ajv.validateSchema(policyJsonSchema())).toBe(true);
      expect(Object.keys((policyJsonSchema() as { properties: object }).properties)).toEqual(SETTING_NAMES);
    });

    it('accepts a complete, valid policy', () => {
      expect(validate(SAMPLE), JSON.stringify(validate.errors)).toBe(true);
      // The app reads it the same way.
      expect(parsePolicy(SAMPLE, 'test', { warn: vi.fn() }).invalid).toEqual([]);
    });

    it('accepts an empty policy (every setting is optional)', () => {
      expect(validate({})).toBe(true);
    });

    it.each([
      [{ telemetry: true }, 'an unknown setting'],
      [{ syncIntervalMinutes: '10' }, 'a number as text'],
      [{ syncIntervalMinutes: 0 }, 'a number below the minimum'],
      [{ retentionDays: 3651 }, 'a number above the maximum'],
      [{ replyApproval: 1 }, 'a number for a boolean'],
      [{ updateUrl: 'http://updates.example.go.jp' }, 'a plain-http update feed'],
      [{ smtpUrl: 'smtp://koho:secret@relay.example.go.jp' }, 'credentials in the SMTP URL'],
      [{ dataDirectory: 'KoeData' }, 'a relative data directory'],
    ] as [object, string][])('refuses %j (%s)', (policy) => {
      expect(validate(policy)).toBe(false);
    });

    // The JSON Schema's patterns are twins of the zod refinements: they must agree.
    it.each([
      ['officeApiUrl', 'https://api.example.go.jp'],
      ['officeApiUrl', 'https://api.example.go.jp:8443/v1?x=1'],
      ['officeApiUrl', 'http://127.0.0.1:8787'],
      ['officeApiUrl', 'http://localhost/api'],
      ['officeApiUrl', 'http://[::1]:9000'],
      ['officeApiUrl', 'http://api.example.go.jp'],
      ['officeApiUrl', 'https://user:pw@api.example.go.jp'],
      ['officeApiUrl', 'ftp://api.example.go.jp'],
      ['updateUrl', 'https://updates.example.go.jp/koe/'],
      ['updateUrl', 'https://a@updates.example.go.jp'],
      ['updateUrl', 'http://updates.example.go.jp'],
      ['updateUrl', 'https://'],
      ['smtpUrl', 'smtp://relay.example.go.jp:25'],
      ['smtpUrl', 'smtps://relay.example.go.jp'],
      ['smtpUrl', 'smtp://u:p@relay'],
      ['smtpUrl', 'mailto:relay@example.go.jp'],
      ['caBundlePath', '/etc/koe/ca.pem'],
      ['caBundlePath', 'C:\\ProgramData\\Koe\\ca.pem'],
      ['caBundlePath', 'C:/ProgramData/Koe/ca.pem'],
      ['caBundlePath', '\\\\fileserver\\koe\\ca.pem'],
      ['caBundlePath', 'C:ca.pem'],
      ['caBundlePath', 'ca.pem'],
      ['dataDirectory', '../koe'],
    ] as const)('agrees with the app on %s = %s', (name, value) => {
      const app = SETTINGS[name].schema.safeParse(value).success;
      expect(validate({ [name]: value })).toBe(app);
    });
  });

  describe('ADMX and ADML', () => {
    const admx = parseXml(files['resources/policy/Koe.admx']);
    const policies = admx.filter((e) => e.name === 'policy');

    it('are well-formed XML', () => {
      for (const relative of ['resources/policy/en-US/Koe.adml', 'resources/policy/ja-JP/Koe.adml']) {
        expect(() => parseXml(files[relative])).not.toThrow();
      }
      expect(() => parseXml('<policyDefinitions><policy></policyDefinitions>')).toThrow();
    });

    it('define one machine policy per setting, under the key the app reads', () => {
      expect(policies.map((p) => p.attributes.name)).toEqual(SETTING_NAMES);
      for (const p of policies) {
        expect(p.attributes.class).toBe('Machine');
        expect(`HKLM\\${p.attributes.key}`).toBe(WINDOWS_POLICY_KEY);
      }
      expect(admxRegistryKey()).toBe('Software\\Policies\\Koe');
    });

    it('store each setting as the registry type the Windows reader turns back into it', () => {
      for (const name of SETTING_NAMES) {
        const policy = policies.find((p) => p.attributes.name === name)!;
        const kind = SETTINGS[name].kind;
        const index = admx.indexOf(policy);
        const next = admx.slice(index + 1).findIndex((e) => e.name === 'policy');
        const inside = admx.slice(index + 1, next === -1 ? undefined : index + 1 + next);
        if (kind === 'boolean') {
          expect(policy.attributes.valueName).toBe(name);
          expect(inside.filter((e) => e.name === 'decimal').map((e) => e.attributes.value)).toEqual(['1', '0']);
        } else {
          const element = inside.find((e) => e.name === (kind === 'integer' ? 'decimal' : 'text'))!;
          expect(element.attributes).toMatchObject({ id: name, valueName: name });
        }
      }
      // What Group Policy writes for a boolean and a number reads back as the right values.
      const reg = parseRegQuery('    replyApproval    REG_DWORD    0x1\r\n    retentionDays    REG_DWORD    0x2da\r\n');
      const parsed = parsePolicy(reg, 'test', { warn: vi.fn() }, (kind, v) => (kind === 'boolean' && (v === 0 || v === 1) ? v === 1 : v));
      expect(parsed.values).toEqual({ replyApproval: true, retentionDays: 730 });
    });

    it('bound numbers as the definition does', () => {
      const decimal = admx.find((e) => e.name === 'decimal' && e.attributes.id === 'syncIntervalMinutes')!;
      expect(decimal.attributes).toMatchObject({ minValue: '1', maxValue: '1440' });
    });

    it.each(['en-US', 'ja-JP'])('%s has a string for every display name and explanation, and a presentation for every element', (locale) => {
      const adml = parseXml(files[`resources/policy/${locale}/Koe.adml`]);
      const strings = new Set(adml.filter((e) => e.name === 'string').map((e) => e.attributes.id));
      const presentations = new Set(adml.filter((e) => e.name === 'presentation').map((e) => e.attributes.id));
      for (const e of admx) {
        for (const value of Object.values(e.attributes)) {
          const ref = /^\$\((string|presentation)\.(.+)\)$/.exec(value);
          if (!ref) continue;
          expect(ref[1] === 'string' ? strings : presentations, `${locale} lacks ${value}`).toContain(ref[2]);
        }
      }
      const lang = locale === 'ja-JP' ? 'ja' : 'en';
      expect(adml.find((e) => e.name === 'string' && e.attributes.id === 'retentionDays')?.text).toBe(SETTINGS.retentionDays.title[lang]);
    });
  });

  describe('read by every platform’s reader as the templates describe it', () => {
    const log = { warn: vi.fn() };

    it('Linux: a schema-valid /etc/koe/policy.json is read in full', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-policy-'));
      try {
        fs.mkdirSync(path.join(dir, 'etc', 'koe'), { recursive: true, mode: 0o755 });
        fs.chmodSync(path.join(dir, 'etc', 'koe'), 0o755);
        fs.writeFileSync(path.join(dir, 'etc', 'koe', 'policy.json'), JSON.stringify(SAMPLE), { mode: 0o644 });
        fs.chmodSync(path.join(dir, 'etc', 'koe', 'policy.json'), 0o644);
        expect(readLinuxPolicy({ log, root: dir, trustedUid: process.getuid?.() ?? 0 }).values).toEqual(SAMPLE);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('Windows: the registry values Group Policy writes from the ADMX are read in full', async () => {
      // Booleans and numbers as REG_DWORD (the ADMX decimal elements), text as REG_SZ.
      const registry = Object.fromEntries(Object.entries(SAMPLE).map(([name, value]) => [name, typeof value === 'boolean' ? Number(value) : value]));
      const policy = await readWindowsPolicy({ readValues: async () => registry }, log);
      expect(policy.values).toEqual(SAMPLE);
    });

    it('macOS: the same settings in a configuration profile are read in full', async () => {
      const policy = await readMacPolicy({ read: async () => ({ ...SAMPLE }) }, log);
      expect(policy.values).toEqual(SAMPLE);
      expect(log.warn).not.toHaveBeenCalled();
    });
  });
});

