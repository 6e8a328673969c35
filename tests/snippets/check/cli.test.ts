/** `npm run check-history`: what it prints and how it exits (0 linearizable, 1 not, 2 bad usage or input, 3 unknown). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    ['two files with --html', [good, stale, '--model', 'register', '--html', join(dir, 'x.html')], '--mermaid and --html take one history file; got 2.'],
    ['a timeout that is not a number', [good, '--model', 'register', '--timeout', 'soon'], '--timeout needs a number of seconds (0 for no limit), got "soon".'],
  ])('exits 2 on %s', (_, args, message) => {
    const { code, out, err } = run(args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(message);
  });

  it('checks several files in one run: a line per file and a total, exit 1 when any is not linearizable', () => {
    const { code, out } = run([good, stale, '--model', 'register']);
    expect(code).toBe(1);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^${good} +\\d+\\.\\d{3} s  3 ops  Linearizable: 3 operations; 1 never returned\\.$`));
    expect(lines[1]).toMatch(new RegExp(`^${stale} +\\d+\\.\\d{3} s  2 ops  Not linearizable: `));
    expect(lines[2]).toMatch(/^Total: 2 files, 1 linearizable, 1 not linearizable, 0 unknown; \d+\.\d{3} s checking\.$/);
  });

  it('checks Porcupine-style EDN kv histories with appends', () => {
    const path = join(dir, 'porcupine.txt');
    writeFileSync(path, [
      '{:process 0, :type :invoke, :f :append, :key "1", :value "x 0 0 y"}',
      '{:process 1, :type :invoke, :f :get, :key "1", :value nil}',
      '{:process 0, :type :ok, :f :append, :key "1", :value "x 0 0 y"}',
      '{:process 1, :type :ok, :f :get, :key "1", :value ""}',
      '{:process 1, :type :invoke, :f :get, :key "1", :value nil}',
      '{:process 1, :type :ok, :f :get, :key "1", :value ""}',
    ].join('\n'));
    const { code, out } = run([path, '--model', 'kv']);
    expect(code).toBe(1);
    expect(out).toMatch(/Cannot place: get\("1"\) → "" +client 1 +t=5\.\.6/);
  });

  it('--timeout: a search that runs out of time says unknown and exits 3', () => {
    const ops: object[] = [];
    // Forty clients appending concurrently to one key, then a read no order explains: a long search.
    // A cas that never returns, concurrent with all of them, turns off the kv model's shortcuts (a
    // cas may or may not replace the value), so only the search can answer.
    ops.push({ process: 98, type: 'invoke', f: 'cas', key: 'k', value: ['a', 'b'] });
    for (let c = 0; c < 40; c++) ops.push({ process: c, type: 'invoke', f: 'append', key: 'k', value: `${c},` });
    for (let c = 0; c < 40; c++) ops.push({ process: c, type: 'ok', f: 'append', key: 'k', value: `${c},` });
    ops.push({ process: 99, type: 'invoke', f: 'get', key: 'k' }, { process: 99, type: 'ok', f: 'get', key: 'k', value: 'never' });
    const { code, out } = run([file('slow.jsonl', ...ops), '--model', 'kv', '--timeout', '0.2']);
    expect(code).toBe(3);
    expect(out).toMatch(/^Unknown: no answer within 0\.2 s\. 0 of 1 independent keys found linearizable; still searching key "k": \d+ of 41 placed, \d+ configurations\.\n$/);
  });

  it('--html writes the history viewer: one page, no external resources, the failing operation marked', () => {
    const out = join(dir, 'viewer.html');
    const { code, out: text } = run([stale, '--model', 'register', '--html', out]);
    expect(code).toBe(1);
    expect(text).toContain(`Wrote the history viewer to ${out}.`);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<(link|img|iframe)\b|\bsrc=|https?:\/\//);
    expect(html).toMatch(/class="op stuck"[^>]*aria-label="read\(\) → null · client B · t=3\.\.4 · cannot be placed/);
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
