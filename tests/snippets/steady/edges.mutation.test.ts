/**
 * Edges of the reconfiguration controller's rules (snippets/steady/controller.ts) that the partial
 * mutation run of 7 December showed no test pinned: which answers move a phase on, and to whom a
 * prepare is sent again. One rule per test (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { newController, onControllerMessage, onControllerRequest, onControllerTick, type ControllerState } from '../../../snippets/steady/controller.ts';
import { steadyConfig } from '../../../snippets/steady/run-steady.ts';

const config = steadyConfig(1);
const start = () => onControllerRequest(config, newController('k1', config, 2), 'admin', 1, { kind: 'reconfigure', remove: 'r2' }).state;
const sealing = () => onControllerMessage(config, start(), 'cfg', { kind: 'config', op: 'k1.2.1', configuration: config.initial }).state;

describe('the reconfiguration controller', () => {
  it('leaves the read phase only on the store\'s answer', () => {
    const s = start();
    expect(onControllerMessage(config, s, 'r1', { kind: 'sealed', epoch: 1, op: 'k1.2.1', log: [7] })).toEqual({ state: s, effects: [] });
  });

  it('leaves the seal phase only on a sealed replica\'s (or a read tail\'s) answer', () => {
    const s = sealing();
    expect(onControllerMessage(config, s, 'r1', { kind: 'prepared', epoch: 1, op: 'k1.2.1' })).toEqual({ state: s, effects: [] });
    expect(onControllerMessage(config, s, 'r1', { kind: 'tail', epoch: 1, op: 'k1.2.1', log: [7] }).state.op!.phase.kind).toBe('prepare');
  });

  it('sends a prepare again only to the new replicas that have not answered it', () => {
    let s: ControllerState = onControllerMessage(config, sealing(), 'r1', { kind: 'sealed', epoch: 1, op: 'k1.2.1', log: [7] }).state;
    s = onControllerMessage(config, s, 'r1', { kind: 'prepared', epoch: 2, op: 'k1.2.1' }).state;
    const to: string[] = [];
    for (let t = 0; t < 8; t++) {
      const r = onControllerTick(config, s);
      for (const e of r.effects) if (e.kind === 'send') to.push(e.to);
      s = r.state;
    }
    expect(to).toEqual(['r3']);
  });
});
