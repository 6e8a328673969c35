/**
 * `npm run check-history -- FILE… --model register|kv|log [--mermaid] [--html OUT] [--timeout S]`
 * checks recorded client histories for linearizability. One file: the verdict, and when it fails the
 * counterexample as text, with --mermaid a sequence diagram of it, with --html a viewer page. Several
 * files: a line per file and a total. Exit codes: 0 linearizable, 1 not linearizable (any file),
 * 2 bad usage or bad input (the message says which line and what is wrong), 3 unknown (time ran out).
 */
import './blocking-output.ts';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseCommandLine, usageError as fail } from './parse-command-line.ts';
import { parseHistoryLines } from '../check/jepsen-history.ts';
import { namedModels, type NamedModel } from '../check/models/index.ts';

const modelList = namedModels.map((m) => m.name).join('|');
const DEFAULT_TIMEOUT_SECONDS = 60;
const usage = `Usage: npm run check-history -- FILE… --model ${modelList} [--mermaid] [--html OUT.html] [--timeout SECONDS]
       (FILE "-" reads standard input)

Checks that a recorded history is linearizable. Prints the verdict; when it is not, the longest
linearizable prefix found and the operation that cannot be placed; with --mermaid also a Mermaid
sequence diagram (clients as participants, call and return ticks, where each operation takes effect);
with --html OUT.html a page to explore it in a browser (each client's operations on a time axis, the
order found, the operation that cannot be placed). Given several files, prints a line per file and a
total (--mermaid and --html take one file).

--timeout SECONDS  give up on a file after this long, default ${DEFAULT_TIMEOUT_SECONDS}; the verdict is then
                   "unknown", with how far the search got (0 means no limit)

Exit codes: 0 linearizable, 1 not linearizable, 2 bad usage or input, 3 unknown (time ran out).

Models:
${namedModels.map((m) => `  ${m.name.padEnd(9)} ${m.summary}`).join('\n')}

FILE holds one JSON event per line, in either style (blank lines are skipped):

  Jepsen style: invoke, then ok / fail / info for the same process
    {"process": 1, "type": "invoke", "f": "cas", "value": [1, 2], "time": 10}
    {"process": 1, "type": "ok",     "f": "cas", "value": [1, 2], "time": 14}
    ok    the operation happened; its "value" is the output (a read's value, an append's position)
    fail  it certainly did not happen: the operation is dropped
    info  unknown (crash, timeout): it may have happened at any time after the invoke, or not at all
    Lines of the "nemesis" process are skipped.

  Simple style: a call, then a return with the result; a call never returned may or may not happen
    {"process": "A", "kind": "call",   "op": "write", "args": 3, "time": 0}
    {"process": "A", "kind": "return", "result": null, "time": 5}

  EDN lines as Jepsen's history.edn and Porcupine's kv files write them are read too:
    {:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}

  "process" is a number or a name; each process runs one operation at a time, in file order.
  "time" is a number in any unit, on every line or on none (then the line number is the time).
  Jepsen-style files list events in the order they happened: an operation precedes another when its
  ok line comes before the other's invoke line (time is then only shown). Simple-style files use
  time: two operations are ordered only when one returned strictly before the other was called.
  A process's own operations are always ordered.
  "key" names the key for the kv model: {"process": 2, "type": "invoke", "f": "get", "key": "x"}
  (or Jepsen's independent form, "value": [key, value]).
  Values: write / put take the value; kv append takes the string to add; cas takes [from, to] and
  returns true or false (Jepsen: ok means it swapped); log append returns its position from 0; log
  reads take an optional limit and return the list of entries.`;


interface Args {
  files: string[];
  model?: string | undefined;
  mermaid: boolean;
  html?: string | undefined;
  timeoutMs: number | undefined;
}

/** "-" (standard input) is a positional. */
function parseArgs(argv: string[]): Args {
  const options = {
    model: { type: 'string' },
    mermaid: { type: 'boolean', default: false },
    html: { type: 'string' },
    timeout: { type: 'string' },
  } as const;
  const { values, positionals } = parseCommandLine(argv, options, usage, 'Run with --help for the options and the file formats.');
  if (values.model === '') fail(`--model needs a name: ${modelList}.`);
  if (values.html === '') fail('--html needs the file to write, e.g. --html out.html.');
  if (positionals.length > 1 && (values.mermaid || values.html !== undefined)) {
    fail(`--mermaid and --html take one history file; got ${positionals.length}.`);
  }
  return { files: positionals, model: values.model, mermaid: values.mermaid, html: values.html, timeoutMs: timeoutOf(values.timeout) };
}

function timeoutOf(text: string | undefined): number | undefined {
  if (text === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0) fail(`--timeout needs a number of seconds (0 for no limit), got "${text}".`);
  return seconds === 0 ? undefined : seconds * 1000;
}

function chooseModel(name: string | undefined): NamedModel {
  if (name === undefined) fail(`Say which model the history is of: --model ${modelList}.`);
  const model = namedModels.find((m) => m.name === name);
  if (!model) fail(`No model named "${name}". Models: ${namedModels.map((m) => m.name).join(', ')}.`);
  return model;
}

function readHistory(file: string): string {
  if (file === '-') return readFileSync(0, 'utf8');
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch {
    fail(`Cannot read ${file}: no such file.`);
  }
  if (!isFile) fail(`Cannot read ${file}: not a file.`);
  return readFileSync(file, 'utf8');
}

function reportErrors(file: string, errors: readonly { line: number; message: string }[]): never {
  const shown = errors.slice(0, 20).map((e) => `${file}:${e.line}: ${e.message}`);
  if (errors.length > shown.length) shown.push(`… and ${errors.length - shown.length} more`);
  fail(shown.join('\n'));
}

const exitCodes = { linearizable: 0, 'not linearizable': 1, unknown: 3 } as const;

function checkFile(file: string, model: NamedModel, timeoutMs: number | undefined) {
  const parsed = parseHistoryLines(readHistory(file));
  if (!parsed.ok) reportErrors(file, parsed.errors);
  if (parsed.operations.length === 0) fail(`${file} holds no operations (is it empty?).`);
  const start = performance.now();
  const checked = model.check(parsed.operations, timeoutMs === undefined ? {} : { timeoutMs, now: () => performance.now() });
  if (!checked.ok) reportErrors(file, checked.errors);
  return { report: checked.report, ms: performance.now() - start, operations: parsed.operations.length };
}

const args = parseArgs(process.argv.slice(2));
if (args.files.length === 0) fail(`Which history? Give a file.\n\n${usage}`);
const model = chooseModel(args.model);

if (args.files.length === 1) {
  const file = args.files[0]!;
  const { report } = checkFile(file, model, args.timeoutMs);
  process.stdout.write(`${report.text}\n`);
  if (args.mermaid) process.stdout.write(`\n\`\`\`mermaid\n${report.diagram()}\n\`\`\`\n`);
  if (args.html !== undefined) {
    writeFileSync(args.html, report.html(file === '-' ? 'standard input' : file));
    process.stdout.write(`\nWrote the history viewer to ${args.html}.\n`);
  }
  process.exit(exitCodes[report.verdict]);
}

// Several files: a line each, then a total; the exit code is the worst verdict.
const tally = { linearizable: 0, 'not linearizable': 0, unknown: 0 };
let totalMs = 0;
const width = Math.max(...args.files.map((f) => f.length));
for (const file of args.files) {
  const { report, ms, operations } = checkFile(file, model, args.timeoutMs);
  tally[report.verdict]++;
  totalMs += ms;
  const firstLine = report.text.split('\n')[0]!;
  process.stdout.write(`${file.padEnd(width)}  ${(ms / 1000).toFixed(3)} s  ${operations} ops  ${firstLine}\n`);
}
process.stdout.write(
  `Total: ${args.files.length} files, ${tally.linearizable} linearizable, ${tally['not linearizable']} not linearizable, ${tally.unknown} unknown; ${(totalMs / 1000).toFixed(3)} s checking.\n`,
);
process.exit(tally['not linearizable'] > 0 ? 1 : tally.unknown > 0 ? 3 : 0);
