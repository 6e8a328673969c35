import { AsyncLocalStorage } from 'node:async_hooks';
import type { AstroLoggerDestination, AstroLoggerMessage } from 'astro';
import nodeLogger, { type NodeHandlerConfig } from 'astro/logger/node';

/**
 * Astro's own terminal logger (astro.config.mjs `logger`), except that no line is written in halves.
 *
 * Why: Astro logs each page of a build in two writes, `├─ /path` without a newline as the page starts
 * and ` (+12ms)` once it is written. We render four pages at a time (`build.concurrency`), so other
 * pages started in between and the log read `├─ /404.html15:50:04   ├─ /bibliography/index.html…`.
 * Here a first half waits for its own second half and both go out as one line.
 *
 * Which second half is whose: Astro logs both from one async call per page, so a context entered at
 * the first half (AsyncLocalStorage) is still current when that call, after its await, logs the second.
 */
export default function wholeLinesLogger(config?: NodeHandlerConfig): AstroLoggerDestination {
  return wholeLines(nodeLogger(config));
}

/** Wraps any destination: halves of a line reach it as one line, in the order lines are finished. */
export function wholeLines(out: AstroLoggerDestination): AstroLoggerDestination {
  const firstHalf = new AsyncLocalStorage<AstroLoggerMessage>();
  const open = new Set<AstroLoggerMessage>();
  /** Lines still waiting for their end, written as they are: an error may mean they never get one. */
  const writeOpen = () => {
    for (const line of open) out.write({ ...line, newLine: true });
    open.clear();
  };
  return {
    write(event) {
      if (!event.newLine) {
        open.add(event);
        firstHalf.enterWith(event);
        return;
      }
      const start = firstHalf.getStore();
      // Astro finishes a line with an unlabelled message; anything else is a line of its own.
      if (start && event.label === 'SKIP_FORMAT' && open.delete(start)) {
        out.write({ ...start, message: start.message + event.message, newLine: true });
        return;
      }
      if (event.level === 'error') writeOpen();
      out.write(event);
    },
    flush() {
      writeOpen();
      return out.flush?.();
    },
    close() {
      writeOpen();
      return out.close?.();
    },
  };
}
