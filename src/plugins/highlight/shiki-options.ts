import type { ShikiTransformer } from 'shiki';
import { transformerMetaHighlight, transformerNotationDiff, transformerNotationHighlight } from '@shikijs/transformers';
import { shikiCodeFrame } from '../shiki-code-frame.ts';
import { tokenClasses } from './token-classes.ts';

/**
 * How code is highlighted: both themes at once, switched by CSS variables (defaultColor: false), so the
 * theme toggle recolours code without re-rendering; line highlights ({2-4} or // [!code highlight]) and
 * diff marks (// [!code ++] / [!code --]); and our frame with title, language and copy button.
 */
export const THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;

export function transformers(): ShikiTransformer[] {
  return [transformerMetaHighlight(), transformerNotationHighlight(), transformerNotationDiff(), tokenClasses(), preAttributes(), shikiCodeFrame()];
}

/** The attributes our stylesheet expects on <pre> (the ones Astro's own highlighting sets). */
function preAttributes(): ShikiTransformer {
  return {
    name: 'paperlog:pre-attributes',
    pre(node) {
      node.properties['class'] = String(node.properties['class'] ?? '').replace(/\bshiki\b/g, 'astro-code');
      // --lines: the block's height before the browser lays it out (content-visibility, global.css).
      node.properties['style'] = `${String(node.properties['style'] ?? '')}; overflow-x: auto; --lines: ${this.source.split('\n').length};`;
      node.properties['dataLanguage'] = this.options.lang;
    },
  };
}
