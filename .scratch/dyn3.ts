import { deadHomes } from '../snippets/dynamo/scenarios.ts';
import { formatFailure } from '../snippets/sim/index.ts';
for (const on of [true, false]) {
  const r = deadHomes(on);
  console.log(on, r.ok ? 'OK' : formatFailure(r).split('\n').slice(0,2).join('\n'), JSON.stringify(r.history.map(o => [o.args, o.invokeTick, o.returnTick])));
}
