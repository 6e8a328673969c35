/**
 * How the graph map fills its canvas. A force layout has no "up": the build's layout may come out
 * wide while a phone's canvas is tall, and fitting a wide picture into a tall canvas leaves most of it
 * empty (the 20-page graph used 190 of 606 px). So the picture is turned a quarter when its shape and
 * the canvas's disagree, and Fit scales it to the canvas's full width or height, whichever binds.
 */

export interface Point { readonly x: number; readonly y: number; readonly r: number }

export interface Bounds { readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number }

/** The smallest box holding every dot, radius included. */
export function bounds(points: readonly Point[]): Bounds {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of points) {
    x0 = Math.min(x0, p.x - p.r);
    x1 = Math.max(x1, p.x + p.r);
    y0 = Math.min(y0, p.y - p.r);
    y1 = Math.max(y1, p.y + p.r);
  }
  return { x0, x1, y0, y1 };
}

/**
 * The points turned a quarter (x, y) → (−y, x) when the picture is wide and the canvas tall, or the
 * other way round; otherwise the same points. Arrow keys and hit tests use the turned positions, so
 * "up" stays up on screen.
 */
export function orientFor<T extends Point>(points: readonly T[], width: number, height: number): T[] {
  if (points.length === 0) return [...points];
  const b = bounds(points);
  const pictureWide = b.x1 - b.x0 > b.y1 - b.y0;
  const canvasWide = width > height;
  if (pictureWide === canvasWide) return [...points];
  return points.map((p) => ({ ...p, x: -p.y, y: p.x }));
}

/** Zoom (k) and translation that centre the picture and make it fill the canvas less `padding` on every side. */
export function fitTransform(
  picture: Bounds,
  width: number,
  height: number,
  padding: number,
  maxScale: number,
): { k: number; x: number; y: number } {
  const spanX = Math.max(1, picture.x1 - picture.x0);
  const spanY = Math.max(1, picture.y1 - picture.y0);
  const k = Math.max(0.05, Math.min(maxScale, (width - 2 * padding) / spanX, (height - 2 * padding) / spanY));
  return { k, x: width / 2 - k * (picture.x0 + picture.x1) / 2, y: height / 2 - k * (picture.y0 + picture.y1) / 2 };
}
