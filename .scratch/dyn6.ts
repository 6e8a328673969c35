import { runDynamo, FAULTY } from '../snippets/dynamo/run-dynamo.ts';
let all = 0, safety = 0, inc = 0;
for (let seed = 1; seed <= 500; seed++) {
  const r = runDynamo({ seed, safetyTicks: 100, config: { durableDots: false }, ...FAULTY });
  if (!r.ok) { all++; if (r.phase === 'safety') safety++; }
  const r2 = runDynamo({ seed, safetyTicks: 100, config: { incarnation: false }, ...FAULTY });
  if (!r2.ok) inc++;
}
console.log({ all, safety, inc });
