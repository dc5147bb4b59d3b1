/**
 * @module
 * WCAG 2.x contrast (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance): an agency's
 * brand colour is darkened in small steps until text on it, and it as text on the widget's
 * light surfaces, reaches 4.5:1 (SC 1.4.3).
 */

export type Rgb = [number, number, number];

/** `#rgb` or `#rrggbb` (any case) → channels, else null. */
export function parseHex(value: string): Rgb | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m) return null;
  let hex = m[1] as string;
  if (hex.length === 3) hex = hex.replace(/./g, (c) => c + c);
  const n = parseInt(hex, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function toHex(rgb: Rgb): string {
  return '#' + rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

export function luminance(rgb: Rgb): number {
  // Written without destructuring: esbuild cannot lower it for the widget's oldest targets.
  const lin = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  }) as Rgb;
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

export function contrast(a: Rgb, b: Rgb): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * Darkens `colour` by 5% steps until its contrast with `against` (white by default) is at
 * least `min`. A colour that already passes is returned unchanged (as `#rrggbb`).
 */
export function readableOn(colour: Rgb, against: Rgb = [255, 255, 255], min = 4.5): Rgb {
  let c: Rgb = [colour[0], colour[1], colour[2]];
  // Black against white is 21:1, so this ends (at most ~100 steps for the lightest colours).
  while (contrast(c, against) < min && (c[0] > 0 || c[1] > 0 || c[2] > 0)) {
    c = c.map((v) => Math.floor(v * 0.95)) as Rgb;
  }
  return c;
}
