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
import type { Move } from '../explore/explorer.ts';
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
  // Read as a scenario run, an explorer's path would quietly become the default scenario.
  if (params.has('explore') || params.has('path')) throw new Error('explore/path: this is an explorer replay URL (decodeReplaySpec reads it, snippets/play/replay.ts replays it), not a scenario run');
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

/**
 * An explorer's counterexample as a URL (`npm run explore` prints it): the explorer's configuration
 * and its path, move by move, replayed exactly (snippets/play/replay.ts), with no scheduler at all:
 *
 *   /play/vr/?explore=vr&variant=new-primary-keeps-own-log&nodes=3&requests=1&path=call.c1~deliver.1~ticks.r2.21&step=3
 *
 * `explore` names the model's explore descriptor (`snippets/<model>/explore.ts`); `variant`, `nodes`,
 * `requests` (and `shape`, when a run borrows another variant's workload) are its Size, everything
 * the setup depends on. The search's bounds are not: they choose which paths are searched, not what
 * a path does, and a tick run carries its own count. `path` lists the moves, `~`-separated, in the
 * explorer's own terms: `deliver.<copy>`, `lose.<copy>`, `duplicate.<copy>` (copies are numbered by
 * the cluster as it runs, so the same path numbers them the same), `ticks.<node>.<count>` (that many
 * ticks of one node), `tick.<node>`, `call.<client>`, `timeout.<client>.<opId>`, `crash.<node>`,
 * `restart.<node>`; a step cut short by a crash after k of its effects ends in `.cut<k>`.
 */
export interface ReplaySpec {
  readonly explore: string;
  readonly variant: string | undefined;
  readonly nodes: number;
  readonly requests: number;
  readonly shape?: string;
  readonly path: readonly Move[];
  /** Moves applied (0 to path.length). */
  readonly step: number;
}

/** Whether a player query is an explorer replay rather than a scenario run. */
export function isReplayQuery(query: string): boolean {
  return new URLSearchParams(query).has('explore');
}

export function encodeReplaySpec(spec: ReplaySpec): string {
  for (const [field, value] of [['explore', spec.explore], ['variant', spec.variant], ['shape', spec.shape]] as const) {
    if (value !== undefined && !NAME.test(value)) throw new Error(`${field} "${value}": letters, digits and "-" only`);
  }
  const parts = [`explore=${spec.explore}`];
  if (spec.variant !== undefined) parts.push(`variant=${spec.variant}`);
  parts.push(`nodes=${spec.nodes}`, `requests=${spec.requests}`);
  if (spec.shape !== undefined) parts.push(`shape=${spec.shape}`);
  parts.push(`path=${encodePath(spec.path)}`, `step=${spec.step}`);
  return parts.join('&');
}

/** Reads an explorer replay query; throws naming the field that is wrong (a bad move, a step past the path's end). */
export function decodeReplaySpec(query: string): ReplaySpec {
  const params = new URLSearchParams(query);
  const name = (field: string, required: boolean): string | undefined => {
    const value = params.get(field) ?? undefined;
    if (value === undefined && required) throw new Error(`${field}: missing (an explorer URL names explore, nodes, requests and path)`);
    if (value !== undefined && !NAME.test(value)) throw new Error(`${field} "${value}": letters, digits and "-" only`);
    return value;
  };
  const number = (field: string): number => {
    const text = params.get(field);
    if (text === null) throw new Error(`${field}: missing (an explorer URL names explore, nodes, requests and path)`);
    return wholeNumber(text, field);
  };
  const pathText = params.get('path');
  if (pathText === null) throw new Error('path: missing (an explorer URL names explore, nodes, requests and path)');
  const path = decodePath(pathText);
  const step = params.has('step') ? wholeNumber(params.get('step')!, 'step') : path.length;
  if (step > path.length) throw new Error(`step: ${step} is past the path's end (${path.length} moves)`);
  const shape = name('shape', false);
  return { explore: name('explore', true)!, variant: name('variant', false), nodes: number('nodes'), requests: number('requests'), ...(shape === undefined ? {} : { shape }), path, step };
}

export function encodePath(path: readonly Move[]): string {
  return path.map(encodeMove).join('~');
}

function encodeMove(move: Move): string {
  const cut = (m: { readonly crashAfter?: number }) => (m.crashAfter === undefined ? [] : [`cut${m.crashAfter}`]);
  const args = (() => {
    switch (move.kind) {
      case 'deliver':
        return [String(move.copy), ...cut(move)];
      case 'lose':
      case 'duplicate':
        return [String(move.copy)];
      case 'ticks':
        return [move.node, String(move.count), ...cut(move)];
      case 'tick':
      case 'restart':
        return [move.node, ...cut(move)];
      case 'crash':
        return [move.node];
      case 'call':
        return [move.client];
      case 'timeout':
        return [move.client, String(move.opId)];
      default:
        throw new Error(`a path has no "${move.kind}" move (the explorer never takes one)`);
    }
  })();
  for (const arg of args) if (!/^[A-Za-z0-9]+$/.test(arg)) throw new Error(`move ${move.kind}: "${arg}" cannot go in a URL (letters and digits only)`);
  return [move.kind, ...args].join('.');
}

export function decodePath(text: string): Move[] {
  return text === '' ? [] : text.split('~').map(decodeMove);
}

function decodeMove(text: string): Move {
  const [kind = '', ...rest] = text.split('.');
  const last = rest.at(-1);
  const crashAfter = last !== undefined && /^cut\d+$/.test(last) ? wholeNumber(last.slice(3), `path "${text}": the cut`) : undefined;
  const args = crashAfter === undefined ? rest : rest.slice(0, -1);
  const cut = crashAfter === undefined ? {} : { crashAfter };
  const want = (n: number, cuttable: boolean) => {
    if (args.length !== n || args.some((a) => !/^[A-Za-z0-9]+$/.test(a))) throw new Error(`path "${text}": ${kind} takes ${n} argument${n === 1 ? '' : 's'} (letters and digits)`);
    if (crashAfter !== undefined && (!cuttable || crashAfter < 1)) throw new Error(`path "${text}": only a step (deliver, tick, ticks, restart) can be cut, after at least 1 effect`);
  };
  const whole = (i: number) => wholeNumber(args[i]!, `path "${text}"`);
  switch (kind) {
    case 'deliver':
      want(1, true);
      return { kind, copy: whole(0), ...cut };
    case 'lose':
    case 'duplicate':
      want(1, false);
      return { kind, copy: whole(0) };
    case 'ticks': {
      want(2, true);
      const count = whole(1);
      if (count < 1) throw new Error(`path "${text}": a run of ticks has at least 1`);
      return { kind, node: args[0]!, count, ...cut };
    }
    case 'tick':
    case 'restart':
      want(1, true);
      return { kind, node: args[0]!, ...cut };
    case 'crash':
      want(1, false);
      return { kind, node: args[0]! };
    case 'call':
      want(1, false);
      return { kind, client: args[0]! };
    case 'timeout':
      want(2, false);
      return { kind, client: args[0]!, opId: whole(1) };
    default:
      throw new Error(`path "${text}": unknown move "${kind}" (deliver, lose, duplicate, ticks, tick, call, timeout, crash, restart)`);
  }
}
