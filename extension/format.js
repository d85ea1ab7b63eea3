// Formatting shared by the popup, the library and the playground (scripts/build-wasm.sh copies
// this file to www/shared/: it must stay a module without imports). Dates and numbers follow
// the browser's locale; relative times are English because they sit inside English sentences
// ("Already saved 3 days ago").

const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const FULL_DATE_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const NUMBER_FORMAT = new Intl.NumberFormat();
const RELATIVE_FORMAT = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

// Below this age a time reads "just now" rather than "in 0 seconds" / "12 seconds ago".
const JUST_NOW_SECONDS = 45;

// A duration under this many milliseconds keeps a decimal ("3.2 ms"): the playground times
// small pages, where a rounded "3 ms" says too little.
const FINE_MS = 10;
// Byte sizes in binary multiples, as browsers and file managers show them.
const BYTE_UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

// Largest unit first: an age is told in the first unit it reaches.
const RELATIVE_UNITS = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** A Date from an ISO-like string, or null when absent or unparseable. */
export function parseDate(value) {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Nov 28, 2026" (browser locale), or null when the value is not a date. */
export function formatDate(value) {
  const date = parseDate(value);
  return date && DATE_FORMAT.format(date);
}

/** "Saturday, November 28, 2026 at 10:00 AM" (browser locale), or null. */
export function formatFullDate(value) {
  const date = parseDate(value);
  return date && FULL_DATE_FORMAT.format(date);
}

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago"…; null when not a date. */
export function formatRelative(value, now = Date.now()) {
  const date = parseDate(value);
  if (!date) return null;
  const seconds = (date.getTime() - now) / 1000;
  if (Math.abs(seconds) < JUST_NOW_SECONDS) return 'just now';
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return RELATIVE_FORMAT.format(Math.round(seconds / size), unit);
  }
  return RELATIVE_FORMAT.format(Math.round(seconds / 60), 'minute');
}

/** "1 word", "1,234 words". */
export function formatWords(count) {
  const n = count ?? 0;
  return `${NUMBER_FORMAT.format(n)} ${n === 1 ? 'word' : 'words'}`;
}

/** "6 min read"; an article always takes at least a minute. */
export function formatReadingTime(minutes) {
  return `${NUMBER_FORMAT.format(Math.max(1, minutes ?? 1))} min read`;
}

/** "3.2 ms", "84 ms", "1.2 s". */
export function formatDuration(ms) {
  if (ms < FINE_MS) return `${ms.toLocaleString(undefined, { maximumFractionDigits: 1 })} ms`;
  if (ms < 1000) return `${NUMBER_FORMAT.format(Math.round(ms))} ms`;
  return `${(ms / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 })} s`;
}

/** The host name of a URL without "www.", or the URL itself when it does not parse. */
export function hostOf(url) {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url ?? '';
  }
}

/** "512 bytes", "3.4 KB", "12 MB": binary units, one decimal below 10. */
export function formatBytes(bytes) {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(undefined, { maximumFractionDigits: digits })} ${BYTE_UNITS[unit]}`;
}
