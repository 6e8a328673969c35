import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sirv from 'sirv';

/**
 * Serves a built site on 127.0.0.1 (a free port) the way a static host would: files from `dir`,
 * `dir/404.html` with status 404 for anything missing. Close it when done. `compress` gzips text the
 * way any real host does (Lighthouse measures with it); tests that count bytes leave it off.
 */
export async function serveStatic(dir: string, options: { compress?: boolean } = {}): Promise<{ origin: string; close(): Promise<void> }> {
  const files = sirv(dir, { dev: true, etag: false });
  const notFound = readFileSync(join(dir, '404.html'));
  const server: Server = createServer((req, res) => {
    if (options.compress && /\bgzip\b/.test(String(req.headers['accept-encoding']))) gzipTextResponses(res);
    return files(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(notFound);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** Buffers the response and, for text types, sends it gzipped with Content-Encoding set. */
function gzipTextResponses(res: import('node:http').ServerResponse): void {
  const chunks: Buffer[] = [];
  const { writeHead, write, end } = { writeHead: res.writeHead.bind(res), write: res.write.bind(res), end: res.end.bind(res) };
  let status = 200;
  // Hold the head back until the body is known: its length and encoding depend on it.
  res.writeHead = ((code: number, headers?: Record<string, string | number>) => {
    status = code;
    for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
    return res;
  }) as typeof res.writeHead;
  res.write = ((chunk: unknown) => {
    if (chunk) chunks.push(Buffer.from(chunk as Buffer));
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as Buffer));
    let body = Buffer.concat(chunks);
    const type = String(res.getHeader('Content-Type') ?? '');
    if (/^(text\/|application\/(javascript|json|xml)|image\/svg)/.test(type) && body.length > 0) {
      body = gzipSync(body);
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Vary', 'Accept-Encoding');
    }
    res.setHeader('Content-Length', body.length);
    writeHead(status);
    write(body);
    return end();
  }) as typeof res.end;
}
