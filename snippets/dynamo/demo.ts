/**
 * `npm run snippet -- dynamo [--seed N] [--variant V] [--mermaid]`: three clients read and write two shopping carts
 * on five Dynamo nodes with (N, R, W) = (3, 2, 2), while the network loses, duplicates and reorders
 * messages, nodes crash and partitions come and go; then the faults heal and the home replicas must
 * converge. Prints the trace, the final replicas and the verdict.
 */
import { variantDescriptions, type Demo } from '../demo.ts';
import { reportLines } from '../report.ts';
import { formatTrace, traceToMermaid } from '../sim/index.ts';
import { dynamoLegend } from './legend.ts';
import { showVersions } from './coordinator.ts';
import { DEFAULT_CONFIG } from './node.ts';
import { buildRing, preferenceList } from './ring.ts';
import { FAULTY, KEYS, runDynamo } from './run-dynamo.ts';
import { dynamoVariants, isDynamoVariant } from './variants.ts';

const SAFETY_TICKS = 80;

export const demo: Demo = {
  description: 'Dynamo on 5 nodes, (N, R, W) = (3, 2, 2): sloppy quorum, hinted handoff, siblings, read repair, under faults.',
  legend: dynamoLegend,
  // Every variant of the one table (variants.ts), each on the same faulty run.
  variants: variantDescriptions(dynamoVariants),
  run({ seed, mermaid, variant }) {
    const broken = variant !== undefined && isDynamoVariant(variant) ? dynamoVariants[variant] : undefined;
    const result = runDynamo({ seed, safetyTicks: SAFETY_TICKS, ...FAULTY, ...(broken ? { config: broken.config } : {}) });
    const config = { ...DEFAULT_CONFIG, ...broken?.config };
    if (mermaid) return traceToMermaid(result.trace, { linesMax: 60 }); // ends with its own newline
    const ring = buildRing(result.final.nodes.map((n) => n.id), DEFAULT_CONFIG.tokensPerNode);
    const replicas = KEYS.flatMap((key) => {
      const homes = preferenceList(ring, key, DEFAULT_CONFIG.n);
      return [`${key}: preference list ${preferenceList(ring, key, 5).join(', ')} (home: ${homes.join(', ')})`, ...homes.map((id) => {
        const node = result.final.nodes.find((n) => n.id === id);
        return `  ${id}: ${node?.up ? showVersions(node.state.store[key] ?? []) : 'down'}`;
      })];
    });
    const puts = result.history.filter((op) => op.op === 'put');
    const lines = [
      `Dynamo: 5 nodes, N = 3, R = ${config.r}, W = ${config.w}, seed ${seed}.`,
      ...(broken ? [`Broken variant ${variant}: ${broken.description}.`] : []),
      `Faults until tick ${SAFETY_TICKS} (5% loss, 5% duplicates, delays of 1-6 ticks, crashes, partitions), then healed.`,
      'Legend: npm run snippet -- dynamo --legend',
      '',
      formatTrace(result.trace),
      'Home replicas at the end:',
      ...replicas,
      '',
      ...reportLines({
        result,
        checked: `no acknowledged put lost and no dot naming two writes (${puts.filter((op) => op.returnTick !== undefined).length} of ${puts.length} puts acknowledged), siblings kept, and the home replicas converged after the heal. Dynamo is eventually consistent, so linearizability is not checked.`,
        outcome: 'eventually consistent',
      }),
    ];
    return lines.join('\n') + '\n';
  },
};
