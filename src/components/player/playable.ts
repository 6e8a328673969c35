/**
 * The models a reader can run in the browser: each has a descriptor (snippets/<name>/play.ts), an
 * entry module (src/scripts/player/<name>.ts, bundled to /play/<name>/player.js) and a page
 * (/play/<name>/). Adding a model here is the site's side of making it playable.
 */
export const PLAYABLE: Readonly<Record<string, { readonly title: string }>> = {
  vr: { title: 'Viewstamped Replication' },
  quorums: { title: 'the quorum register' },
  dynamo: { title: 'Dynamo' },
  delos: { title: 'Delos' },
  bookkeeper: { title: 'BookKeeper and Pulsar' },
  kafka: { title: 'Kafka replication' },
  steady: { title: 'the write-all log and its reconfiguration' },
  neon: { title: 'Neon\'s WAL service' },
  raft: { title: 'Raft and rqlite\'s read levels' },
};

export const playerPage = (name: string): string => `/play/${name}/`;
export const playerModule = (name: string): string => `/play/${name}/player.js`;
