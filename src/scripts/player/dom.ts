/** A tiny element builder, so the player needs no UI library. */
type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | false | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== false && child !== undefined) element.append(child);
  return element;
}

export function option(value: string, label: string, selected: boolean): HTMLOptionElement {
  const element = h('option', { value }, label);
  element.selected = selected;
  return element;
}
