/**
 * The steady model's dispatch and labels (snippets/steady/model.ts), for what the whole-folder mutation
 * run found unpinned (session 17): a controller's timer runs on a tick, and the trace's labels of a
 * tail and a prepare. Written for mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { newController, onControllerRequest } from '../../../snippets/steady/controller.ts';
import { describeMessage, steady } from '../../../snippets/steady/model.ts';
import { steadyPlay } from '../../../snippets/steady/play.ts';
import { demo } from '../../../snippets/steady/demo.ts';
import { steadyConfig } from '../../../snippets/steady/run-steady.ts';

const config = steadyConfig(1);

describe('the steady model (session 17)', () => {
  it('a tick runs a controller\'s timer: after retryTicks it asks the store again', () => {
    const started = onControllerRequest(config, newController('k1', config, 1), 'admin', 1, { kind: 'reconfigure', remove: undefined }).state;
    const s = { ...started, op: { ...started.op!, sinceSent: config.retryTicks - 1 } };
    const r = steady.step(s, { kind: 'tick' } as never);
    expect(r.effects).toEqual([{ kind: 'send', to: 'cfg', message: { kind: 'read-config', op: 'k1.1.1' } }]);
  });

  it('labels a tail and a prepare with their epoch and log', () => {
    expect(describeMessage({ kind: 'tail', epoch: 1, op: 'k1.1.1', log: [1, 2] })).toBe('tail e1, log [1,2]');
    expect(describeMessage({ kind: 'prepare', configuration: { epoch: 2, primary: 'r2', replicas: ['r2', 'r3'], start: 1, writer: 'k1.1.1' }, log: [1, 2] })).toBe('prepare e2 [r2 r3] from 1, log [1,2]');
  });

  it('the player\'s card of a replica that does not lead has just its epoch and log', () => {
    expect(steadyPlay.nodeView(steady.init('r2', [], config)).fields).toEqual([{ label: 'epoch', value: 'e1' }, { label: 'log', value: '[]' }]);
  });
});

describe('the demo\'s diagram of a random run (session 17)', () => {
  it('shows the first 60 steps and says how many more there were', () => {
    const text = demo.run({ seed: 3, mermaid: true });
    const steps = text.split('\n').filter((l) => l.startsWith('    ') && !/^ {4}(actor|participant|%%) /.test(l));
    expect(steps.length).toBe(61);
    expect(steps.at(-1)).toMatch(/Note over .*: \d+ more steps not shown$/);
  });
});
