/**
 * @module
 * The staff pages' one stylesheet, inline under a per-response CSP nonce. Plain, legible
 * on a phone and a laptop, WCAG 2.2 AA: text contrast ≥ 4.5:1, visible focus, targets ≥ 24 px
 * (most 44), no horizontal scrolling at 320 px (tables scroll inside their own box).
 */
export const STAFF_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#f4f4f2}
a{color:#0b4f9c}
a:hover{color:#083a73}
:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:8px 12px;z-index:10}
.skip:focus{left:8px}
header{background:#7a0b0b;color:#fff;padding:8px 16px;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
header a,header button{color:#fff}
header .brand{font-weight:700;margin-right:auto;text-decoration:none}
header nav ul{display:flex;flex-wrap:wrap;gap:4px 12px;list-style:none;margin:0;padding:0}
header nav a{display:inline-block;padding:10px 4px;text-decoration:underline;text-underline-offset:3px}
header nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
header :focus-visible{outline-color:#fff}
header form{margin:0}
header .who{font-size:.9rem}
main{max-width:1080px;margin:0 auto;padding:16px;background:#fff;min-height:60vh}
h1{font-size:1.5rem;line-height:1.3;margin:.25em 0 .75em}
h2{font-size:1.2rem;margin:1.5em 0 .5em}
h3{font-size:1.05rem;margin:1.2em 0 .4em}
p,ul,ol{margin:.5em 0}
label{display:block;font-weight:600;margin:.9em 0 .25em}
.hint{display:block;font-weight:400;color:#4a4a4a;font-size:.9rem}
input[type=text],input[type=password],input[type=search],input[type=date],input[type=number],select,textarea{width:100%;max-width:100%;font:inherit;padding:9px 10px;border:1px solid #6b6b6b;border-radius:4px;background:#fff;color:#1b1b1b;min-height:44px}
textarea{min-height:7em;resize:vertical}
input[aria-invalid=true],textarea[aria-invalid=true]{border:2px solid #b00020}
button,.button{display:inline-block;font:inherit;font-weight:600;min-height:44px;padding:9px 16px;border-radius:4px;border:2px solid #0b4f9c;background:#0b4f9c;color:#fff;cursor:pointer;text-decoration:none;margin:.25em .5em .25em 0}
button.secondary,.button.secondary{background:#fff;color:#0b4f9c}
button.danger{background:#fff;color:#a3001b;border-color:#a3001b}
header button{background:transparent;border-color:#fff;min-height:40px;padding:6px 12px}
.row{display:flex;flex-wrap:wrap;gap:0 16px;align-items:flex-end}
.row>*{flex:1 1 200px}
.row>.narrow{flex:0 0 auto}
fieldset{border:1px solid #c4c4c4;border-radius:4px;margin:1em 0;padding:.5em 1em 1em}
legend{font-weight:700;padding:0 .25em}
.notice{border-left:6px solid #0b4f9c;background:#eef4fb;padding:10px 14px;margin:1em 0}
.error{border-left:6px solid #b00020;background:#fdeeee;padding:10px 14px;margin:1em 0}
.error ul{margin:.25em 0}
.field-error{display:block;color:#b00020;font-weight:600}
.secret{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all;background:#f3f3f3;padding:8px;border:1px dashed #6b6b6b}
.table{overflow-x:auto;margin:1em 0}
table{border-collapse:collapse;width:100%;min-width:560px}
th,td{text-align:left;vertical-align:top;padding:8px;border-bottom:1px solid #d5d5d5}
th{background:#f0f0ee}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.85rem;font-weight:600;background:#e8e8e8;color:#1b1b1b;white-space:nowrap}
.badge.published{background:#dff0e1;color:#14532d}
.badge.in_review{background:#fff1c2;color:#5c4300}
.badge.draft{background:#e6eefa;color:#0a3d7a}
.badge.archived{background:#ececec;color:#3a3a3a}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px;margin:1em 0}
.card{border:1px solid #c4c4c4;border-radius:6px;padding:12px}
.card strong{display:block;font-size:1.6rem}
.quote{white-space:pre-wrap;background:#f7f7f5;border-left:4px solid #8a8a8a;padding:8px 12px;margin:.5em 0}
.muted{color:#4a4a4a}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}
dl.meta dt{font-weight:600}
dl.meta dd{margin:0}
footer{max-width:1080px;margin:0 auto;padding:12px 16px;color:#4a4a4a;font-size:.9rem}
@media (max-width:600px){main{padding:12px}h1{font-size:1.3rem}header{padding:8px 12px}}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
`;
