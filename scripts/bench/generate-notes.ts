/**
 * Synthetic notes for the benchmark that use every feature of a real Paperlog note: full frontmatter
 * (kind, source citation, controlled tags, series positions, snippets, aliases, dates), ~800 words
 * of prose with headings, lists, inline code and emphasis, `[[note-xxxx]]` wikilinks and an ordinary
 * note link, two TypeScript fences (one with a title and line highlights, one with notation
 * highlights and diff marks), an embedded model region in most notes and a Mermaid diagram
 * (flowchart or sequence) on every tenth. Deterministic: the same seed gives the same notes.
 *
 * The prose vocabulary follows ../shared/bench/gen-notes.mjs (Starlight's notes come from that
 * script), so both sites build text of the same shape and length.
 */
import { TAG_IDS } from '../../src/data/tags.ts';
import { SERIES_IDS } from '../../src/data/series.ts';
import { seededRandom, type Random } from './prng.ts';

/** A region of a model file that a note can embed: ```ts snippet="quorums/register.ts#read-path". */
export interface SnippetRegion {
  /** Path inside snippets/, e.g. quorums/register.ts. */
  readonly file: string;
  readonly region: string;
  /** The model folder, e.g. quorums; what the note lists in `snippets:`. */
  readonly model: string;
}

export interface GeneratedNote {
  readonly id: string;
  readonly fileName: string;
  readonly text: string;
  /** Prose words, roughly what the site's reading time counts. */
  readonly words: number;
  readonly diagram: 'flowchart' | 'sequence' | undefined;
  readonly snippet: SnippetRegion | undefined;
  /** Ids this note links to with wikilinks or ordinary links. */
  readonly links: readonly string[];
}

export interface GenerateOptions {
  readonly count: number;
  /** Model regions to embed; real ones come from find-regions.ts. None: notes embed no model code. */
  readonly regions: readonly SnippetRegion[];
  readonly seed?: number;
}

export const DEFAULT_SEED = 0x9a9e7106;
/** Every DIAGRAM_EVERY-th note carries a Mermaid diagram (10%). */
export const DIAGRAM_EVERY = 10;
/** Every SNIPPET_SKIP_EVERY-th note embeds no model region; the rest do (80%). */
export const SNIPPET_SKIP_EVERY = 5;
/** Every SERIES_EVERY-th note belongs to a reading path (25%). */
export const SERIES_EVERY = 4;

const WORDS = (
  'replica quorum leader follower log entry commit index term epoch view primary backup consensus ' +
  'partition heal gossip membership ring token vnode handoff hinted sloppy vector clock merkle anti entropy ' +
  'read write repair durability latency throughput ensemble bookie ledger fencing recovery seal loglet sequencer ' +
  'snapshot compaction watermark acknowledgement linearizable serializable causal eventual failure detector lease ' +
  'heartbeat timeout election reconfiguration metadata storage client coordinator message network delay crash byzantine ' +
  'the a of to and in that is for on with as by this it be are from at an which was not its can each when all'
).split(' ');
const PAPERS = ['Dynamo', 'Viewstamped Replication', 'Delos', 'BookKeeper', 'Kafka', 'Raft', 'Paxos Made Simple', 'Chain Replication',
  'Spanner', 'Bigtable', 'Zookeeper', 'CRAQ', 'Cassandra', 'Calvin', 'Aurora', 'FLP', 'CAP', 'Harvest and Yield', 'Percolator', 'Chubby'];
const TOPICS = ['Replication protocol', 'Failure handling', 'Membership changes', 'Read path', 'Write path', 'Recovery',
  'Consistency model', 'Performance evaluation', 'Open questions', 'Comparison with prior work', 'Implementation notes'];
const AUTHORS = ['Ana Ortiz', 'Ben Okafor', 'Chen Wei', 'Dana Novak', 'Emil Larsen', 'Fatima Haddad', 'Goro Tanaka', 'Hana Kim',
  'Ivan Petrov', 'Julia Costa', 'Kwame Mensah', 'Lena Fischer', 'Mateo Rossi', 'Nadia Rahman', 'Omar Aziz', 'Priya Nair'];
const VENUES = ['SOSP', 'OSDI', 'NSDI', 'EuroSys', 'PODC', 'VLDB', 'SIGMOD', 'USENIX ATC', 'FAST', 'SoCC'];
const ROLES = ['Client', 'Leader', 'Follower', 'Primary', 'Backup', 'Sequencer', 'Coordinator', 'Replica', 'Bookie', 'Witness'];
const KINDS: ReadonlyArray<[kind: string, share: number]> = [['paper', 0.5], ['post', 0.15], ['book', 0.1], ['system', 0.15], ['concept', 0.1]];
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2020, 0, 1);

/** note-0001 … note-1000: four digits at least, more when count needs them. */
export function noteId(index: number, count: number): string {
  return `note-${String(index).padStart(Math.max(4, String(count).length), '0')}`;
}

export function generateNotes(options: GenerateOptions): GeneratedNote[] {
  const { count, regions } = options;
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive whole number, not ${count}`);
  const rnd = seededRandom(options.seed ?? DEFAULT_SEED);
  const ids = Array.from({ length: count }, (_, i) => noteId(i + 1, count));
  const seriesPositions = new Map<string, number>();
  return ids.map((id, i) => generateNote({ rnd, id, index: i + 1, ids, regions, seriesPositions }));
}

interface NoteContext {
  readonly rnd: Random;
  readonly id: string;
  readonly index: number;
  readonly ids: readonly string[];
  readonly regions: readonly SnippetRegion[];
  readonly seriesPositions: Map<string, number>;
}

function generateNote(context: NoteContext): GeneratedNote {
  const { rnd, id, index, ids, regions } = context;
  const prose = new Prose(rnd);
  const others = ids.filter((other) => other !== id);
  const links = others.length > 0 ? rnd.sample(others, Math.min(4, others.length)) : [];
  const paper = rnd.pick(PAPERS);
  const topic = rnd.pick(TOPICS);
  const snippet = regions.length > 0 && index % SNIPPET_SKIP_EVERY !== 0 ? regions[rnd.int(regions.length)] : undefined;
  const diagram = index % DIAGRAM_EVERY === 3 ? (rnd.next() < 0.5 ? 'flowchart' : 'sequence') : undefined;

  const frontmatter = frontmatterFor(context, paper, topic, snippet);
  const [first, second, third] = rnd.sample(TOPICS, 3) as [string, string, string];
  const parts: string[] = [];
  parts.push(prose.paragraph(80, links[0] ? `[[${links[0]}]]` : undefined));
  parts.push(`## ${first}`, prose.paragraph(120), prose.paragraph(100));
  parts.push(titledFence(rnd, index));
  parts.push(prose.paragraph(50));
  parts.push(`## ${second}`, prose.paragraph(110, links[1] ? `[[${links[1]}|the ${rnd.pick(PAPERS)} notes]]` : undefined));
  parts.push(Array.from({ length: 5 }, () => `- ${prose.sentence()}`).join('\n'));
  parts.push(prose.paragraph(80));
  if (snippet) parts.push(snippetFence(snippet, index), prose.paragraph(30));
  parts.push(`## ${third}`, prose.paragraph(90));
  parts.push(notationFence(rnd, index));
  if (diagram) parts.push(diagram === 'flowchart' ? flowchart(rnd, index) : sequenceDiagram(rnd, index), prose.paragraph(30));
  parts.push('## How it relates');
  const related = links.slice(2).map((target, k) => (k === 0 ? `- Builds on [[${target}]]. ${prose.sentence()}` : `- Compare [note ${target.slice(5)}](/notes/${target}/). ${prose.sentence()}`));
  if (related.length > 0) parts.push(related.join('\n'));
  while (prose.words < 780) parts.push(prose.paragraph(30));

  return {
    id,
    fileName: `${id}.md`,
    text: `${frontmatter}\n${parts.join('\n\n')}\n`,
    words: prose.words,
    diagram,
    snippet,
    links,
  };
}

function frontmatterFor(context: NoteContext, paper: string, topic: string, snippet: SnippetRegion | undefined): string {
  const { rnd, index, seriesPositions } = context;
  const kind = pickKind(rnd);
  const q = (s: string) => JSON.stringify(s);
  const lines = [
    '---',
    `title: ${q(`${paper} notes #${index}: ${topic.toLowerCase()}`)}`,
    `summary: ${q(`Synthetic benchmark note ${index} on ${paper}: ${new Prose(rnd).sentence().replace(/[`*]/g, '').toLowerCase()}`.slice(0, 200))}`,
    `kind: ${kind}`,
  ];
  if (kind === 'paper' || kind === 'book' || kind === 'post' || kind === 'system') {
    const year = 1978 + rnd.int(47);
    const doi = `10.5555/paperlog-bench.${index}`;
    lines.push(
      'source:',
      `  title: ${q(`${paper}: ${topic} (benchmark edition ${index})`)}`,
      `  authors: [${rnd.sample(AUTHORS, 1 + rnd.int(4)).map(q).join(', ')}]`,
      `  year: ${year}`,
      `  venue: ${q(`${rnd.pick(VENUES)} ${year}`)}`,
      ...(index % 2 === 0 ? [`  url: ${q(`https://doi.org/${doi}`)}`] : []),
      `  doi: ${q(doi)}`,
      ...(index % 3 === 0 ? [`  publisher: "ACM"`] : []),
    );
  }
  lines.push(`tags: [${rnd.sample(TAG_IDS, 1 + rnd.int(4)).join(', ')}]`);
  if (index % SERIES_EVERY === 1) {
    const series = SERIES_IDS[Math.floor(index / SERIES_EVERY) % SERIES_IDS.length]!;
    const position = (seriesPositions.get(series) ?? 0) + 1;
    seriesPositions.set(series, position);
    lines.push(`series: { id: ${series}, position: ${position} }`);
  }
  if (snippet) lines.push(`snippets: [${snippet.model}]`);
  if (index % 3 === 0) lines.push(`aliases: [${q(`${paper.replace(/[^A-Z]/g, '') || 'N'}-${index}`)}]`);
  const added = FIRST_DAY + index * DAY_MS;
  lines.push(`added: ${isoDate(added)}`);
  if (index % 7 === 0) lines.push(`updated: ${isoDate(added + 40 * DAY_MS)}`);
  lines.push('---');
  return lines.join('\n') + '\n';
}

function pickKind(rnd: Random): string {
  let x = rnd.next();
  for (const [kind, share] of KINDS) {
    if (x < share) return kind;
    x -= share;
  }
  return 'paper';
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Sentences and paragraphs from the shared vocabulary, counting the words written. */
class Prose {
  words = 0;
  readonly #rnd: Random;
  constructor(rnd: Random) {
    this.#rnd = rnd;
  }

  sentence(): string {
    const rnd = this.#rnd;
    const length = 8 + rnd.int(14);
    const words = Array.from({ length }, () => rnd.pick(WORDS));
    if (rnd.next() < 0.15) words[rnd.int(length)] = `\`${rnd.pick(WORDS)}()\``;
    if (rnd.next() < 0.1) words[rnd.int(length)] = `**${rnd.pick(WORDS)}**`;
    const first = words[0]!;
    words[0] = first.startsWith('`') || first.startsWith('*') ? first : first[0]!.toUpperCase() + first.slice(1);
    this.words += length;
    return words.join(' ') + '.';
  }

  /** About `target` words; `link` (a wikilink) goes into the middle of the second sentence. */
  paragraph(target: number, link?: string): string {
    const start = this.words;
    const sentences: string[] = [];
    while (this.words - start < target) sentences.push(this.sentence());
    if (link) {
      const k = Math.min(1, sentences.length - 1);
      sentences[k] = sentences[k]!.replace(/\.$/, `, as ${link} explains.`);
    }
    return sentences.join(' ');
  }
}

/** About 20 lines, with a title and line highlights: ```ts title="…" {3-5,9}. */
function titledFence(rnd: Random, index: number): string {
  const name = rnd.pick(['Replica', 'Ledger', 'Loglet', 'Quorum', 'ViewChange', 'Ring']);
  const verb = rnd.pick(['append', 'prepare', 'commit', 'seal', 'recover', 'route']);
  return [
    `\`\`\`ts title="${name.toLowerCase()}-${index}.ts" {3-5,9}`,
    `export interface ${name}State {`,
    '  epoch: number;',
    '  commitIndex: number;',
    '  members: string[];',
    '}',
    '',
    `export function ${verb}${index}(state: ${name}State, entry: { term: number; data: Uint8Array }): ${name}State {`,
    '  if (entry.term < state.epoch) {',
    '    throw new Error(`stale term ${entry.term} < ${state.epoch}`);',
    '  }',
    '  const quorum = Math.floor(state.members.length / 2) + 1;',
    '  const acks = state.members.filter((m, idx) => idx < quorum).length;',
    '  // advance the commit index once a majority acknowledged',
    '  return {',
    '    ...state,',
    '    epoch: Math.max(state.epoch, entry.term),',
    '    commitIndex: acks >= quorum ? state.commitIndex + 1 : state.commitIndex,',
    '  };',
    '}',
    '```',
  ].join('\n');
}

/** About 20 lines with `// [!code highlight]` and diff marks `// [!code ++]` / `// [!code --]`. */
function notationFence(rnd: Random, index: number): string {
  const name = rnd.pick(['lease', 'fence', 'heartbeat', 'handoff', 'repair', 'snapshot']);
  return [
    '```ts',
    `export class ${name[0]!.toUpperCase() + name.slice(1)}Tracker${index} {`,
    '  private readonly seen = new Map<string, number>();',
    '',
    '  constructor(private readonly timeoutMs: number) {}',
    '',
    '  observe(node: string, now: number): void {',
    '    this.seen.set(node, now); // [!code highlight]',
    '  }',
    '',
    '  suspects(now: number): string[] {',
    '    const out: string[] = [];',
    '    for (const [node, at] of this.seen) {',
    '      if (now - at > this.timeoutMs) out.push(node); // [!code --]',
    '      if (now - at >= this.timeoutMs) out.push(node); // [!code ++]',
    '    }',
    '    return out.sort();',
    '  }',
    '}',
    '```',
  ].join('\n');
}

function snippetFence(snippet: SnippetRegion, index: number): string {
  // Other fence options still apply to embedded code; a line highlight on every third note.
  return `\`\`\`ts snippet="${snippet.file}#${snippet.region}"${index % 3 === 0 ? ' {1}' : ''}\n\`\`\``;
}

function flowchart(rnd: Random, index: number): string {
  const [a, b, c, d] = rnd.sample(ROLES, 4) as [string, string, string, string];
  return [
    `\`\`\`mermaid title="Write path in note ${index}"`,
    'flowchart LR',
    `  A[${a}] -->|${rnd.pick(WORDS)}| B[${b}]`,
    `  B --> C[${c} 1]`,
    `  B --> D[${d} 2]`,
    `  C -->|ack| B`,
    `  D -->|ack| B`,
    `  B -->|commit| A`,
    '```',
  ].join('\n');
}

function sequenceDiagram(rnd: Random, index: number): string {
  const [a, b, c] = rnd.sample(ROLES, 3) as [string, string, string];
  return [
    index % 20 === 3 ? '```mermaid' : `\`\`\`mermaid title="Message flow in note ${index}"`,
    'sequenceDiagram',
    `  participant A as ${a}`,
    `  participant B as ${b}`,
    `  participant C as ${c}`,
    `  A->>B: Request ${rnd.pick(WORDS)}`,
    `  B->>C: Prepare ${rnd.pick(WORDS)}`,
    '  C-->>B: PrepareOk',
    `  B-->>A: Reply ${rnd.pick(WORDS)}`,
    '```',
  ].join('\n');
}
