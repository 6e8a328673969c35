import { halfSealed } from '../snippets/delos/scenarios.ts';
import { checkDelos } from '../snippets/delos/run-delos.ts';
import { formatFailure, formatTrace } from '../snippets/sim/index.ts';
const which = process.argv[2] ?? 'all';
for (const rules of [{ sealQuorum: false, sealedTails: false }, { sealQuorum: true, sealedTails: false }, { sealQuorum: false, sealedTails: true }, {}]) {
  const r = halfSealed(rules);
  console.log('===', JSON.stringify(rules), r.ok ? 'ok' : formatFailure(r).split('\n').slice(0, 2).join(' | '), checkDelos(r).ok, JSON.stringify(r.history.map(o => [o.client, o.result])));
  if (which === 'trace') console.log(formatTrace(r.trace, { fromTick: 18 }));
}
