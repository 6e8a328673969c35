/**
 * How a label reads once it is in a diagram (`plainLabel`, which the build's diagrams and the browser
 * player share): one line, single spaces, no characters Mermaid would read as syntax. (Written for
 * mutation testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import { plainLabel } from '../../../snippets/sim/trace-diagram.ts';

describe('a label in a diagram', () => {
  it('is one line: line breaks and tabs become one space each run', () => {
    expect(plainLabel('put x\r\n\tvalue')).toBe('put x value');
    expect(plainLabel('a\nb')).toBe('a b');
    expect(plainLabel('a\rb\tc')).toBe('a b c');
  });

  it('has single spaces and no space at either end', () => {
    expect(plainLabel('  put   x  ')).toBe('put x');
    expect(plainLabel('a \n b')).toBe('a b');
    expect(plainLabel('put  x')).toBe('put x');
  });

  it('writes the characters Mermaid reads as syntax as look-alikes', () => {
    expect(plainLabel('a;b;c')).toBe('a,b,c');
    expect(plainLabel('<ok> x->y')).toBe('‹ok› x\u2011›y');
  });

  it('keeps everything else as it is', () => {
    expect(plainLabel('Append(term=2, [x:1]) #7')).toBe('Append(term=2, [x:1]) #7');
  });
});
