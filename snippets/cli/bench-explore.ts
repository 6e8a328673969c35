/**
 * `npm run bench:explore`: how fast the explorer visits states of VR with 3 replicas (correct model,
 * 2 requests, 1 crash, 3 timer events per path, up to 150,000 distinct states). Prints distinct
 * states per second of wall clock and of CPU (on a shared machine they differ), three runs.
 */
import './blocking-output.ts';
import { DEFAULT_BOUNDS, type Bounds } from '../explore/descriptor.ts';
import { explore } from '../explore/explorer.ts';
import { explore as vr } from '../vr/explore.ts';

const bounds: Bounds = { ...DEFAULT_BOUNDS, depth: 30, crashes: 1, losses: 0, timers: 3, maxStates: 150_000 };
const setup = vr.setup({ nodes: 3, requests: 2, variant: undefined }).setup;
for (let run = 1; run <= 3; run++) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = explore(setup, bounds);
  const used = process.cpuUsage(cpu);
  const wall = (performance.now() - started) / 1000;
  const cpuSeconds = (used.user + used.system) / 1e6;
  const rate = (s: number) => Math.round(result.distinctStates / s).toLocaleString('en');
  process.stdout.write(
    `run ${run}: ${result.distinctStates.toLocaleString('en')} distinct states (${result.statesGenerated.toLocaleString('en')} generated), depth ${result.depthReached}; ` +
      `${wall.toFixed(1)} s wall (${rate(wall)}/s), ${cpuSeconds.toFixed(1)} s CPU (${rate(cpuSeconds)}/s); heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB\n`,
  );
}
