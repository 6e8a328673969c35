import { glob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';

/**
 * Astro's glob loader, made strict. The stock loader catches an error thrown while rendering a note
 * (a diagram that does not parse, say), logs it and stores the note with an empty body, so the build
 * would publish a blank page. Here any error the loader reports stops the sync and the build, with
 * the loader's own message (which names the file and line).
 */
export function strictGlob(options: Parameters<typeof glob>[0]): Loader {
  const inner = glob(options);
  return {
    ...inner,
    name: 'paperlog-strict-glob',
    load: async (context: LoaderContext) => {
      const errors: string[] = [];
      const logger = Object.create(context.logger) as LoaderContext['logger'];
      logger.error = (message: string) => {
        errors.push(message);
        context.logger.error(message);
      };
      await inner.load({ ...context, logger });
      if (errors.length > 0) {
        throw new Error(`${errors.length} note(s) could not be built:\n\n${errors.join('\n\n')}`);
      }
    },
  };
}
