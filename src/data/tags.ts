/**
 * The controlled list of tags. A note may only use tags listed here; the schema rejects any other
 * and lists these. To add a tag, add a line here with a one-line description (shown on its tag page).
 */
export const TAGS = {
  replication: 'Keeping copies of data on several machines in step.',
  consensus: 'Getting a group of machines to agree on one value or one order, despite failures.',
  'state-machine-replication': 'Running the same deterministic operations in the same order on every replica.',
  quorums: 'Overlapping sets of replicas whose intersection carries information between operations.',
  consistency: 'What a reader may observe about writes: the guarantees a store makes.',
  linearizability: 'Every operation appears to take effect at one instant between its call and return.',
  'eventual-consistency': 'Replicas may disagree for a while but converge once updates stop.',
  availability: 'Answering requests even while parts of the system have failed.',
  'fault-tolerance': 'Staying correct when machines crash, restart or lose messages.',
  membership: 'Knowing which machines are part of the system right now.',
  reconfiguration: 'Changing the set of machines or the protocol while the system keeps running.',
  'leader-election': 'Choosing one node to coordinate, and replacing it when it fails.',
  recovery: 'Bringing a crashed or lagging node back to an up-to-date state.',
  'shared-log': 'A totally ordered, durable log that many clients append to and read.',
  logs: 'Append-only sequences of records as the backbone of a system.',
  partitioning: 'Splitting data over machines so each holds a part.',
  'consistent-hashing': 'Placing keys and nodes on a ring so membership changes move little data.',
  'vector-clocks': 'Per-replica counters that capture which updates causally precede others.',
  'anti-entropy': 'Background comparison and repair of replicas that have drifted apart.',
  crdts: 'Replicated data types whose concurrent updates merge without coordination.',
  'key-value-store': 'Stores that map keys to values, the simplest database interface.',
  storage: 'Durable storage engines, tiers and object stores.',
  streaming: 'Event streams, topics and stream processing.',
  messaging: 'Queues, brokers, commands and events between services.',
  architecture: 'How systems are divided into parts and how the parts depend on each other.',
  'service-mesh': 'Proxies beside every service that route, secure and observe traffic.',
  networking: 'Sockets, connections, ports and the paths packets take.',
  security: 'Authentication, encryption and authorization between parties.',
  'production-systems': 'Designs described from real deployments, with their operational lessons.',
} as const satisfies Record<string, string>;

/** A tag id from the controlled list. */
export type TagId = keyof typeof TAGS;

export const TAG_IDS = Object.keys(TAGS) as [TagId, ...TagId[]];
