/**
 * The linearizability checker: models, histories, the check, and its verdicts as text and diagrams.
 * See snippets/README.md ("Linearizability checker") for a tour.
 */
export { counterexampleText, historyDiagram, mermaidText, verdictText, type RenderOptions } from './counterexample.ts';
export { parseEdn, EdnError } from './edn.ts';
export { generateKvHistory, generateRegisterHistory, type KvWorkload, type RegisterWorkload } from './generate.ts';
export {
  assertWellFormed,
  hasEventOrder,
  isPending,
  pairEvents,
  partitionBy,
  precedes,
  programPredecessors,
  type History,
  type HistoryEvent,
  type Operation,
  type PairedOperation,
  type PairingError,
  type ProcessId,
} from './history.ts';
export { parseHistoryLines, type Json, type LineError, type ParsedHistory, type RawInput, type RawOperation, type SourcedOperation } from './jepsen-history.ts';
export {
  checkLinearizability,
  type CheckOptions,
  type CheckOutcome,
  type CheckResult,
  type Counterexample,
  type LinearizablePartition,
  type PartitionResult,
  type UncheckedPartition,
  type UnknownResult,
} from './linearizability.ts';
export { describeState, type Model, type Partition, type StepResult } from './model.ts';
export { namedModels, type NamedModel, type Report } from './models/index.ts';
export { decodeKvOperation, kvModel, type Key, type KvInput, type KvOutput } from './models/kv.ts';
export { decodeLogOperation, logEntries, logModel, type LogInput, type LogOutput, type LogState } from './models/log.ts';
export { decodeRegisterOperation, registerModel, type RegisterInput, type RegisterOutput } from './models/register.ts';
export { DecodeError, type Scalar } from './models/values.ts';
export { LinearizationSearch, searchLinearization, type SearchProgress, type SearchResult } from './search.ts';
export { historyViewerHtml, type ViewerOptions } from './viewer.ts';
export { viewerEmbed, type ViewerEmbed, type ViewerEmbeds } from './embed.ts';
