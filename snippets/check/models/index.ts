/**
 * The built-in models by name, for tools that check a recorded history file (snippets/cli/
 * check-history.ts): each decodes the file's operations into its own input and output types, runs
 * the checker and renders the verdict. Generic code cannot hold "a model of some state type" without
 * casts, so each entry closes over its model's types and exposes only what a tool needs.
 */
import { counterexampleText, historyDiagram, verdictText } from '../counterexample.ts';
import type { Operation } from '../history.ts';
import type { LineError, RawOperation, SourcedOperation } from '../jepsen-history.ts';
import { checkLinearizability, type CheckOptions } from '../linearizability.ts';
import type { Model } from '../model.ts';
import { historyViewerHtml } from '../viewer.ts';
import { decodeKvOperation, kvModel } from './kv.ts';
import { decodeLogOperation, logModel } from './log.ts';
import { decodeRegisterOperation, registerModel } from './register.ts';
import { DecodeError } from './values.ts';

export interface Report {
  /** True, false, or undefined when the time ran out first (verdict "unknown"). */
  readonly linearizable: boolean | undefined;
  readonly verdict: 'linearizable' | 'not linearizable' | 'unknown';
  /** The verdict, and for a violation the counterexample, as text. */
  readonly text: string;
  /** A Mermaid sequence diagram: the failing partition, or the first one when all pass. */
  diagram(): string;
  /** The history viewer: one self-contained HTML page (viewer.ts). */
  html(title: string): string;
}

export interface NamedModel {
  readonly name: string;
  /** One line: the operations and what their values mean. */
  readonly summary: string;
  check(operations: readonly SourcedOperation[], options?: CheckOptions): { readonly ok: true; readonly report: Report } | { readonly ok: false; readonly errors: LineError[] };
}

function named<State, Input, Output>(
  name: string,
  summary: string,
  model: Model<State, Input, Output>,
  decode: (raw: RawOperation) => Operation<Input, Output>,
): NamedModel {
  return {
    name,
    summary,
    check(sourced, options = {}) {
      const errors: LineError[] = [];
      const history: Operation<Input, Output>[] = [];
      for (const { operation, line, returnLine } of sourced) {
        try {
          history.push(decode(operation));
        } catch (error) {
          if (!(error instanceof DecodeError)) throw error;
          errors.push({ line: error.at === 'return' && returnLine !== undefined ? returnLine : line, message: error.message });
        }
      }
      if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
      const result = checkLinearizability(model, history, options);
      const text = result.ok === false ? `${verdictText(result)}\n\n${counterexampleText(model, result.counterexample)}` : verdictText(result);
      const shown = result.ok === false ? result.counterexample : result.partitions[0];
      return {
        ok: true,
        report: {
          linearizable: result.ok,
          verdict: result.verdict,
          text,
          diagram: () => (shown ? historyDiagram(model, shown) : 'sequenceDiagram'),
          html: (title) => historyViewerHtml(model, result, { title }),
        },
      };
    },
  };
}

export const namedModels: readonly NamedModel[] = [
  named('register', 'read → value; write(value); cas([from, to]) → true/false. Starts at null.', registerModel, decodeRegisterOperation),
  named('kv', 'get(key) → value; put(key, value); append(key, string); cas(key, [from, to]) → true/false. Keys start at null (read as null or ""); checked per key.', kvModel, decodeKvOperation),
  named('log', 'append(entry) → position from 0; read(limit?) → the first min(limit, length) entries (all without a limit).', logModel, decodeLogOperation),
];
