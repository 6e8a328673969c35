import { serveJobs } from '../plugins/worker-pool.ts';
import { simulatePositions, type Positions, type SimulationJob } from './graph-layout.ts';

/** A worker for graph-data.ts: runs the graph's force simulation off the main thread. */
serveJobs<SimulationJob, Positions>(async (job) => simulatePositions(job));
