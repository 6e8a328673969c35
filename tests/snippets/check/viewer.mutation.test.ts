/**
 * The history viewer's page as HTML, without a browser (viewer.test.ts looks at it in Chromium): what
 * the head and header say, which part comes first and which are open, what each operation's bar says
 * about it, the numbering, the axis, and the headings for each kind of part. (Written for mutation
 * testing, docs/mutation.md.)
 */
import { describe, expect, it } from 'vitest';
import type { History } from '../../../snippets/check/history.ts';
import { checkLinearizability, type CheckOutcome } from '../../../snippets/check/linearizability.ts';
import { kvModel, type KvInput, type KvOutput } from '../../../snippets/check/models/kv.ts';
import { registerModel } from '../../../snippets/check/models/register.ts';
import { historyViewerHtml } from '../../../snippets/check/viewer.ts';
import { op, read, write } from './histories.ts';

type Kv = History<KvInput, KvOutput>;
const put = (process: string, call: number, ret: number | undefined, key: string, value: number) =>
  ({ process, call, ...(ret === undefined ? {} : { return: ret }), input: { f: 'put', key, value } }) as Kv[number];
const get = (process: string, call: number, ret: number, key: string, output: number | null) => ({ process, call, return: ret, input: { f: 'get', key }, output }) as Kv[number];

/** y is fine, x is not: the model lists y first, the viewer shows x first. */
const kvHistory: Kv = [get('D', 0, 1, 'y', null), put('A', 0, 2, 'x', 1), put('B', 1, undefined, 'x', 2), get('C', 3, 4, 'x', 9)];
const page = (result: CheckOutcome<unknown, unknown, unknown>, options: Parameters<typeof historyViewerHtml>[2] = { title: 'run' }) =>
  historyViewerHtml(kvModel as never, result as never, options);
const bars = (html: string) => [...html.matchAll(/<button type="button" class="op (\w+)" id="([\w-]+)"[^>]*aria-label="([^"]*)"><span>([^<]*)<\/span>/g)].map((m) => ({ status: m[1]!, id: m[2]!, detail: m[3]!, label: m[4]! }));
const parts = (html: string) => [...html.matchAll(/<details class="part (\w+)"( open)?>\n<summary><h2>([^<]*)<\/h2> <span class="status">([^<]*)<\/span>/g)].map((m) => ({ kind: m[1]!, open: m[2] !== undefined, label: m[3]!, status: m[4]! }));

describe('the page around the parts', () => {
  it('the title and heading carry the escaped title and the verdict; the icon and the link back only when given', () => {
    const result = checkLinearizability(kvModel, kvHistory);
    const html = page(result, { title: 'a<b', back: { href: '/notes/x/', label: 'The note' }, icon: '/icon.svg' });
    expect(html).toContain('<title>a&lt;b: not linearizable</title>');
    expect(html).toContain('<link rel="icon" href="/icon.svg">');
    expect(html).toContain('<p class="back"><a href="/notes/x/">← The note</a></p>');
    expect(html).toContain('<h1>a&lt;b</h1>');
    expect(html).toMatch(/<p class="verdict bad" id="verdict">Not linearizable: no order of the operations on key &quot;x&quot;/);
    const plain = page(result);
    expect(plain).not.toContain('rel="icon"');
    expect(plain).not.toContain('class="back"');
  });

  it('the verdict\'s class says ok, bad or unknown', () => {
    expect(page(checkLinearizability(kvModel, [get('D', 0, 1, 'y', null)]))).toContain('<p class="verdict ok" id="verdict">Linearizable: 1 operation.</p>');
    const unknown = { ok: undefined, verdict: 'unknown', partitions: [], unchecked: [{ label: 'key "x"', operations: [put('A', 0, 1, 'x', 1)] }], timeoutMs: 5 };
    expect(page(unknown as never)).toContain('<p class="verdict unknown" id="verdict">Unknown:');
  });
});

describe('the parts', () => {
  it('the failing part comes first, whatever the model\'s order; with three parts or fewer all are open', () => {
    expect(parts(page(checkLinearizability(kvModel, kvHistory)))).toEqual([
      { kind: 'bad', open: true, label: 'key &quot;x&quot;', status: 'not linearizable: put(&quot;x&quot;, 1) (client A) cannot be placed after the 0 before it' },
      { kind: 'ok', open: true, label: 'key &quot;y&quot;', status: 'linearizable: 1 operation placed' },
    ]);
  });

  it('with more than three parts only the first is open; unfinished parts say how far they got, or that they never started', () => {
    const ok = checkLinearizability(kvModel, [get('D', 0, 1, 'y', null), get('E', 0, 1, 'z', null), put('F', 0, 1, 'w', 3), put('G', 2, 3, 'w', 4)]);
    const result = {
      ok: undefined,
      verdict: 'unknown',
      partitions: ok.partitions,
      unchecked: [
        { label: 'key "u"', operations: [put('A', 0, 1, 'u', 1)], progress: { placed: 1, completed: 2, explored: 7 } },
        { label: 'key "v"', operations: [put('B', 0, 1, 'v', 1)] },
      ],
      timeoutMs: 5,
    };
    expect(parts(page(result as never))).toEqual([
      { kind: 'unknown', open: true, label: 'key &quot;u&quot;', status: 'not checked to the end: 1 of 2 placed, 7 configurations explored' },
      { kind: 'unknown', open: false, label: 'key &quot;v&quot;', status: 'not checked: the check stopped at a part that fails' },
      { kind: 'ok', open: false, label: 'key &quot;y&quot;', status: 'linearizable: 1 operation placed' },
      { kind: 'ok', open: false, label: 'key &quot;z&quot;', status: 'linearizable: 1 operation placed' },
      { kind: 'ok', open: false, label: 'key &quot;w&quot;', status: 'linearizable: 2 operations placed' },
    ]);
    expect(bars(page(result as never)).find((b) => b.id === 'p0-o0')!.detail).toBe('put(&quot;u&quot;, 1) · client A · t=0..1 · this part was not checked to the end');
  });

  it('each bar: its status, its number in the order found (✕ for the stuck one), and all it is in words', () => {
    expect(bars(page(checkLinearizability(kvModel, kvHistory)))).toEqual([
      { status: 'stuck', id: 'p0-o0', label: '✕', detail: 'put(&quot;x&quot;, 1) · client A · t=0..2 · cannot be placed: after the 0 operations found before it, state null, no order lets it take effect by its return' },
      { status: 'pending', id: 'p0-o1', label: '', detail: 'put(&quot;x&quot;, 2) · client B · t=1..never · never returned; took no effect in the order found' },
      { status: 'unplaced', id: 'p0-o2', label: '', detail: 'get(&quot;x&quot;) → 9 · client C · t=3..4 · not placed in the longest prefix found' },
      { status: 'placed', id: 'p1-o0', label: '1', detail: 'get(&quot;y&quot;) → null · client D · t=0..1 · takes effect 1st, state after: null' },
    ]);
  });

  it('with event orders, a bar says them too', () => {
    const history = [
      { process: 'A', call: 0, callOrder: 1, return: 2, returnOrder: 4, input: { f: 'write', value: 1 } },
      { process: 'B', call: 1, callOrder: 2, input: { f: 'write', value: 2 } },
    ] as const;
    const html = historyViewerHtml(registerModel, checkLinearizability(registerModel, history), { title: 'r' });
    expect(bars(html).map((b) => b.detail.split(' · ')[2])).toEqual(['t=0..2, events 1..4', 't=1..never, events 2..never']);
  });

  it('a refuted part gives the model\'s reason and says the prefix is what had to come first', () => {
    const result = checkLinearizability(kvModel, kvHistory);
    if (result.ok !== false) throw new Error('expected a counterexample');
    const refuted = { ...result, counterexample: { ...result.counterexample, reason: 'nobody put 9' }, partitions: [{ ...result.counterexample, reason: 'nobody put 9' }, ...result.partitions.filter((p) => p.ok)] };
    const html = page(refuted as never);
    expect(bars(html)[0]!.detail).toBe('put(&quot;x&quot;, 1) · client A · t=0..2 · cannot be placed in any order: nobody put 9');
    expect(html).toContain('<h3>A linearizable prefix (up to the last operation that must come first), then the operation no order can place</h3>');
  });

  it('the order found is listed with the state after each step; the stuck operation last, marked', () => {
    const html = historyViewerHtml(registerModel, checkLinearizability(registerModel, [op('A', 0, 1, write(1)), op('B', 2, 3, read(1)), op('C', 4, 5, read(7))]), { title: 'r' });
    expect(html).toContain('<h3>Longest linearizable prefix found, then the operation that cannot be placed</h3>');
    expect(html).toContain(
      '<ol class="order"><li><a href="#p0-o0" data-target="p0-o0">write(1)</a> <span class="meta">client A, state 1</span></li>' +
        '<li><a href="#p0-o1" data-target="p0-o1">read() → 1</a> <span class="meta">client B, state 1</span></li>' +
        '<li class="stuck-item"><a href="#p0-o2" data-target="p0-o2">read() → 7</a> <strong>cannot be placed</strong> <span class="meta">client C, t=4..5</span></li></ol>',
    );
  });

  it('a part with nothing placed and nothing stuck lists no order', () => {
    const html = historyViewerHtml(registerModel, checkLinearizability(registerModel, [op('B', 0, null, read())]), { title: 'r' });
    expect(html).not.toContain('<h3>');
    expect(bars(html)).toEqual([{ status: 'pending', id: 'p0-o0', label: '', detail: 'read() · client B · t=0..never · never returned; took no effect in the order found' }]);
  });
});

describe('numbers and the axis', () => {
  const writes = (n: number, gap = 1) => Array.from({ length: n }, (_, i) => op('A', i * gap, i * gap, write(i)));

  it('ordinals: 1st, 2nd, 3rd, 4th, 10th, 11th, 12th, 13th, 20th, 21st, 22nd, 23rd', () => {
    const html = historyViewerHtml(registerModel, checkLinearizability(registerModel, writes(23)), { title: 'r' });
    const effects = bars(html).map((b) => /takes effect (\w+),/.exec(b.detail)![1]);
    expect([1, 2, 3, 4, 10, 11, 12, 13, 20, 21, 22, 23].map((n) => effects[n - 1])).toEqual(['1st', '2nd', '3rd', '4th', '10th', '11th', '12th', '13th', '20th', '21st', '22nd', '23rd']);
  });

  it('about eight round tick labels, and bars placed on the same scale', () => {
    const html = historyViewerHtml(registerModel, checkLinearizability(registerModel, writes(11, 10)), { title: 'r' });
    const axis = [...html.matchAll(/<span style="left:([\d.]+)%">(\d+)<\/span>/g)].map((m) => [Number(m[2]), Number(m[1])] as const);
    // Ticks 0..100, four percent of room after the last: 0..104, a label every 20.
    expect(axis.map(([t]) => t)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(axis[1]![1]).toBeCloseTo((20 / 104) * 100, 3);
    expect(html).toContain('id="p0-o10" style="left:96.154%;width:0.400%"');
  });

  it('a wide history gets a wider chart: 14 px per operation, at least 600', () => {
    const wide = historyViewerHtml(registerModel, checkLinearizability(registerModel, writes(50)), { title: 'r' });
    expect(wide).toContain('<div class="chart" style="min-width:700px">');
    const narrow = historyViewerHtml(registerModel, checkLinearizability(registerModel, writes(3)), { title: 'r' });
    expect(narrow).toContain('<div class="chart" style="min-width:600px">');
  });
});

describe('the page after the whole run (session 18)', () => {
  const axisOf = (html: string) => /<div class="axis">(.*?)<\/div>/.exec(html)![1]!;
  const lanesOf = (html: string) => [...html.matchAll(/<div class="row"><div class="who">client (\w+)<\/div><div class="lane">(.*?)<\/div><\/div>/g)].map((m) => ({ client: m[1]!, lane: m[2]! }));

  it('the title is escaped: &, <, >, " and \' each as its entity', () => {
    const html = page(checkLinearizability(kvModel, kvHistory), { title: `Tom & Jerry's <"x">` });
    expect(html).toContain('<h1>Tom &amp; Jerry&#39;s &lt;&quot;x&quot;&gt;</h1>');
  });

  it('without an icon or a link back, nothing stands in their place', () => {
    const html = page(checkLinearizability(kvModel, kvHistory));
    expect(html).toMatch(/<\/title>\s*<style>/);
    expect(html).toMatch(/<header>\s*<h1>/);
  });

  it('with exactly three parts all three are open', () => {
    const result = checkLinearizability(kvModel, [get('D', 0, 1, 'y', null), get('E', 0, 1, 'z', null), put('F', 0, 1, 'w', 3)]);
    expect(parts(page(result)).map((p) => [p.label, p.open])).toEqual([
      ['key &quot;y&quot;', true],
      ['key &quot;z&quot;', true],
      ['key &quot;w&quot;', true],
    ]);
  });

  it('clients are drawn in the order of their first call, each lane\'s bars in call order, whatever the order the history lists them in', () => {
    const history = [op('B', 5, 6, read(1)), op('A', 0, 1, write(1)), op('B', 2, 3, read(1))];
    const html = historyViewerHtml(registerModel, checkLinearizability(registerModel, history), { title: 'r' });
    expect(lanesOf(html).map((l) => l.client)).toEqual(['A', 'B']);
    expect(bars(html).map((b) => b.id)).toEqual(['p0-o1', 'p0-o2', 'p0-o0']);
  });

  it('a lane holds only its bars, and the axis only its tick labels', () => {
    const history = [op('A', 0, 1, write(1)), op('A', 2, 3, read(1)), op('B', 4, 5, read(1))];
    const html = historyViewerHtml(registerModel, checkLinearizability(registerModel, history), { title: 'r' });
    for (const { lane } of lanesOf(html)) expect(lane.replace(/<button [^>]*><span>[^<]*<\/span><\/button>/g, '')).toBe('');
    expect(axisOf(html).replace(/<span style="left:[\d.]+%">\d+<\/span>/g, '')).toBe('');
  });

  it('the time axis starts at the first call, not at 0: ticks and bars on a scale from 100 to 204', () => {
    const history = [op('A', 100, 150, write(1)), op('B', 120, 200, read(1))];
    const html = historyViewerHtml(registerModel, checkLinearizability(registerModel, history), { title: 'r' });
    // 100..200, four percent of room after: 100..204; 104 / 8 = 13 a tick, rounded up to 20.
    expect(axisOf(html)).toBe(
      '<span style="left:0.000%">100</span><span style="left:19.231%">120</span><span style="left:38.462%">140</span>' +
        '<span style="left:57.692%">160</span><span style="left:76.923%">180</span><span style="left:96.154%">200</span>',
    );
    expect(html).toContain('id="p0-o0" style="left:0.000%;width:48.077%"');
    expect(html).toContain('id="p0-o1" style="left:19.231%;width:76.923%"');
  });

  it('the axis reaches the last return, not only the last call', () => {
    const html = historyViewerHtml(registerModel, checkLinearizability(registerModel, [op('A', 0, 100, write(1))]), { title: 'r' });
    expect(axisOf(html).match(/>\d+</g)).toEqual(['>0<', '>20<', '>40<', '>60<', '>80<', '>100<']);
  });

  it('a tick exactly one eighth of the span is taken, and a tick at the very end is drawn', () => {
    // 0..7 with one tick of room: 0..8, a tick every 1.
    const html = historyViewerHtml(registerModel, checkLinearizability(registerModel, [op('A', 0, 7, write(1))]), { title: 'r' });
    expect(axisOf(html).match(/>\d+</g)).toEqual(['>0<', '>1<', '>2<', '>3<', '>4<', '>5<', '>6<', '>7<', '>8<']);
  });

  it('a linearizable part lists its order under "The order found"; a part with nothing to list ends after its chart', () => {
    const ok = historyViewerHtml(registerModel, checkLinearizability(registerModel, [op('A', 0, 1, write(1))]), { title: 'r' });
    expect(ok).toContain('<h3>The order found</h3>\n<ol class="order">');
    const empty = historyViewerHtml(registerModel, checkLinearizability(registerModel, [op('B', 0, null, read())]), { title: 'r' });
    expect(empty).toMatch(/<\/div><\/div>\s*<\/details>/);
  });
});
