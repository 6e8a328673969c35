/**
 * `npm run check-history -- FILE --model register|kv|log [--mermaid]` checks a recorded client
 * history for linearizability and prints the verdict; when it fails, the counterexample as text,
 * and with --mermaid a sequence diagram of it. Exit codes: 0 linearizable, 1 not linearizable,
 * 2 bad usage or bad input (the message says which line and what is wrong).
 */
import { readFileSync, statSync } from 'node:fs';
import { parseCommandLine, usageError as fail } from './parse-command-line.ts';
import { parseHistoryLines } from '../check/jepsen-history.ts';
import { namedModels, type NamedModel } from '../check/models/index.ts';

const modelList = namedModels.map((m) => m.name).join('|');
const usage = `Usage: npm run check-history -- FILE --model ${modelList} [--mermaid]
       (FILE "-" reads standard input)

Checks that a recorded history is linearizable. Prints the verdict; when it is not, the longest
linearizable prefix found and the operation that cannot be placed; with --mermaid also a Mermaid
sequence diagram (clients as participants, call and return ticks, where each operation takes effect).

Exit codes: 0 linearizable, 1 not linearizable, 2 bad usage or input.

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

  "process" is a number or a name; each process runs one operation at a time.
  "time" is a number in any unit, on every line or on none (then the line number is the time).
  Two operations are ordered only when one returned strictly before the other was called.
  "key" names the key for the kv model: {"process": 2, "type": "invoke", "f": "get", "key": "x"}
  Values: write / put take the value; cas takes [from, to] and returns true or false (Jepsen: ok
  means it swapped); append returns its position from 0; log reads take an optional limit and
  return the list of entries.`;


interface Args {
  file?: string | undefined;
  model?: string | undefined;
  mermaid: boolean;
}

/** "-" (standard input) is a positional. */
function parseArgs(argv: string[]): Args {
  const options = { model: { type: 'string' }, mermaid: { type: 'boolean', default: false } } as const;
  const { values, positionals } = parseCommandLine(argv, options, usage, 'Run with --help for the options and the file formats.');
  if (values.model === '') fail(`--model needs a name: ${modelList}.`);
  if (positionals.length > 1) fail(`One history file at a time: got ${positionals.map((p) => `"${p}"`).join(' and ')}.`);
  return { file: positionals[0], model: values.model, mermaid: values.mermaid };
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

const args = parseArgs(process.argv.slice(2));
if (args.file === undefined) fail(`Which history? Give a file.\n\n${usage}`);
const model = chooseModel(args.model);
const parsed = parseHistoryLines(readHistory(args.file));
if (!parsed.ok) reportErrors(args.file, parsed.errors);
if (parsed.operations.length === 0) fail(`${args.file} holds no operations (is it empty?).`);
const checked = model.check(parsed.operations);
if (!checked.ok) reportErrors(args.file, checked.errors);
const { report } = checked;
process.stdout.write(`${report.text}\n`);
if (args.mermaid) process.stdout.write(`\n\`\`\`mermaid\n${report.diagram()}\n\`\`\`\n`);
process.exit(report.linearizable ? 0 : 1);
