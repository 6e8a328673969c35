import { runDynamo, FAULTY } from '../snippets/dynamo/run-dynamo.ts';
const variants: Record<string, object> = { incarnation: { incarnation: false }, durableDots: { durableDots: false } };
for (const [name, config] of Object.entries(variants)) {
  const caught: number[] = [];
  const t = Date.now();
  for (let seed = 1; seed <= 500; seed++) {
    const r = runDynamo({ seed, safetyTicks: 100, config, ...FAULTY });
    if (!r.ok && r.phase === 'safety') caught.push(seed);
  }
  console.log(name, caught.length, caught.slice(0, 10).join(','), Date.now() - t, 'ms');
}
const caught: number[] = [];
for (let seed = 1; seed <= 200; seed++) {
  const r = runDynamo({ seed, strict: true, safetyTicks: 80, config: { mergeReplies: false }, network: { delayTicksMin: 1, delayTicksMax: 6 } });
  if (!r.ok) caught.push(seed);
}
console.log('merge strict calm', caught.length, caught.slice(0, 10).join(','));
