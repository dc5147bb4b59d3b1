/**
 * @module
 * `GET /`: a plain agency-style page about the default document with the widget embedded
 * (`data-document` set), so anyone can try the service right after `npm start`. It runs
 * under a strict Content-Security-Policy, as an agency portal might: the widget needs
 * nothing `unsafe-*`.
 */
import type { Context } from 'hono';
import type { DocumentMeta } from '../../ingest/types.ts';

export interface HomePageOptions {
  province: string;
  documentId: string;
}

export interface HomePageData {
  document: DocumentMeta | undefined;
  outline: string[];
  starters: string[];
}

const STYLE = `
body{margin:0;font:16px/1.6 system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#1a1a1a;background:#f6f6f4}
header{background:#a50e0e;color:#fff;padding:12px 16px}
header p{margin:0;font-weight:600}
main{max-width:760px;margin:0 auto;padding:16px 16px 96px;background:#fff}
h1{font-size:1.35rem;line-height:1.4}
h2{font-size:1.1rem;margin-top:1.5em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}
dt{font-weight:600}
dd{margin:0}
footer{max-width:760px;margin:0 auto;padding:16px;color:#444;font-size:.9rem}
`;

function Page(props: { options: HomePageOptions; data: HomePageData; nonce: string }) {
  const { document: doc, outline, starters } = props.data;
  const title = doc?.title ?? `Trợ lý hỏi đáp về Nghị quyết 57-NQ/TW, tỉnh ${props.options.province}`;
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${doc?.shortTitle ?? 'Hỏi đáp NQ57'} · tỉnh ${props.options.province}`}</title>
        <style nonce={props.nonce}>{STYLE}</style>
      </head>
      <body>
        <header>
          <p>Trang thông tin về Nghị quyết 57-NQ/TW · tỉnh {props.options.province}</p>
        </header>
        <main>
          <h1>{title}</h1>
          {doc && (
            <dl>
              <dt>Loại văn bản</dt>
              <dd>{doc.type}</dd>
              <dt>Cơ quan ban hành</dt>
              <dd>{doc.issuer ?? 'không ghi'}</dd>
              <dt>Người ký</dt>
              <dd>{doc.signer ? `${doc.signerTitle ? `${doc.signerTitle} ` : ''}${doc.signer}` : 'không ghi'}</dd>
              <dt>Số, ngày</dt>
              <dd>{[doc.number, doc.date].filter(Boolean).join(', ') || 'không ghi'}</dd>
            </dl>
          )}
          {outline.length > 0 && (
            <section aria-labelledby="noi-dung">
              <h2 id="noi-dung">Nội dung chính</h2>
              <ol>
                {outline.map((heading) => (
                  <li>{heading.replace(/^[IVXLC]+\.\s*/, '')}</li>
                ))}
              </ol>
            </section>
          )}
          <section aria-labelledby="hoi-dap">
            <h2 id="hoi-dap">Hỏi đáp</h2>
            <p>
              Có câu hỏi về văn bản này? Bấm nút <strong>Hỏi đáp</strong> ở góc dưới màn hình. Trợ lý trả lời bằng tiếng Việt từ chính văn bản, luôn ghi rõ
              nguồn; khi văn bản không nói đến, trợ lý cho biết nên hỏi cơ quan nào.
            </p>
          </section>
        </main>
        <footer>Trang minh hoạ của dịch vụ Hỏi đáp NQ57: cổng thông tin của cơ quan nhúng trợ lý bằng một thẻ script.</footer>
        <script src="/widget.js" async data-document={props.options.documentId} data-suggestions={starters.slice(0, 3).join('|')}></script>
      </body>
    </html>
  );
}

export function renderHomePage(c: Context, options: HomePageOptions, data: HomePageData) {
  const nonce = crypto.randomUUID().replace(/-/g, '');
  c.header(
    'Content-Security-Policy',
    `default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'nonce-${nonce}'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`,
  );
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  return c.html(`<!doctype html>${(<Page options={options} data={data} nonce={nonce} />).toString()}`);
}
