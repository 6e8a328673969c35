import { describe, expect, it } from 'vitest';
import { describeAction, READER } from '../../../snippets/play/actions.ts';

describe("the action list's lines (describeAction)", () => {
  it('a crash, a restart and an isolation name the action and its node', () => {
    expect(describeAction({ at: 1, kind: 'crash', node: 'r1' })).toBe('crash r1');
    expect(describeAction({ at: 1, kind: 'restart', node: 'r2' })).toBe('restart r2');
    expect(describeAction({ at: 1, kind: 'isolate', node: 'r3' })).toBe('isolate r3');
  });

  it('a partition lists its two groups, space-separated, either side of a bar', () => {
    expect(describeAction({ at: 0, kind: 'partition', groups: [['r1', 'c1'], ['r2', 'r3']] })).toBe('partition r1 c1 | r2 r3');
  });

  it('a heal is one word', () => {
    expect(describeAction({ at: 4, kind: 'heal' })).toBe('heal');
  });

  it('a drop names the link whose next message is lost', () => {
    expect(describeAction({ at: 4, kind: 'drop', from: 'r1', to: 'r2' })).toBe('drop the next message r1 → r2');
  });

  it("the reader's call shows the call, its value if it has one, and the node it goes to", () => {
    expect(describeAction({ at: 2, kind: 'call', call: 'put', to: 'r1', value: 7 })).toBe('you: put 7 → r1');
    expect(describeAction({ at: 2, kind: 'call', call: 'put', to: 'r1', value: 0 })).toBe('you: put 0 → r1');
    expect(describeAction({ at: 2, kind: 'call', call: 'get', to: 'r2' })).toBe('you: get → r2');
  });

  it('rates show loss and duplication in whole percent', () => {
    expect(describeAction({ at: 3, kind: 'rates', lossPercent: 20, duplicatePercent: 5 })).toBe('loss 20%, duplication 5%');
  });

  it('the reader’s client is "you"', () => {
    expect(READER).toBe('you');
  });
});
