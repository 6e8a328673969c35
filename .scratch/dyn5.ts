import { demo } from '../snippets/dynamo/demo.ts';
for (const v of ['forgetful-dots', 'op-ids-restart', 'first-reply-get', 'no-hinted-handoff', 'r1-w1']) {
  const caught: number[] = [];
  for (let seed = 1; seed <= 300 && caught.length < 3; seed++) {
    const text = demo.run({ seed, mermaid: false, variant: v });
    if (/Run: FAILED/.test(text)) caught.push(seed);
  }
  console.log(v, caught.join(','));
}
