/**
 * What `npm run explore` prints: the configuration and bounds, what the search covered (and whether it
 * exhausted the bounds), and for a violation its shortest path as a trace and a Mermaid diagram.
 */
import { formatTrace, traceToMermaid } from '../sim/index.ts';
import type { Bounds, Size } from './descriptor.ts';
import type { ExploreResult } from './explorer.ts';

/** `seconds` of wall clock and of this process's CPU (they differ on a shared machine). */
export function reportText(name: string, size: Size, bounds: Bounds, result: ExploreResult, seconds: { wall: number; cpu: number }): string {
  const rate = (s: number) => (s > 0 ? Math.round(result.distinctStates / s) : result.distinctStates).toLocaleString('en');
  const lines = [
    `${name}${size.variant ? ` --variant ${size.variant}` : ''}: ${size.nodes} nodes, ${size.requests} requests; bounds: depth ${bounds.depth}, ` +
      `${bounds.crashes} crash${bounds.crashes === 1 ? '' : 'es'}, ${bounds.losses} lost, ${bounds.duplicates} duplicated message${bounds.duplicates === 1 ? '' : 's'}, ` +
      `${bounds.timers >= 1_000_000 ? 'any number of' : bounds.timers} timer event${bounds.timers === 1 ? '' : 's'} (ticks ${bounds.ticks}).`,
    `Explored: ${result.distinctStates.toLocaleString('en')} distinct states (${result.statesGenerated.toLocaleString('en')} generated), depth ${result.depthReached}, ` +
      `${seconds.wall.toFixed(1)} s (${rate(seconds.wall)} distinct states/s), ${seconds.cpu.toFixed(1)} s of CPU (${rate(seconds.cpu)}/s).`,
  ];
  for (const [i, phase] of (result.phases ?? []).entries()) {
    lines.push(`Directed: ${i === 0 ? 'first' : 'then'} the shortest path to a state where ${phase.goal} (${phase.events} events)${i === result.phases!.length - 1 ? '; every state from there on is explored.' : ','}`);
  }
  if (result.violation) {
    const { violation } = result;
    lines.push(
      result.phases
        ? `Violation after ${violation.events.length} events (breadth first from the directed prefix: no shorter path that extends it reaches one):`
        : `Violation after ${violation.events.length} events (breadth first: no shorter path reaches one):`,
      `  ${violation.message.split('\n').join('\n  ')}`,
      '',
      formatTrace(violation.trace).trimEnd(),
      '',
      '```mermaid',
      traceToMermaid(violation.trace, { linesMax: 120 }).trimEnd(),
      '```',
    );
  } else if (result.exhausted) {
    lines.push(result.phases
      ? `No violation: every state reachable from the directed prefix was visited (none lies deeper than depth ${result.depthReached}).`
      : `No violation: every reachable state was visited (none lies deeper than depth ${result.depthReached}).`);
  } else if (result.complete) {
    lines.push(result.phases
      ? `No violation: every state that extends the directed prefix within the bounds was visited, up to depth ${result.depthReached} (deeper states remain).`
      : `No violation: every state within the bounds was visited, up to depth ${result.depthReached} (deeper states remain).`);
  } else {
    lines.push(`No violation found, but the search stopped early (the state limit, or a directed phase whose goal it never reached) at depth ${result.depthReached}: no proof for these bounds.`);
  }
  return lines.join('\n') + '\n';
}
