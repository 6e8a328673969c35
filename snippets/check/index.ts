/**
 * The linearizability checker: models, histories, the check, and its verdicts as text and diagrams.
 * See snippets/README.md ("Linearizability checker") for a tour.
 */
export { counterexampleText, historyDiagram, mermaidText, verdictText, type RenderOptions } from './counterexample.ts';
export { generateRegisterHistory, type RegisterWorkload } from './generate.ts';
export {
  assertWellFormed,
  isPending,
  pairEvents,
  partitionBy,
  precedes,
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
  type CheckResult,
  type Counterexample,
  type LinearizablePartition,
  type PartitionResult,
} from './linearizability.ts';
export { describeState, type Model, type Partition, type StepResult } from './model.ts';
export { namedModels, type NamedModel, type Report } from './models/index.ts';
export { decodeKvOperation, kvModel, type Key, type KvInput, type KvOutput } from './models/kv.ts';
export { decodeLogOperation, logEntries, logModel, type LogInput, type LogOutput, type LogState } from './models/log.ts';
export { decodeRegisterOperation, registerModel, type RegisterInput, type RegisterOutput } from './models/register.ts';
export { DecodeError, type Scalar } from './models/values.ts';
export { searchLinearization, type SearchResult } from './search.ts';
