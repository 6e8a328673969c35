import { restartedCoordinator } from '../snippets/dynamo/scenarios.ts';
import { formatTrace, formatFailure } from '../snippets/sim/index.ts';
for (const inc of [false, true]) {
  const r = restartedCoordinator(inc);
  console.log('=== incarnation', inc, r.ok ? 'OK' : formatFailure(r).slice(0, 300));
  console.log(formatTrace(r.trace, { toTick: 30 }));
}
