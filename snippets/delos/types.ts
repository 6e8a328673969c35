/**
 * The data of the Delos model (Balakrishnan et al., "Virtual Consensus in Delos", OSDI 2020): the
 * chain of Loglets the MetaStore holds, the messages between VirtualLog nodes, MetaStore and Loglets,
 * and what clients ask. Everything is plain data so traces and diagrams can print it.
 */
import type { NodeId } from '../sim/index.ts';

/** §4.2: the two Loglet kinds of this model. `simple`: one node orders and stores (a ZKLoglet stand-in); `quorum`: a NativeLoglet. */
export type LogletKind = 'simple' | 'quorum';

/** §3.1: a segment of the VirtualLog's address space; it ends where the next one starts. */
export interface Segment {
  readonly start: number;
  /** The Loglet's id: the segment's index in the chain, so installed chains never reuse one. */
  readonly loglet: number;
  readonly kind: LogletKind;
}
export type Chain = readonly Segment[];

/** §3.2: the MetaStore's whole state, a versioned register. `writer` names the op that installed it (for idempotent retries). */
export interface Register {
  readonly version: number;
  readonly chain: Chain;
  readonly writer: string;
}

/** What a Loglet stores at a position: the value and the VirtualLog operation that appended it (for deduplication). */
export interface Entry {
  readonly value: number;
  readonly op: string;
}

export interface DelosConfig {
  readonly metastore: NodeId;
  /** The node behind every simple Loglet. */
  readonly simple: NodeId;
  /** The sequencer and LogServers behind every quorum Loglet (§4.2.1). */
  readonly sequencer: NodeId;
  readonly servers: readonly NodeId[];
  /** Broken variant when false: reconfiguration skips the seal and only reads the tail. */
  readonly seal: boolean;
  /** Broken when false: the seal phase moves on after the first seal-ok instead of a quorum of them (§4.2.1: a majority of LogServers). */
  readonly sealQuorum: boolean;
  /**
   * Broken when false: the reconfiguration's checkTail counts a tail from a storage node that is not
   * sealed, instead of sealing it first (§4.2.1). Either this rule or `sealQuorum` alone keeps the
   * boundary safe; without both, an append can be acknowledged past it.
   */
  readonly sealedTails: boolean;
  /** A VirtualLog node resends an unanswered request after this many ticks. */
  readonly retryTicks: number;
  /** A VirtualLog node suspects its active Loglet after this many unanswered appends or tail checks, and reconfigures. */
  readonly suspectAfterRetries: number;
  /** A VirtualLog node gives up an operation after this many ticks (the client learns nothing). */
  readonly opTicksMax: number;
}

// #region loglet-api
/** The Loglet API as messages (§3.1): append, checkTail, readNext, seal; plus the NativeLoglet's sequencer-to-LogServer store. */
export type LogletMessage =
  | { readonly kind: 'append'; readonly loglet: number; readonly op: string; readonly value: number }
  | { readonly kind: 'appended'; readonly loglet: number; readonly op: string; readonly pos: number }
  /** `sealed`: the entry was never stored, retry elsewhere; `maybe`: it may be stored; `unavailable`: the sequencer lost its memory. */
  | { readonly kind: 'append-failed'; readonly loglet: number; readonly op: string; readonly why: 'sealed' | 'maybe' | 'unavailable' }
  | { readonly kind: 'check-tail'; readonly loglet: number; readonly op: string }
  | { readonly kind: 'tail'; readonly loglet: number; readonly op: string; readonly tail: number; readonly sealed: boolean }
  | { readonly kind: 'tail-unavailable'; readonly loglet: number; readonly op: string }
  | { readonly kind: 'seal'; readonly loglet: number; readonly op: string }
  | { readonly kind: 'seal-ok'; readonly loglet: number; readonly op: string }
  | { readonly kind: 'read-next'; readonly loglet: number; readonly op: string; readonly from: number; readonly to: number }
  | { readonly kind: 'entries'; readonly loglet: number; readonly op: string; readonly from: number; readonly values: ReadonlyArray<number | null> }
  | { readonly kind: 'store'; readonly loglet: number; readonly pos: number; readonly entry: Entry }
  | { readonly kind: 'stored'; readonly loglet: number; readonly pos: number }
  | { readonly kind: 'store-refused'; readonly loglet: number; readonly pos: number };
// #endregion

export type MetaMessage =
  | { readonly kind: 'meta-read'; readonly op: string }
  | { readonly kind: 'meta-write'; readonly op: string; readonly expected: number; readonly chain: Chain }
  | { readonly kind: 'meta'; readonly op: string; readonly register: Register; readonly won?: boolean };

export type DelosMessage = LogletMessage | MetaMessage;

/** What a client asks a VirtualLog node (a Delos server). */
export type DelosRequest =
  | { readonly kind: 'append'; readonly value: number }
  | { readonly kind: 'read' }
  | { readonly kind: 'reconfigure'; readonly to: LogletKind };

export type DelosResponse =
  | { readonly kind: 'appended'; readonly pos: number; readonly loglet: number; readonly local: number }
  | { readonly kind: 'read'; readonly entries: readonly number[] }
  | { readonly kind: 'reconfigured'; readonly won: boolean; readonly version: number }
  /** The VirtualLog node does not know whether the append took effect. */
  | { readonly kind: 'unknown' };

export const majority = (n: number) => Math.floor(n / 2) + 1;
