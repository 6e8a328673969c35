/** Writes src/styles/code-colours.css from the palettes in src/plugins/highlight/token-classes.ts. */
import { writeFileSync } from 'node:fs';
import { tokenClassesCss } from '../src/plugins/highlight/token-classes.ts';

writeFileSync('src/styles/code-colours.css', tokenClassesCss());
console.log('wrote src/styles/code-colours.css');
