import { demo } from '../snippets/quorums/demo.ts';
for (const v of ['r1-w1', 'no-write-back', 'writer-ids-restart']) {
  const caught: number[] = [];
  for (let seed = 1; seed <= 200 && caught.length < 3; seed++) {
    const text = demo.run({ seed, mermaid: false, variant: v });
    if (/Run: FAILED|Verdict: not linearizable/.test(text)) caught.push(seed);
  }
  console.log(v, caught.join(','));
}
