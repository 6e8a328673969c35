/** `npm run check-history`: what it prints and how it exits (0 linearizable, 1 not, 2 bad usage or input). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDiagram } from '../../../src/plugins/mermaid/validate.ts';

const dir = mkdtempSync(join(tmpdir(), 'check-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, ...events: object[]): string {
  const path = join(dir, name);
  writeFileSync(path, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return path;
}

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['snippets/cli/check-history.ts', ...args], { encoding: 'utf8', input });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const good = file('good.jsonl',
  { process: 0, type: 'invoke', f: 'write', value: 1, time: 0 },
  { process: 1, type: 'invoke', f: 'read', value: null, time: 1 },
  { process: 0, type: 'ok', f: 'write', value: 1, time: 3 },
  { process: 1, type: 'ok', f: 'read', value: null, time: 4 },
  { process: 2, type: 'invoke', f: 'cas', value: [1, 2], time: 5 },
  { process: 2, type: 'info', f: 'cas', value: [1, 2], time: 9 },
);
const stale = file('stale.jsonl',
  { process: 'A', kind: 'call', op: 'write', args: 1, time: 0 },
  { process: 'A', kind: 'return', result: null, time: 2 },
  { process: 'B', kind: 'call', op: 'read', time: 3 },
  { process: 'B', kind: 'return', result: null, time: 4 },
);

describe('check-history', () => {
  it('exits 0 and says so when the history is linearizable', () => {
    expect(run([good, '--model', 'register'])).toEqual({ code: 0, out: 'Linearizable: 3 operations; 1 never returned.\n', err: '' });
  });

  it('exits 1 with the counterexample when it is not', () => {
    const { code, out } = run([stale, '--model=register']);
    expect(code).toBe(1);
    expect(out).toMatch(/^Not linearizable: /);
    expect(out).toMatch(/Cannot place: read\(\) → null +client B +t=3\.\.4/);
  });

  it('with --mermaid also prints a diagram Mermaid parses, in a fence ready for a note', async () => {
    const { code, out } = run([stale, '--model', 'register', '--mermaid']);
    expect(code).toBe(1);
    const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(out)?.[1];
    expect(await parseDiagram(diagram ?? '')).toBe('sequence');
  });

  it('reads standard input for "-"', () => {
    expect(run(['-', '--model', 'register'], '{"process":1,"kind":"call","op":"read"}\n').code).toBe(0);
  });

  it('--help documents both line formats and the models', () => {
    const { code, out } = run(['--help']);
    expect(code).toBe(0);
    for (const text of ['"type": "invoke"', '"kind": "call"', 'fail', 'info', 'register', 'kv', 'log', 'Exit codes']) expect(out).toContain(text);
  });

  it.each([
    ['an unknown option', [good, '--model', 'register', '--fast'], "Unknown option '--fast'"],
    ['no model', [good], 'Say which model the history is of: --model register|kv|log.'],
    ['an unknown model, listing the valid ones', [good, '--model', 'queue'], 'No model named "queue". Models: register, kv, log.'],
    ['a missing file', [join(dir, 'missing.jsonl'), '--model', 'kv'], `Cannot read ${join(dir, 'missing.jsonl')}: no such file.`],
    ['no file', ['--model', 'kv'], 'Which history? Give a file.'],
    ['two files', [good, stale, '--model', 'kv'], 'One history file at a time'],
  ])('exits 2 on %s', (_, args, message) => {
    const { code, out, err } = run(args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(message);
  });

  it('exits 2 naming the file and line of a malformed line', () => {
    const path = join(dir, 'malformed.jsonl');
    writeFileSync(path, '{"process":1,"kind":"call","op":"read"}\n{"process":1,"kind":"return","result":1\n');
    const { code, err } = run([path, '--model', 'register']);
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`^${path}:2: not valid JSON`));
  });

  it('exits 2 naming the line of an operation the model cannot read', () => {
    const path = file('unknown-op.jsonl', { process: 1, kind: 'call', op: 'read' }, { process: 1, kind: 'return', result: 0 }, { process: 1, kind: 'call', op: 'pop' });
    expect(run([path, '--model', 'register']).err).toBe(`${path}:3: unknown operation "pop" for the register (expected read, write or cas)\n`);
  });
});
