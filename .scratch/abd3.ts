import { restartedWriter } from '../snippets/quorums/scenarios.ts';
import { runRegister, checkRegister, FAULTY } from '../snippets/quorums/run-register.ts';
import { formatFailure } from '../snippets/sim/index.ts';
for (const inc of [false, true]) { const r = restartedWriter(inc); console.log(inc, r.ok ? 'ok' : formatFailure(r).split('\n').slice(0,2).join(' | ')); }
for (const [contact, n, r, w] of [['quorum', 3, 2, 2], ['all', 3, 2, 2], ['quorum', 5, 3, 3]] as const) {
  let inv = 0, lin = 0; const first: number[] = [];
  for (let seed = 1; seed <= 150; seed++) {
    const res = runRegister({ seed, n, r, w, contact, incarnation: false, ...FAULTY });
    const c = checkRegister(res);
    if (!res.ok && res.phase === 'safety' && /version/.test(res.message)) { inv++; if (first.length < 3) first.push(seed); }
    if (!c.ok) lin++;
  }
  console.log(contact, n, 'invariant', inv, 'checker', lin, first.join(','));
}
