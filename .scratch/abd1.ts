import { Rng } from '../snippets/sim/index.ts';
import { thresholds } from '../snippets/quorums/quorum-system.ts';
import { pickQuorum, uniformStrategy } from '../snippets/quorums/strategy.ts';
const st = uniformStrategy(thresholds(['r1','r2','r3'], 2, 2));
for (let pick = 0; pick < 6; pick++) console.log(pick, pickQuorum(st.reads, new Rng(pick)).join(','), pickQuorum(st.writes, new Rng(pick)).join(','));
