/**
 * The shared front of our commands: Node's own argument parser, `--help`/`-h` printing the usage, and
 * usage errors (unknown option, missing value) on stderr with exit code 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Prints the message on stderr and exits 2, the code our commands use for bad usage or input. */
export function usageError(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

export function parseCommandLine<O extends Options>(argv: string[], options: O, usage: string, hint = usage) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    usageError(`${error instanceof Error ? error.message : String(error)}\n${hint}`);
  }
  if ((parsed.values as Record<string, unknown>)['help']) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return parsed;
}
