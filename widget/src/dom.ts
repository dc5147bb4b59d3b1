/**
 * @module
 * DOM building with `createElement`, `setAttribute` and text nodes only: no HTML parsing
 * anywhere, so server and user text is always inert and pages that require Trusted Types
 * accept the widget.
 */

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string> | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (attrs) for (const name in attrs) node.setAttribute(name, attrs[name] as string);
  for (const child of children) if (child) node.append(child);
  return node;
}

export function on<K extends keyof HTMLElementEventMap>(node: HTMLElement | ShadowRoot, type: K, listener: (event: HTMLElementEventMap[K]) => void): void {
  node.addEventListener(type, listener as EventListener);
}

/** A button; `label` becomes its accessible name when its content is an icon. */
export function button(cls: string, content: Child | Child[], label?: string): HTMLButtonElement {
  const b = el('button', { type: 'button', class: cls }, ...(Array.isArray(content) ? content : [content]));
  if (label) b.setAttribute('aria-label', label);
  return b;
}

const SVG = 'http://www.w3.org/2000/svg';

/** 24×24 stroke icons (decorative: the control carries the name). */
const ICONS = {
  chat: 'M4 5h16v11H9l-5 4z',
  close: 'M6 6l12 12M18 6L6 18',
  plus: 'M12 5v14M5 12h14',
  send: 'M4 12l16-8-6 16-2-6z',
  up: 'M7 11v9H4v-9zM7 11l4-8c1.6 0 2.6 1.1 2.3 2.6L12.6 9H19a2 2 0 0 1 2 2.3l-1.2 6.8a2 2 0 0 1-2 1.9H7',
  speaker: 'M4 9h4l5-4v14l-5-4H4zM16.5 9a4 4 0 0 1 0 6M19 6.5a8 8 0 0 1 0 11',
};

export type IconName = keyof typeof ICONS | 'down';

export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  const path = document.createElementNS(SVG, 'path');
  const attrs: Record<string, string> = {
    viewBox: '0 0 24 24',
    width: '22',
    height: '22',
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2',
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
    'aria-hidden': 'true',
    focusable: 'false',
  };
  for (const a in attrs) svg.setAttribute(a, attrs[a] as string);
  path.setAttribute('d', ICONS[name === 'down' ? 'up' : name]);
  // Thumbs down is thumbs up turned over.
  if (name === 'down') path.setAttribute('transform', 'rotate(180 12 12)');
  svg.append(path);
  return svg;
}
