/**
 * Every log backend in the notebook, in the series' reading order. Adding a backend is one adapter
 * file in backends/ and one line here (snippets/README.md, "Log interface", says what an adapter provides).
 */
import { logBackend, type LogBackend } from './conformance.ts';
import { vrLog } from './backends/vr.ts';
import { steadyLog } from './backends/steady.ts';
import { delosLog } from './backends/delos.ts';
import { kafkaLog } from './backends/kafka.ts';
import { bookkeeperLog } from './backends/bookkeeper.ts';
import { raftLog } from './backends/raft.ts';
import { neonLog } from './backends/neon.ts';

export const LOG_BACKENDS: readonly LogBackend[] = [
  logBackend(vrLog),
  logBackend(delosLog),
  logBackend(steadyLog),
  logBackend(kafkaLog),
  logBackend(bookkeeperLog),
  logBackend(raftLog),
  logBackend(neonLog),
];
