import { restartedWriter } from '../snippets/quorums/scenarios.ts';
import { checkRegister } from '../snippets/quorums/run-register.ts';
import { counterexampleText } from '../snippets/check/counterexample.ts';
import { registerModel } from '../snippets/check/models/register.ts';
import { formatTrace } from '../snippets/sim/index.ts';
for (const inc of [false, true]) {
  const r = restartedWriter(inc);
  const c = checkRegister(r);
  console.log('=== incarnation', inc, r.ok, c.ok ? 'linearizable' : counterexampleText(registerModel, c.counterexample));
  console.log(formatTrace(r.trace));
}
