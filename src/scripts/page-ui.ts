/**
 * The only script every page carries, inline (src/components/UiScript.astro compiles and minifies it at
 * build time; under 3 KB, tests/site/budgets.test.ts): the theme toggle, the site menu's Escape and
 * click-away, a search button that loads Pagefind's UI only when the reader opens search, the copy
 * buttons where code exists, and the loader of the link previews. Inlined as a classic script, so it
 * must import and export nothing.
 *
 * Opening search imports /search/setup.js (src/scripts/search-setup.ts), which loads Pagefind's UI and
 * our panel styles. The copy button copies the code's textContent, not innerText: a block not drawn yet
 * (content-visibility) has no rendered text; without clipboard access (permissions, an insecure origin)
 * it selects the code for Ctrl+C instead.
 *
 * Link previews (src/scripts/link-preview.ts) load the first time the mouse enters a link to a note or
 * concept in the text, or the first time anything gets keyboard focus: a reader who tabs (or whose screen
 * reader moves focus) then has every preview of the page loaded before reaching its links, so a link
 * is described by its summary the moment it is focused. A tap never loads them.
 */
(() => {
  const root = document.documentElement;
  document.querySelector('.theme-toggle')?.addEventListener('click', () => {
    const dark = root.dataset.theme ? root.dataset.theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
    root.dataset.theme = dark ? 'light' : 'dark';
    try {
      localStorage.setItem('paperlog-theme', root.dataset.theme);
    } catch {}
  });

  // The site menu works without script; with it, Escape (focus back on Menu) or a click elsewhere closes it too.
  const menu = document.querySelector<HTMLDetailsElement>('.site-menu');
  addEventListener('click', (e) => {
    if (menu?.open && !menu.contains(e.target as Node)) menu.open = false;
  });

  let search: Promise<{ openSearch(): void }> | undefined;
  const openSearch = () => {
    search ??= import('/search/setup.js' as string);
    search.then(
      (m) => m.openSearch(),
      () => {
        search = undefined;
        alert('Search is not available: the search index has not been built. Run "npm run build" then "npm run preview".');
      },
    );
  };
  document.querySelector('.search-open')?.addEventListener('click', openSearch);
  addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && menu?.open) {
      menu.open = false;
      menu.querySelector('summary')?.focus();
    }
    const t = e.target as HTMLElement;
    if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !(t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) {
      e.preventDefault();
      openSearch();
    }
  });

  let previews: Promise<void> | undefined;
  const preview = (e: Event) => {
    const t = e.target as Element;
    if (previews || !t.closest) return;
    const byMouse = (e as PointerEvent).pointerType === 'mouse' && t.closest('.prose a[href^="/notes/"],.prose a[href^="/concepts/"]');
    const byKeyboard = e.type === 'focusin' && t.matches(':focus-visible') && !t.matches('input,textarea');
    if (byMouse || byKeyboard) previews = import('/previews/link-preview.js' as string).then((m: { start(e: Event): void }) => m.start(e), () => {});
  };
  addEventListener('pointerover', preview);
  addEventListener('focusin', preview);

  for (const button of document.querySelectorAll<HTMLButtonElement>('figure.code .copy')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const pre = button.closest('figure')!.querySelector('pre')!;
      navigator.clipboard.writeText(pre.textContent ?? '').then(
        () => {
          button.textContent = 'Copied';
          setTimeout(() => (button.textContent = 'Copy'), 1500);
        },
        () => {
          getSelection()?.selectAllChildren(pre);
          button.textContent = 'Selected';
        },
      );
    });
  }
})();
