/**
 * Reading paths. A note joins one with `series: { id, position }` in its frontmatter; the order of
 * notes within a series comes from those positions (gaps are fine: later notes fill them).
 */
export const SERIES = {
  'log-replication': {
    title: 'Log replication, disaggregated',
    description:
      'From Viewstamped Replication to virtual consensus: how replicated logs are built, and how their parts can be taken apart and recombined.',
  },
  'storage-unification': {
    title: 'Storage unification',
    description: 'Logs, tables and object storage behind one interface: tiering, materialization and stitching.',
  },
  'coordinated-progress': {
    title: 'Coordinated progress',
    description: 'How work moves through a graph of services reliably: triggers, retries, idempotency and durable execution.',
  },
  consistency: {
    title: 'Consistency',
    description: 'What replicas promise readers: CAP, consistency models, quorums, Dynamo and CRDTs.',
  },
  'service-mesh': {
    title: 'Service mesh, by hand',
    description: 'Sidecars, filters, mTLS and traffic shifting, each rebuilt small enough to read.',
  },
} as const satisfies Record<string, { title: string; description: string }>;

/** A series id. */
export type SeriesId = keyof typeof SERIES;

export const SERIES_IDS = Object.keys(SERIES) as [SeriesId, ...SeriesId[]];
