/**
 * The deterministic simulator for the models in snippets/: what a model and a test need. Start with a
 * `Model` (types.ts) and `simulate` (run.ts); snippets/README.md walks through both. The queue, the
 * network and the fault injector are internals, imported from their own files when a test needs them.
 */
export type { ClientId, Effect, Input, Model, ModelTypes, NodeId, Step } from './types.ts';
export { effectsFor, type EffectBuilders } from './effects.ts';
export { unreachable } from './unreachable.ts';
export { Rng } from './rng.ts';
export { RELIABLE_NETWORK, type DropReason, type NetworkFaults } from './network.ts';
export type { LinkRule } from './link-rules.ts';
export type { FaultInjection } from './fault-injector.ts';
export type { Call, ClientSpec, Workload, WorkloadContext } from './client.ts';
export { answerOf, checkerOperation, completed, type CheckerReturn, type ClientOperation, type History } from './history.ts';
export { Simulator, type SimulatorOptions } from './simulator.ts';
export type { ClusterView, Failure, FailureKind, Invariant, NodeView } from './cluster-view.ts';
export { CLUSTER, callLabel, compactLabel, type Trace, type TraceEvent, type TraceEventKind } from './trace.ts';
export { formatEvent, formatTrace, windowEvents, type TraceWindow } from './trace-text.ts';
export { traceToMermaid, type DiagramOptions } from './trace-diagram.ts';
export { FAILURE_KIND_TEXT, assertPassed, firstFailure, formatFailure, seeds, simulate } from './run.ts';
export type { Liveness, RunFailed, RunOptions, RunPassed, RunResult } from './run.ts';
