/**
 * reconfigExtend (§3.2): seal the active Loglet, learn its tail, and write the extended chain to the
 * MetaStore conditional on the version read. Any VirtualLog node runs it: for a client's request, when
 * its active Loglet stops answering, or to roll forward a reconfiguration that stalled after sealing
 * (then with a clone of the old segment's Loglet kind, since it cannot know what was intended).
 */
import { effectsFor, type NodeId } from '../sim/index.ts';
import { route } from './loglet.ts';
import type { DelosConfig, DelosMessage, Register } from './types.ts';
import { activeSegment, enter, finish, run, type Op, type VlogResult, type VlogState } from './virtual-log.ts';
import type { DelosTypes } from './model.ts';

const { send } = effectsFor<DelosTypes>();

// #region reconfig-extend
// #region reconfig-seal
/** Step 1 (§3.2): seal the active Loglet. The broken variant skips it and goes straight to the tail. */
export function startReconfiguration(config: DelosConfig, state: VlogState, op: Op, base: Register): VlogResult {
  if (!config.seal) return enter(config, state, op, { kind: 'check', base, tails: {} });
  return enter(config, state, op, { kind: 'seal', base, acks: [] });
}
// #endregion

/** Seal acknowledgements and sealed tails from the active Loglet's storage nodes. */
export function onReconfigMessage(config: DelosConfig, state: VlogState, op: Op, from: NodeId, message: DelosMessage): VlogResult {
  const phase = op.phase;
  if (phase.kind !== 'seal' && phase.kind !== 'check') return { state, effects: [] };
  const active = activeSegment(phase.base.chain);
  const { quorum } = route(config, active.kind);
  if (!('loglet' in message) || message.loglet !== active.loglet) return { state, effects: [] };
  if (phase.kind === 'seal' && message.kind === 'seal-ok') {
    // The seal is complete once `quorum` storage nodes have set their bit (§4.2.1); then step 2.
    const acks = phase.acks.includes(from) ? phase.acks : [...phase.acks, from];
    if (acks.length < (config.sealQuorum ? quorum : 1)) return { state: { ...state, op: { ...op, phase: { ...phase, acks } } }, effects: [] };
    return enter(config, state, op, { kind: 'check', base: phase.base, tails: {} });
  }
  if (phase.kind === 'check' && message.kind === 'seal-ok') {
    return { state, effects: [send(from, { kind: 'check-tail', loglet: active.loglet, op: op.tag })] };
  }
  // #region reconfig-tail-and-write
  if (phase.kind === 'check' && message.kind === 'tail') {
    // §4.2.1: a checkTail that meets an unsealed LogServer seals it first, so no majority can still accept.
    if (!message.sealed && config.seal && config.sealedTails) return { state, effects: [send(from, { kind: 'seal', loglet: active.loglet, op: op.tag })] };
    const tails = { ...phase.tails, [from]: message.tail };
    if (Object.keys(tails).length < quorum) return { state: { ...state, op: { ...op, phase: { ...phase, tails } } }, effects: [] };
    // Step 2 done: the sealed tail covers every acknowledged append. Step 3: the new segment starts there.
    const tail = Math.max(...Object.values(tails));
    const kind = op.request.kind === 'reconfigure' ? op.request.to : active.kind;
    const chain = [...phase.base.chain, { start: active.start + tail, loglet: phase.base.chain.length, kind }];
    return enter(config, state, op, { kind: 'write', expected: phase.base.version, chain });
  }
  // #endregion
  return { state, effects: [] };
}
// #endregion

// #region reconfig-finish
/** Step 3's answer: won or lost, the node now holds the winner's chain (§3.2) and carries on with the client's operation. */
export function finishReconfiguration(config: DelosConfig, state: VlogState, op: Op, won: boolean): VlogResult {
  if (op.request.kind === 'reconfigure') return finish(config, state, { kind: 'reconfigured', won, version: state.register?.version ?? 0 });
  if (op.unknown) return finish(config, state, { kind: 'unknown' });
  return run(config, state, { ...op, sealedLoglet: -1 });
}
// #endregion
