/**
 * Quorum systems as text: a one-line description, and a Mermaid flowchart for small systems.
 *
 * The flowchart shows where the nodes sit (grid rows as subgraphs, since a row is a read quorum)
 * and can mark one read quorum and one write quorum, e.g. the disjoint pair that `checkIntersection`
 * returns for a broken system. Marks are words, not colours, so they read the same in the light and
 * dark themes and without colour vision. `describe` gives the caption.
 */
import { readQuorums, shape, writeQuorums } from './quorum-system.ts';
import type { NodeName, QuorumSystem } from './quorum-system.ts';

/** A short human description, e.g. "majority of 5: reads 3, writes 3". */
export function describe(system: QuorumSystem): string {
  const n = system.nodes.length;
  switch (system.kind) {
    case 'thresholds': {
      const { read: r, write: w } = system;
      const m = Math.floor(n / 2) + 1;
      return r === m && w === m
        ? `majority of ${n}: reads ${r}, writes ${w}`
        : `N=${n}, R=${r}, W=${w}: reads any ${r} of ${n}, writes any ${w} of ${n}`;
    }
    case 'grid':
      return `${shape(system.rows)} grid: reads one full row, writes one node from every row`;
    case 'weighted': {
      const votes = system.nodes.map((node) => `${node}=${system.weights[node]}`).join(' ');
      const total = system.nodes.reduce((sum, node) => sum + system.weights[node]!, 0);
      return `weighted votes ${votes}: reads need ${system.read} of ${total}, writes need ${system.write} of ${total}`;
    }
    case 'explicit': {
      const count = (it: Iterable<unknown>) => [...it].length;
      return `${system.name}: ${count(readQuorums(system))} read quorums, ${count(writeQuorums(system))} write quorums`;
    }
    default:
      return unreachable(system);
  }
}

export const MAX_DRAWN_NODES = 9;

export interface Highlight {
  /** Nodes to mark "read", e.g. a read quorum. */
  read?: Iterable<NodeName>;
  /** Nodes to mark "write", e.g. a write quorum. */
  write?: Iterable<NodeName>;
}

/**
 * A Mermaid flowchart of a system of at most 9 nodes. Grids (and the broken grid) are drawn row by
 * row, each row a subgraph, with the marks in the node labels. Other systems are drawn as groups
 * (read only, both, write only, neither), so a disjoint pair is visibly disjoint. Nodes in a group
 * are joined by plain lines and groups follow one another, because the build-time renderer places
 * unconnected nodes in no particular order. Node ids are generated (n0, n1, …) and labels are
 * stripped of the characters Mermaid or that renderer would misread.
 */
export function toMermaid(system: QuorumSystem, highlight: Highlight = {}): string {
  if (system.nodes.length > MAX_DRAWN_NODES) {
    throw new Error(`toMermaid draws at most ${MAX_DRAWN_NODES} nodes; this system has ${system.nodes.length}`);
  }
  const read = new Set(highlight.read ?? []);
  const write = new Set(highlight.write ?? []);
  for (const node of [...read, ...write]) {
    if (!system.nodes.includes(node)) throw new Error(`toMermaid: cannot mark ${node}, which is not a node of the system`);
  }
  const id = (node: NodeName) => `n${system.nodes.indexOf(node)}`;
  const mark = (node: NodeName) =>
    read.has(node) && write.has(node) ? 'read + write' : read.has(node) ? 'read' : write.has(node) ? 'write' : '';
  const text = (node: NodeName, withMark: boolean) => {
    const w = system.kind === 'weighted' ? system.weights[node]! : undefined;
    const votes = w === undefined ? '' : `, ${w} ${w === 1 ? 'vote' : 'votes'}`;
    return label(node + votes + (withMark && mark(node) ? ` · ${mark(node)}` : ''));
  };
  const group = (groupId: string, title: string, nodes: readonly NodeName[], withMarks: boolean) => [
    `  subgraph ${groupId} ["${label(title)}"]`,
    '    direction LR',
    ...nodes.map((node) => `    ${id(node)}["${text(node, withMarks)}"]`),
    ...(nodes.length > 1 ? [`    ${nodes.map(id).join(' --- ')}`] : []),
    '  end',
  ];
  const rows = system.kind === 'grid' || system.kind === 'explicit' ? system.rows : undefined;
  const groups: [string, string, NodeName[]][] = rows
    ? rows.map((row, i) => [`row${i + 1}`, `row ${i + 1}`, [...row]])
    : [
        ['readOnly', 'read only', system.nodes.filter((n) => mark(n) === 'read')],
        ['both', 'both', system.nodes.filter((n) => mark(n) === 'read + write')],
        ['writeOnly', 'write only', system.nodes.filter((n) => mark(n) === 'write')],
        ['rest', read.size + write.size > 0 ? 'neither' : describe(system), system.nodes.filter((n) => mark(n) === '')],
      ];
  const drawn = groups.filter(([, , nodes]) => nodes.length > 0);
  return [
    rows ? 'flowchart TB' : 'flowchart LR',
    ...drawn.flatMap(([groupId, title, nodes]) => group(groupId, title, nodes, rows !== undefined)),
    ...drawn.slice(1).map(([groupId], i) => `  ${drawn[i]![0]} --- ${groupId}`),
  ].join('\n') + '\n';
}

/** Mermaid reads ; # {} and quotes as syntax, and the build-time renderer ends a label at ] or *. */
function label(text: string): string {
  return text.replace(/[;#{}"[\]*<>|`]/g, ' ').replace(/\s+/g, ' ').trim();
}

function unreachable(x: never): never {
  throw new Error(`unknown quorum system ${JSON.stringify(x)}`);
}
