import { scenarios as d } from '../snippets/dynamo/scenarios.ts';
import { scenarios as q } from '../snippets/quorums/scenarios.ts';
import { scenarios as l } from '../snippets/delos/scenarios.ts';
console.log(d['op-ids-restart']!()); console.log(q['writer-ids-restart']!()); console.log(l['weak-seal']!());
