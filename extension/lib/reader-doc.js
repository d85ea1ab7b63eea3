// The document the sanitized article HTML is shown in: the library's reader and the popup's
// preview put it in an iframe's srcdoc. The HTML comes from the Rust core's renderMarkdown
// (no scripts, no handlers); this page adds its own policy on top: no script, no request of
// any kind, and remote images and media only once the user asked for them ("Load images").
// The playground shows its articles in the same document: scripts/build-wasm.sh copies this
// file to www/shared/ (so it stays a module without imports).

// A language tag safe to put in the lang attribute as is (BCP 47 shape).
export const LANG_TAG = /^[a-z]{2,8}(-[a-z0-9]{1,8})*$/i;
// The frame's own policy. Without `images`: nothing leaves the machine (images inside the
// article as data: URLs still show). With `images`: the article's images and media load from
// their sites, and nothing else does.
const CSP_BASE = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'";
const CSP_OFFLINE = `${CSP_BASE}; img-src data:`;
const CSP_IMAGES = `${CSP_BASE}; img-src https: http: data:; media-src https: http:`;
// Tags whose content the browser would fetch from the article's site.
const REMOTE_MEDIA = /<(img|video|audio|source|picture)\b[^>]*\s(src|srcset|poster)="(https?:)?\/\//i;
// Reading typography: a measure of about 70 characters (the same 42rem as the reader's header
// in library.css; a scrollbar gutter on both sides keeps it centred under the header), scaled
// media, tables and code that scroll, light and dark.
const READER_CSS = `
:root { color-scheme: light dark; --text: #1f2328; --muted: #57606a; --bg: #ffffff; --rule: #d9dde3;
  --link: #2350c2; --code-bg: #f2f4f7; --quote: #c9d1db; }
@media (prefers-color-scheme: dark) { :root { --text: #e4e6e9; --muted: #a3abb7; --bg: #1b1e23;
  --rule: #363c45; --link: #8fb1ff; --code-bg: #262a31; --quote: #4a525e; } }
html { background: var(--bg); color: var(--text); -webkit-text-size-adjust: 100%; scrollbar-width: thin;
  scrollbar-color: var(--rule) transparent; scrollbar-gutter: stable both-edges; }
body { margin: 0; padding: 4px 28px 72px; font: 18px/1.7 Charter, "Bitstream Charter", "Sitka Text", Cambria,
  "Noto Serif", "DejaVu Serif", Georgia, serif; overflow-wrap: break-word; }
main { max-width: 42rem; margin: 0 auto; }
main > :first-child { margin-top: 0; }
p, ul, ol, dl, figure, table, pre, blockquote { margin: 0 0 1.1em; }
h1, h2, h3, h4, h5, h6 { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  line-height: 1.3; margin: 1.8em 0 0.6em; letter-spacing: -0.01em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.35em; } h3 { font-size: 1.15em; } h4, h5, h6 { font-size: 1em; }
a { color: var(--link); text-underline-offset: 0.15em; text-decoration-thickness: 1px; }
a:hover { text-decoration-thickness: 2px; }
a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; border-radius: 2px; }
img, video, svg, picture { max-width: 100%; height: auto; }
img { display: block; margin: 1.4em auto; border-radius: 6px; }
figure { margin: 1.6em 0; } figure img { margin: 0 auto; }
figcaption { margin-top: 0.5em; font: 0.8em/1.5 system-ui, sans-serif; color: var(--muted); text-align: center; }
blockquote { margin-left: 0; padding: 0.1em 0 0.1em 1.1em; border-left: 3px solid var(--quote); color: var(--muted);
  font-style: italic; }
code, kbd, samp { font: 0.86em/1.5 ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  background: var(--code-bg); border-radius: 4px; padding: 0.1em 0.3em; }
pre { background: var(--code-bg); padding: 0.9em 1.1em; border-radius: 8px; overflow-x: auto; line-height: 1.5; }
pre code { background: none; padding: 0; font-size: 0.84em; }
table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; font-size: 0.88em;
  line-height: 1.5; }
th, td { border: 1px solid var(--rule); padding: 0.4em 0.7em; text-align: start; vertical-align: top; }
th { background: var(--code-bg); font-weight: 650; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2.2em 0; }
li { margin: 0.25em 0; }
li > p { margin: 0; }
sup, sub { line-height: 0; }
@media (max-width: 600px) { body { padding: 0 16px 48px; font-size: 17px; } }
`;

// The popup's preview: the same typography, smaller, with room for the 380 px popup.
const PREVIEW_CSS = `
body { padding: 10px 14px 16px; font-size: 14.5px; line-height: 1.6; }
h1 { font-size: 1.3em; } h2 { font-size: 1.15em; } h3, h4, h5, h6 { font-size: 1em; }
h1, h2, h3, h4, h5, h6 { margin: 1.2em 0 0.4em; }
`;

/** True when `html` names an image or media file on another site (what "Load images" would fetch). */
export function hasRemoteMedia(html) {
  return REMOTE_MEDIA.test(html);
}

const escapeAttribute = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The srcdoc for sanitized `html`: `lang` and `dir` of the article, `images` true to let remote
 * images load, `compact` for the popup's preview.
 */
export function readerDocument(html, { lang = null, dir = null, images = false, compact = false } = {}) {
  const langAttribute = LANG_TAG.test(lang ?? '') ? ` lang="${escapeAttribute(lang)}"` : '';
  const direction = dir === 'rtl' || dir === 'ltr' ? dir : 'auto';
  const policy = images ? CSP_IMAGES : CSP_OFFLINE;
  return (
    `<!doctype html><html${langAttribute} dir="${direction}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${policy}">` +
    '<meta name="color-scheme" content="light dark"><meta name="referrer" content="no-referrer">' +
    `<style>${READER_CSS}${compact ? PREVIEW_CSS : ''}</style></head><body><main>${html}</main></body></html>`
  );
}
