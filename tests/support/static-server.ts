import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';

/**
 * Serves a built site on 127.0.0.1 (a free port) the way a static host would: files from `dir`,
 * `dir/404.html` with status 404 for anything missing. Close it when done.
 */
export async function serveStatic(dir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const files = sirv(dir, { dev: true, etag: false });
  const notFound = readFileSync(join(dir, '404.html'));
  const server: Server = createServer((req, res) =>
    files(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(notFound);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
