// `npm run policy:templates`: writes the JSON Schema and the Group Policy templates generated
// from the policy definition into resources/policy. Run it after changing a setting; a test
// fails while the committed files differ from what this would write.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { policyTemplateFiles } from './templates.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

for (const [relative, content] of Object.entries(policyTemplateFiles())) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  process.stdout.write(`${relative}\n`);
}
