import { runDelos, checkDelos, FAULTY } from '../snippets/delos/run-delos.ts';
for (const rules of [{ sealQuorum: false, sealedTails: false }, { sealQuorum: false }, { sealedTails: false }]) {
  const caught: number[] = []; let lin = 0;
  for (let seed = 1; seed <= 100; seed++) {
    const r = runDelos({ seed, clients: 3, safetyTicks: 300, rules, ...FAULTY });
    if (!r.ok && r.phase === 'safety') caught.push(seed);
    if (!checkDelos(r).ok) lin++;
  }
  console.log(JSON.stringify(rules), caught.length, caught.slice(0, 5).join(','), 'lin', lin);
}
