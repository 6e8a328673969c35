import { halfSealed } from '../snippets/delos/scenarios.ts';
import { checkDelos } from '../snippets/delos/run-delos.ts';
import { formatTrace } from '../snippets/sim/index.ts';
import { counterexampleText } from '../snippets/check/counterexample.ts';
import { logModel } from '../snippets/check/models/log.ts';
const r = halfSealed({ sealQuorum: false, sealedTails: false }, false);
const c = checkDelos(r);
console.log(c.ok ? 'lin' : counterexampleText(logModel, c.counterexample));
console.log(formatTrace(r.trace, { fromTick: 20 }));
