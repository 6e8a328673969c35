/**
 * Scaffolds a note: `npm run new -- "Virtual Consensus in Delos"` writes content/notes/virtual-consensus-in-delos.md
 * from content/templates/note.md, as a draft with valid frontmatter. Refuses to overwrite an existing note.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const title = process.argv.slice(2).join(' ').trim();
if (!title) {
  console.error('Usage: npm run new -- "Title of the paper, book, post or concept"');
  process.exit(2);
}
const id = title
  .normalize('NFKD')
  .replace(/[\u0300-\u036f]/g, '')
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '-')
  .replace(/^-|-$/g, '');
if (!id) {
  console.error(`Cannot make a file name from "${title}": use letters or digits.`);
  process.exit(2);
}
const path = `content/notes/${id}.md`;
if (existsSync(path)) {
  console.error(`${path} already exists. Pick another title or edit that note.`);
  process.exit(1);
}
const today = new Date().toISOString().slice(0, 10);
const note = readFileSync('content/templates/note.md', 'utf8')
  .replaceAll('{{title}}', title.replaceAll('"', '\\"'))
  .replaceAll('{{year}}', today.slice(0, 4))
  .replaceAll('{{date}}', today);
writeFileSync(path, note);
console.log(`Created ${path} (a draft: it shows in npm run dev, not in the built site).`);
console.log(`Preview it at http://localhost:4321/notes/${id}/ after npm run dev.`);
