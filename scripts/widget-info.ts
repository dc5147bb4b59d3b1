/**
 * @module
 * `npm run widget`: builds the widget as the server does and prints what a portal editor
 * needs to pin it: the version, the integrity hash and the embed tag; and its size.
 * `-- --host https://hoidap.example.gov.vn` puts that host in the tag.
 */
import { parseArgs } from 'node:util';
import { buildWidget } from '../widget/build.ts';

const { values } = parseArgs({ options: { host: { type: 'string', default: 'https://HOST' } } });
const widget = await buildWidget();
const host = values.host.replace(/\/+$/, '');
console.log(`version    ${widget.version}`);
console.log(`integrity  ${widget.integrity}`);
console.log(`size       ${widget.code.length} bytes, ${widget.gzipBytes} bytes gzipped`);
console.log(`\n<script src="${host}/widget.js?v=${widget.version}" integrity="${widget.integrity}" crossorigin="anonymous" async></script>`);
