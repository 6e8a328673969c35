/**
 * Makes this process's stdout and stderr blocking, so that `process.exit` never drops output. Imported
 * first by every command in snippets/cli.
 *
 * Why: `npm run` leaves the pipe it shares with us non-blocking (npm's own Node opened it so). Node then
 * queues what the pipe cannot take at once, and `process.exit` discards the queue: `npm run snippet --
 * raft --swarm --seed 73 --variant read-index-without-quorum-check | less` showed 64 KB of an 85 KB trace
 * and never its verdict. Blocking writes wait for the reader instead. `setBlocking` is on the stream's
 * handle for pipes and TTYs (files are written synchronously already), so the check is by shape.
 */
for (const stream of [process.stdout, process.stderr]) {
  const handle = (stream as unknown as { _handle?: { setBlocking?: (blocking: boolean) => void } })._handle;
  handle?.setBlocking?.(true);
}
