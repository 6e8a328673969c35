/**
 * How wide a label will be, without a browser. Diagrams are laid out at build time but drawn in the
 * reader's own sans-serif (system-ui), so a label is measured in the widest common one: DejaVu Sans,
 * what system-ui means on most Linux desktops and in our test browser. San Francisco, Segoe UI and
 * Roboto are narrower, so a box sized here holds its text on every system. Widths are in em, as Chromium
 * measures DejaVu Sans (regular, then semibold) for the printable ASCII characters and the few others
 * diagrams use; anything else counts as a full em.
 */
const ASCII_REGULAR =
  '32 40 46 84 64 95 78 27 39 39 50 84 32 36 32 34 64 64 64 64 64 64 64 64 64 64 34 34 84 84 84 53 ' +
  '100 68 69 70 77 63 58 77 75 29 29 66 56 86 75 79 60 79 69 63 61 73 68 99 69 61 69 39 34 39 84 50 ' +
  '50 61 63 55 63 62 35 63 63 28 28 58 28 97 63 61 63 63 41 52 39 63 59 82 59 59 52 64 34 64 84';
const ASCII_SEMIBOLD =
  '35 46 52 84 70 100 87 31 46 46 52 84 38 42 38 37 70 70 70 70 70 70 70 70 70 70 40 40 84 84 84 58 ' +
  '100 77 76 73 83 68 68 82 84 37 37 77 64 100 84 85 73 85 77 72 68 81 77 110 77 72 73 46 37 46 84 50 ' +
  '50 67 72 59 72 68 44 72 71 34 34 67 34 104 71 69 72 72 49 60 48 71 65 92 65 65 58 71 37 71 84';
const OTHER: Record<string, number> = { '→': 0.84, '←': 0.84, '‑': 0.42, '‹': 0.41, '›': 0.41, '˸': 0.6, '×': 0.84, '–': 0.5, '—': 1, '≥': 0.84, '≤': 0.84, '·': 0.38, '’': 0.31, '“': 0.52, '”': 0.52 };

const table = (row: string) => row.split(' ').map((n) => Number(n) / 100);
const REGULAR = table(ASCII_REGULAR);
const SEMIBOLD = table(ASCII_SEMIBOLD);

/** Width in px of `text` set in the site's sans-serif at `fontSize` px. */
export function textWidth(text: string, fontSize: number, weight: 'regular' | 'semibold' = 'regular'): number {
  const widths = weight === 'semibold' ? SEMIBOLD : REGULAR;
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    em += code >= 32 && code < 127 ? widths[code - 32]! : (OTHER[ch] ?? 1);
  }
  return em * fontSize;
}

/**
 * Breaks `text` into lines no wider than `maxWidth`: at spaces first, then after a comma or an arrow, and only as a last resort inside a word. Nothing is ever cut off, and an explicit
 * `<br>` always breaks.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, weight: 'regular' | 'semibold' = 'regular'): string[] {
  const width = (s: string) => textWidth(s, fontSize, weight);
  const lines: string[] = [];
  for (const paragraph of text.split(/<br\s*\/?>/i)) {
    // Pieces keep their trailing separator, so joining them gives back the text.
    const pieces = paragraph.trim().match(/[^\s,→]+[,→]?\s*|[,→]\s*|\s+/g) ?? [''];
    let line = '';
    for (const piece of pieces) {
      if (width((line + piece).trimEnd()) <= maxWidth || line === '') {
        line += piece;
      } else {
        lines.push(line.trimEnd());
        line = piece.trimStart();
      }
      // A single piece wider than the line: break it by characters.
      while (width(line.trimEnd()) > maxWidth && line.trimEnd().length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && width(line.slice(0, cut)) > maxWidth) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
