/**
 * @module
 * The widget's entry, bundled into one IIFE by `widget/build.ts`: nothing is assigned to
 * `window`. Options come from the script tag's `data-*` attributes.
 */
import { parseOptions } from './options.ts';
import { HOST_TAG } from './view.ts';
import { mountWidget } from './widget.ts';

// Only set while the script first runs (async scripts too): read it before anything awaits.
const script = document.currentScript || document.querySelector('script[src*="widget.js"]');

function start() {
  // Embedded twice (a template and a page both add the tag): one widget.
  if (document.querySelector(HOST_TAG)) return;
  mountWidget(
    parseOptions(
      (name) => (script ? script.getAttribute('data-' + name) : null),
      script ? script.getAttribute('src') : null,
      location.href,
    ),
  );
}

// An async script in <head> can run before <body> exists.
if (document.body) start();
else document.addEventListener('DOMContentLoaded', start);
