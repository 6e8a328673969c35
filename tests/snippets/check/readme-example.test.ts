/** The example in snippets/README.md ("Linearizability checker") is what the checker prints. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLinearizability, counterexampleText, historyDiagram, registerModel, verdictText } from '../../../snippets/check/index.ts';

// The README's code, unchanged.
const history = [
  { process: 'A', call: 0, return: 2, input: { f: 'write', value: 1 } },
  { process: 'B', call: 1, input: { f: 'write', value: 3 } }, // never returned
  { process: 'C', call: 3, return: 4, input: { f: 'read' }, output: 1 },
  { process: 'D', call: 5, return: 9, input: { f: 'write', value: 2 } },
  { process: 'E', call: 6, return: 7, input: { f: 'read' }, output: 0 },
] as const;

/** `{ process: 'A', call: 0 }`, as the README writes objects (flat JSON values only). */
function asTsLiteral(value: object): string {
  return JSON.stringify(value).replace(/"(\w+)":/g, '$1: ').replace(/"/g, "'").replace(/,/g, ', ').replace(/\{/g, '{ ').replace(/\}/g, ' }');
}

const readme = readFileSync('snippets/README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Linearizability checker'));

describe('snippets/README.md, linearizability checker', () => {
  const result = checkLinearizability(registerModel, history);
  if (result.ok) throw new Error('the README example must fail');

  it('shows the code that the test runs', () => {
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    for (const op of history) expect(code).toContain(asTsLiteral(op));
  });

  it('shows the text the checker prints', () => {
    expect(section).toContain(`\`\`\`text\n${verdictText(result)}\n${counterexampleText(registerModel, result.counterexample)}\n\`\`\``);
  });

  it('shows the diagram the checker draws', () => {
    expect(section).toContain(`\`\`\`mermaid\n${historyDiagram(registerModel, result.counterexample)}\n\`\`\``);
  });
});
