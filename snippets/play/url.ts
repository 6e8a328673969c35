/**
 * A run as a URL query, short enough to read and to paste in an issue:
 *
 *   /play/vr/?scenario=view-change&seed=1&variant=new-primary-keeps-own-log&at=4.crash.r1~9.restart.r1&step=42
 *
 * `at` lists the reader's actions, `~`-separated, each `<step>.<kind>.<arguments>` with `.` between
 * arguments (nodes are letters and digits): `12.crash.r1`, `12.restart.r1`, `12.isolate.r2`,
 * `12.partition.r1_r2.r3` (groups `_`-joined), `12.heal`, `12.drop.r1.r2`, `12.rates.5.10` (loss and
 * duplication, whole percent), `12.call.put.r1.5` and `12.call.get.r2` (the reader's client calls a
 * node: the model's call, then its value if it takes one). Only unreserved characters, so nothing is percent-encoded.
 */
import type { PlayAction } from './actions.ts';

export interface PlaySpec {
  readonly scenario: string;
  readonly seed: number;
  /** A broken variant's id, or undefined for the model as the paper has it. */
  readonly variant: string | undefined;
  /** Sorted by step; several may share one. */
  readonly actions: readonly PlayAction[];
  readonly step: number;
}

const NAME = /^[A-Za-z0-9-]+$/;

export function encodeActions(actions: readonly PlayAction[]): string {
  return actions.map(encodeAction).join('~');
}

function encodeAction(a: PlayAction): string {
  const args = (() => {
    switch (a.kind) {
      case 'crash':
      case 'restart':
      case 'isolate':
        return [a.node];
      case 'partition':
        return [a.groups[0].join('_'), a.groups[1].join('_')];
      case 'heal':
        return [];
      case 'drop':
        return [a.from, a.to];
      case 'rates':
        return [String(a.lossPercent), String(a.duplicatePercent)];
      case 'call':
        return [a.call, a.to, ...(a.value === undefined ? [] : [String(a.value)])];
    }
  })();
  for (const arg of args) if (!/^[A-Za-z0-9_]+$/.test(arg)) throw new Error(`action ${a.kind}: "${arg}" cannot go in a URL (letters and digits only)`);
  return [String(a.at), a.kind, ...args].join('.');
}

/** The query string (without `?`) for a run. */
export function encodeSpec(spec: PlaySpec): string {
  if (!NAME.test(spec.scenario)) throw new Error(`scenario "${spec.scenario}": letters, digits and "-" only`);
  if (spec.variant !== undefined && !NAME.test(spec.variant)) throw new Error(`variant "${spec.variant}": letters, digits and "-" only`);
  const parts = [`scenario=${spec.scenario}`, `seed=${spec.seed}`];
  if (spec.variant !== undefined) parts.push(`variant=${spec.variant}`);
  if (spec.actions.length > 0) parts.push(`at=${encodeActions(spec.actions)}`);
  parts.push(`step=${spec.step}`);
  return parts.join('&');
}

/** Reads a query string; missing fields take the defaults given. Throws naming the field that is wrong. */
export function decodeSpec(query: string, defaults: { scenario: string }): PlaySpec {
  const params = new URLSearchParams(query);
  const scenario = params.get('scenario') ?? defaults.scenario;
  if (!NAME.test(scenario)) throw new Error(`scenario "${scenario}": letters, digits and "-" only`);
  const variant = params.get('variant') ?? undefined;
  if (variant !== undefined && !NAME.test(variant)) throw new Error(`variant "${variant}": letters, digits and "-" only`);
  return {
    scenario,
    seed: wholeNumber(params.get('seed') ?? '1', 'seed'),
    variant,
    actions: decodeActions(params.get('at') ?? ''),
    step: wholeNumber(params.get('step') ?? '0', 'step'),
  };
}

export function decodeActions(text: string): PlayAction[] {
  if (text === '') return [];
  const actions = text.split('~').map(decodeAction);
  for (let i = 1; i < actions.length; i++) {
    if (actions[i]!.at < actions[i - 1]!.at) throw new Error(`at: actions must be in step order, "${text}" is not`);
  }
  return actions;
}

function decodeAction(text: string): PlayAction {
  const [stepText = '', kind = '', ...args] = text.split('.');
  const at = wholeNumber(stepText, `at "${text}": the step`);
  const want = (n: number) => {
    if (args.length !== n || args.some((a) => a === '')) throw new Error(`at "${text}": ${kind} takes ${n} argument${n === 1 ? '' : 's'}`);
  };
  switch (kind) {
    case 'crash':
    case 'restart':
    case 'isolate':
      want(1);
      return { at, kind, node: args[0]! };
    case 'partition':
      want(2);
      return { at, kind, groups: [args[0]!.split('_'), args[1]!.split('_')] };
    case 'heal':
      want(0);
      return { at, kind };
    case 'drop':
      want(2);
      return { at, kind, from: args[0]!, to: args[1]! };
    case 'rates': {
      want(2);
      const [loss, dup] = args.map((a) => wholeNumber(a, `at "${text}": a rate`));
      if (loss! > 100 || dup! > 100) throw new Error(`at "${text}": rates are whole percent, 0 to 100`);
      return { at, kind, lossPercent: loss!, duplicatePercent: dup! };
    }
    case 'call': {
      if (args.length !== 2 && args.length !== 3) throw new Error(`at "${text}": call takes 2 or 3 arguments (the call, the node, and its value if it takes one)`);
      if (args.some((a) => a === '')) throw new Error(`at "${text}": call has an empty argument`);
      const base = { at, kind, call: args[0]!, to: args[1]! } as const;
      return args.length === 3 ? { ...base, value: wholeNumber(args[2]!, `at "${text}": the value`) } : base;
    }
    default:
      throw new Error(`at "${text}": unknown action "${kind}" (crash, restart, isolate, partition, heal, drop, rates, call)`);
  }
}

function wholeNumber(text: string, field: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new Error(`${field}: "${text}" is not a whole number`);
  return Number(text);
}
