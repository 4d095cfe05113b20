// `npm run icons`: writes Koe's icon (SVG source and the PNGs the installers are made from) into
// resources/. Run it after changing the shapes in icon.ts; a test fails while they differ.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iconFiles } from './icon.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

for (const [relative, content] of Object.entries(iconFiles())) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  process.stdout.write(`${relative}\n`);
}
