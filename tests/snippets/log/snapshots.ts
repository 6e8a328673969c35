/** Log snapshots written by hand, for the conformance checker's tests. */
import type { Capabilities, LogSnapshot } from '../../../snippets/log/interface.ts';

/** Every promise a backend can declare: each property the checker knows is checked. */
export const ALL: Capabilities = { ackPosition: 'segment', read: 'committed', readSeesAcked: true, tail: 'internal', seal: 'segment', reconfigure: 'test' };

/** A snapshot with nothing in it but `parts`. */
export const log = (parts: Partial<LogSnapshot>): LogSnapshot => ({ appends: [], reads: [], committed: [], replicas: [], seals: [], ...parts });
