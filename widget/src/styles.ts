/**
 * @module
 * The widget's styles, inside its shadow root. Applied as a constructable stylesheet:
 * CSSOM is not subject to `style-src`, so a page whose CSP blocks `<style>` elements (or
 * sets no style-src at all under `default-src 'none'`) still shows the widget. `:host { all:
 * initial }` keeps the page's inherited styles out; fonts and colours are set explicitly.
 */
import { readableOn, toHex, type Rgb } from './colour.ts';
import { el } from './dom.ts';

/** The bot bubble's background: the darkest surface the brand colour is read against. */
const SURFACE: Rgb = [241, 243, 244];

export function buildCss(colour: Rgb): string {
  const p = readableOn(colour, SURFACE);
  const P = toHex(p);
  const PD = toHex(p.map((c) => c * 0.8) as Rgb);
  return `
:host{all:initial}
*,*::before,*::after{box-sizing:border-box}
.w{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;color:#1a1a1a;-webkit-text-size-adjust:100%;text-size-adjust:100%}
button,textarea{font:inherit;margin:0}
p{margin:0}
button{cursor:pointer;border:0;background:none;color:inherit;padding:0}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px;box-shadow:0 0 0 2px #fff}
.v{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.l,.p{position:fixed;bottom:16px;right:16px;z-index:2147483000}
.left .l,.left .p{right:auto;left:16px}
.l{display:flex;align-items:center;gap:8px;min-height:52px;padding:0 20px 0 16px;border-radius:26px;background:${P};color:#fff;font-weight:700;font-size:16px;box-shadow:0 4px 14px rgba(0,0,0,.3)}
.l:hover,.hd button:hover,.sd:hover,.r:hover{background:${PD}}
.p{width:390px;max-width:calc(100vw - 32px);height:620px;max-height:calc(100vh - 32px);display:flex;flex-direction:column;background:#fff;border-radius:12px;box-shadow:0 8px 32px rgba(0,0,0,.35);overflow:hidden}
[hidden]{display:none!important}
.hd{display:flex;align-items:center;gap:2px;padding:4px 4px 4px 16px;background:${P};color:#fff}
.hd h2{flex:1;margin:0;font-size:17px;font-weight:700;line-height:1.3}
.ib{width:44px;height:44px;flex:none;display:inline-flex;align-items:center;justify-content:center;border-radius:8px}
.g{flex:1;overflow-y:auto;overscroll-behavior:contain;padding:12px;display:flex;flex-direction:column;gap:12px}
.m{scroll-margin-top:12px;padding:10px 12px;border-radius:12px;overflow-wrap:anywhere;white-space:pre-wrap}
.u{align-self:flex-end;max-width:88%;background:${P};color:#fff}
.b{align-self:stretch;background:#f1f3f4;white-space:normal}
.x p{margin:0 0 6px;white-space:pre-wrap}
.x ul{margin:0 0 6px;padding-left:20px}
.x>:last-child{margin-bottom:0}
.o{display:inline-block;margin-bottom:6px;padding:2px 8px;border-radius:10px;background:#fff1c2;color:#4d3800;font-size:13px;font-weight:700}
details{margin-top:8px;border-top:1px solid #c4c9cf;padding-top:4px}
summary{cursor:pointer;padding:6px 0;font-weight:700;min-height:32px}
ol{margin:4px 0 0;padding-left:22px}
li{margin:0 0 6px}
a{color:${P};display:inline-block;min-height:24px}
.sc{display:block;font-size:13px;color:#454545}
.t{display:flex;flex-wrap:wrap;align-items:center;gap:4px;margin-top:8px}
.fb{color:#3c4043}
.fb[aria-pressed=true],.sp[aria-pressed=true]{background:${P};color:#fff}
.sp{display:inline-flex;align-items:center;gap:6px;min-height:44px;padding:0 12px;border-radius:8px;color:#3c4043;font-weight:600}
.c{display:flex;flex-wrap:wrap;gap:8px}
.c button{min-height:44px;padding:8px 14px;border:1px solid ${P};border-radius:18px;background:#fff;color:${P};text-align:left;line-height:1.35}
.c button:hover{background:#f1f3f4}
.cm{display:flex;flex-direction:column;gap:6px;margin-top:8px}
.cm label,.e p{margin:0;font-weight:600}
.cm textarea,.f textarea{width:100%;min-height:44px;padding:10px 12px;border:1px solid #6b6b6b;border-radius:10px;background:#fff;color:#1a1a1a;font-size:16px;line-height:1.4;resize:none}
textarea::placeholder{color:#5f5f5f;opacity:1}
.sd,.r{align-self:flex-start;min-height:44px;padding:0 16px;border-radius:8px;background:${P};color:#fff;font-weight:700}
.n{margin:0;font-size:14px;color:#454545}
.e{background:#fdecea;color:#7a1414;border:1px solid #e9a9a5;border-radius:10px;padding:10px 12px;display:flex;flex-direction:column;gap:8px}
[aria-disabled=true]{cursor:not-allowed}
.r[aria-disabled=true]{background:#e0e0e0;color:#3d3d3d}
.st{font-size:14px;color:#454545;padding:0 12px}
.st:not(:empty){padding:6px 12px}
.st:not(:empty)::before{content:"";display:inline-block;width:8px;height:8px;margin-right:8px;border-radius:50%;background:${P};animation:nq57-pulse .8s ease-in-out infinite alternate}
@keyframes nq57-pulse{from{opacity:.25}to{opacity:1}}
.f{display:flex;align-items:flex-end;gap:8px;padding:8px 12px 12px;border-top:1px solid #c4c9cf}
.f textarea{flex:1;max-height:140px}
.f .ib{border-radius:50%;background:${P};color:#fff}
.f .ib[aria-disabled=true]{opacity:.55}
.pf{padding:0 12px 6px;font-size:14px;color:#454545}
.pv{min-height:24px;font-size:13px;text-decoration:underline}
.pi{display:flex;flex-direction:column;gap:6px;max-height:40vh;overflow-y:auto;padding:4px 0 6px}
.pi .k{font-weight:700;color:#1a1a1a}
.id{font:15px/1.4 ui-monospace,Menlo,Consolas,monospace;color:#1a1a1a;overflow-wrap:anywhere;-webkit-user-select:all;user-select:all}
@media (max-width:480px){.p{top:0;left:0!important;right:0;bottom:0;width:auto;max-width:none;height:100vh;height:100dvh;max-height:none;border-radius:0}}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none!important;transition:none!important;scroll-behavior:auto!important}}
@media print{.l,.p{display:none!important}}
`;
}

export function applyStyles(root: ShadowRoot, css: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    // Browsers before constructable stylesheets (Safari < 16.4); a strict style-src blocks this.
    root.append(el('style', null, css));
  }
}
