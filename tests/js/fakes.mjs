// Test doubles for the browser APIs and the WASM core (no browser needed).

/** A `storage.local` in memory; values are cloned as the browser's storage would. */
export function memoryArea(initial = {}) {
  const items = structuredClone(initial);
  const area = {
    items,
    setCalls: 0,
    failNextSet: null,
    async get(keys) {
      if (keys === null) return structuredClone(items);
      const wanted = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(wanted.filter((k) => k in items).map((k) => [k, structuredClone(items[k])]));
    },
    async set(entries) {
      area.setCalls += 1;
      if (area.failNextSet) {
        const error = area.failNextSet;
        area.failNextSet = null;
        throw error;
      }
      Object.assign(items, structuredClone(entries));
    },
    async remove(key) {
      delete items[key];
    },
  };
  return area;
}

/** An Article object as the core returns it. */
export function article(overrides = {}) {
  return {
    url: 'https://news.example/story',
    title: 'A story',
    byline: 'Ana Writer',
    publishedTime: '2026-01-02T03:04:05Z',
    modifiedTime: null,
    siteName: 'Example News',
    section: null,
    lang: 'en',
    dir: null,
    excerpt: 'The start.',
    leadImage: null,
    wordCount: 3,
    readingTimeMinutes: 1,
    contentHtml: '<p>Body of story</p>',
    markdown: 'Body of story',
    text: 'Body of story',
    fromSelection: false,
    ...overrides,
  };
}

/**
 * The core's exports. `extractSnapshot` parses the snapshot JSON: `{ url, title, error }`,
 * throwing an Error named `error` when that is set, as the real core names its errors.
 */
export function fakeCore() {
  return {
    // The Markdown style of every extraction, in order (the core spells the body in it).
    styles: [],
    extractSnapshot(json, style) {
      this.styles.push(style);
      const snap = JSON.parse(json);
      if (snap.error) {
        const error = new Error(`core says ${snap.error}`);
        error.name = snap.error;
        throw error;
      }
      return article({ url: snap.url, title: snap.title ?? null, markdown: snap.markdown ?? 'Body of story', text: snap.text ?? 'Body of story' });
    },
    markdownDocument(a, { frontMatter, savedAt }) {
      const header = frontMatter ? `---\nurl: ${a.url}\nsaved: ${savedAt ?? 'never'}\n---\n` : '';
      return `${header}# ${a.title}\n\n${a.markdown}`;
    },
    renderMarkdown: (markdown) => `<p>${markdown}</p>`,
    downloadFilename: (title) => `${title}.md`,
    // The template engine, in small: fields url, saved, byline (off) and tags (a list when
    // the record has tags); the file name fills {title} and {site}.
    defaultTemplate: () => ({
      frontMatter: true,
      fields: [
        { field: 'url', name: 'url', enabled: true },
        { field: 'saved', name: 'saved', enabled: true },
        { field: 'byline', name: 'byline', enabled: false },
        { field: 'tags', name: 'tags', enabled: true },
      ],
      filename: '{title}',
      markdown: { bullet: '-', emphasis: '*', strong: '**', headings: 'atx', fence: '```', links: 'inline', escapeDollar: true },
    }),
    renderDocument(a, template, savedAt) {
      const values = { url: a.url, saved: savedAt ?? 'never', byline: a.byline, tags: a.tags?.length ? a.tags.join(', ') : null };
      const lines = template.fields.filter((f) => f.enabled && values[f.field]).map((f) => `${f.name}: ${values[f.field]}\n`);
      const header = template.frontMatter ? `---\n${lines.join('')}---\n` : '';
      return `${header}# ${a.title}\n\n${a.markdown}`;
    },
    renderFilename: (a, template) =>
      `${template.filename.replaceAll('{title}', a.title ?? a.siteName ?? a.url).replaceAll('{site}', a.siteName ?? '')}.md`,
    downloadPath: (folder, name) => (folder ? `${folder}/${name}` : name),
  };
}

/** The injected capture (never run here: the fake scripting API decides what it "returns"). */
export function fakeCapture() {}

/**
 * `tabs` and `scripting` over a table of tabs `{ id: { url, snapshot?, inject? } }`:
 * `snapshot` is what the page's capture returns, `inject` (an Error) makes injection fail.
 */
export function fakeBrowser(tabTable, { activeId } = {}) {
  const injections = [];
  const tabs = {
    async get(id) {
      if (!(id in tabTable)) throw new Error(`No tab with id: ${id}.`);
      return { id, url: tabTable[id].url };
    },
    async query(filter) {
      if (!filter.active || activeId === undefined) return [];
      return [{ id: activeId, url: tabTable[activeId].url }];
    },
  };
  const scripting = {
    async executeScript(details) {
      injections.push(details);
      const tab = tabTable[details.target.tabId];
      if (tab.inject) throw tab.inject;
      if ('results' in tab) return tab.results;
      return [{ frameId: 0, result: tab.snapshot ?? snapshotOf(tab.url) }];
    },
  };
  return { tabs, scripting, injections };
}

/** What the capture returns for a readable page at `url`. */
export function snapshotOf(url, extra = {}) {
  const json = JSON.stringify({ url, title: 'A story', ...extra });
  return { ok: true, json, contentType: 'text/html', bytes: json.length, ms: 1 };
}

/** A clock that advances `step` ms on every read, so every timed part takes time. */
export function steppingClock(step = 5) {
  let t = 0;
  return () => (t += step);
}
