/**
 * The Loglet interface as the VirtualLog sees it (§3.1): whatever the kind, the same four calls go out
 * as the same messages. Only where they go and how many answers make a result differ, so the
 * VirtualLog's code never names a Loglet kind.
 */
import type { NodeId } from '../sim/index.ts';
import { majority, type DelosConfig, type LogletKind } from './types.ts';

// #region loglet-interface
export interface LogletRoute {
  /** Where append and the read path's checkTail go: the node that orders. */
  readonly orderer: NodeId;
  /** Where seal, the sealed checkTail and readNext go: the nodes that store. */
  readonly storage: readonly NodeId[];
  /** How many of `storage` must answer: a seal is complete, or a sealed tail known, at this many. */
  readonly quorum: number;
}

export function route(config: DelosConfig, kind: LogletKind): LogletRoute {
  switch (kind) {
    case 'simple': // §4.2 ZKLoglet-like: one node does everything
      return { orderer: config.simple, storage: [config.simple], quorum: 1 };
    case 'quorum': // §4.2.1 NativeLoglet: a sequencer orders, a majority of LogServers seals and answers
      return { orderer: config.sequencer, storage: config.servers, quorum: majority(config.servers.length) };
  }
}
// #endregion
