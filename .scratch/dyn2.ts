import { forgottenCounter, firstReplyOnly } from '../snippets/dynamo/scenarios.ts';
import { formatTrace, formatFailure } from '../snippets/sim/index.ts';
for (const f of [forgottenCounter, firstReplyOnly]) for (const on of [false, true]) {
  const r = f(on);
  console.log('===', f.name, on, r.ok ? 'OK' : formatFailure(r).split('\n').slice(0,2).join('\n'));
  console.log(formatTrace(r.trace, { toTick: 30 }));
  console.log(JSON.stringify(r.history.map(o => [o.op, o.args, o.result])));
}
