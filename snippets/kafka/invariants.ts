/**
 * The properties a Kafka run must keep, checked after every step. They read what is on the nodes'
 * disks (the brokers' logs and high watermarks, the controller's metadata log) and what clients were
 * told, never a broker's belief about itself.
 */
import type { ClusterView, Invariant, NodeId } from '../sim/index.ts';
import { currentState, type BrokerDurable, type ControllerDurable, type KafkaTypes } from './state.ts';
import { NO_LEADER, type KafkaResponse } from './types.ts';

type View = ClusterView<KafkaTypes>;

export function metadataLog(view: View): ControllerDurable | undefined {
  for (const n of view.nodes) if (n.durable?.role === 'controller') return n.durable;
  for (const n of view.nodes) if (n.state?.role === 'controller') return n.state; // before its first write
  return undefined;
}

export function disks(view: View): Array<{ id: NodeId; disk: BrokerDurable }> {
  return view.nodes.flatMap((n) => (n.durable?.role === 'broker' ? [{ id: n.id, disk: n.durable }] : []));
}

/** The log of the broker the metadata log names leader, or undefined when none leads. */
function leaderLog(view: View): { id: NodeId; disk: BrokerDurable | undefined } | undefined {
  const meta = metadataLog(view);
  const leader = meta ? currentState(meta).leader : NO_LEADER;
  if (leader === NO_LEADER) return undefined;
  const node = view.nodes.find((n) => n.id === leader);
  return { id: leader, disk: node?.durable?.role === 'broker' ? node.durable : undefined };
}

const result = (r: unknown) => r as KafkaResponse;

export function kafkaInvariants(): Record<string, Invariant<KafkaTypes>> {
  return {
    // #region no-acked-loss
    // acks=all with clean election: an acknowledged record is on every ISR member, and only an ISR member can lead next.
    'no acknowledged record is lost: the leader\'s log holds it at its offset': (view) => {
      const leader = leaderLog(view);
      if (!leader) return undefined;
      for (const op of view.history) {
        if (op.op !== 'produce' || op.returnTick === undefined || result(op.result).kind !== 'ack') continue;
        const offset = (op.result as Extract<KafkaResponse, { kind: 'ack' }>).offset;
        const held = leader.disk?.log.records[offset];
        if (held?.value !== op.args) return `produce ${String(op.args)} was acknowledged at offset ${offset}, but leader ${leader.id} holds ${held ? `${held.value}@${held.epoch}` : 'nothing'} there`;
      }
      return undefined;
    },
    // #endregion
    // #region agree-below-hw
    // What a replica counts as committed, every other replica that counts it committed holds too.
    'replicas agree below their high watermarks': (view) => {
      const all = disks(view);
      for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length; j++) {
          const [a, b] = [all[i]!, all[j]!];
          const upTo = Math.min(a.disk.hw, b.disk.hw);
          for (let o = 0; o < upTo; o++) {
            const [x, y] = [a.disk.log.records[o], b.disk.log.records[o]];
            if (x?.value !== y?.value || x?.epoch !== y?.epoch) {
              const show = (r: typeof x) => (r ? `${r.value}@${r.epoch}` : 'nothing');
              return `offset ${o} is below both high watermarks (${a.id} hw=${a.disk.hw}, ${b.id} hw=${b.disk.hw}), but ${a.id} holds ${show(x)} and ${b.id} holds ${show(y)}`;
            }
          }
        }
      }
      return undefined;
    },
    // #endregion
    // #region deposed-leader
    // Every ISR change a broker asked for was written on top of the very state it was based on, by that state's leader.
    'only the current leader changes the ISR, from the partition epoch it holds': (view) => {
      const records = metadataLog(view)?.records ?? [];
      for (let i = 1; i < records.length; i++) {
        const { cause } = records[i]!;
        const before = records[i - 1]!.state;
        if (cause.kind !== 'alter') continue;
        if (cause.by !== before.leader || cause.leaderEpoch !== before.leaderEpoch || cause.partitionEpoch !== before.partitionEpoch) {
          return `${cause.by} changed the ISR to {${records[i]!.state.isr.join(',')}} from leader epoch ${cause.leaderEpoch}, partition epoch ${cause.partitionEpoch}, but ${before.leader} led epoch ${before.leaderEpoch} at partition epoch ${before.partitionEpoch}`;
        }
      }
      return undefined;
    },
    // #endregion
    // #region consumers
    // A consumer is served only below the high watermark, so nothing it read can be lost or replaced later.
    'consumers read only committed records, which stay': (view) => {
      const leader = leaderLog(view);
      for (const op of view.history) {
        if (op.op !== 'consume' || op.returnTick === undefined) continue;
        const r = result(op.result);
        if (r.kind !== 'records') continue;
        if (r.values.length > r.hw) return `a consumer read ${r.values.length} records from ${r.leader}, past its high watermark ${r.hw}`;
        if (!leader) continue;
        const held = leader.disk?.log.records ?? [];
        const o = r.values.findIndex((v, i) => held[i]?.value !== v);
        if (o >= 0) return `a consumer read ${r.values[o]} at offset ${o} from ${r.leader}, but leader ${leader.id} now holds ${held[o] ? `${held[o]!.value}@${held[o]!.epoch}` : 'nothing'} there`;
      }
      return undefined;
    },
    // #endregion
  };
}
