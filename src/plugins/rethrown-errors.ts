import type { MarkdownRenderer } from '@astrojs/markdown-remark';

/**
 * Astro's unified renderer prints a note's render error with console.error and then rethrows it, and
 * the notes loader reports every thrown error where it stops the build: a bad diagram or link was
 * printed twice, once as a dump of the error object. This renderer rethrows the same errors, and
 * console.error prints an Error only if no render rethrew it by the end of the current turn.
 */
export function quietRethrownErrors(renderer: MarkdownRenderer): MarkdownRenderer {
  holdPrintedErrors();
  return {
    ...renderer,
    render: (content, options) =>
      renderer.render(content, options).catch((error: unknown) => {
        if (error instanceof Error) rethrown.add(error);
        throw error;
      }),
  };
}

const rethrown = new WeakSet<Error>();
let holding = false;

function holdPrintedErrors(): void {
  if (holding) return;
  holding = true;
  const print = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const [error] = args;
    if (args.length !== 1 || !(error instanceof Error)) return print(...args);
    // The renderer's catch handler rethrows in the same turn; our handler above runs before this.
    setImmediate(() => {
      if (!rethrown.has(error)) print(error);
    });
  };
}
