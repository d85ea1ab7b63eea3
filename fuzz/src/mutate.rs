//! Mutations: random bytes from a seeded generator, read by `arbitrary` as a list of edits
//! (insert a token, delete, repeat a slice many times, splice in a piece of another seed).
//! Repetition matters most: every quadratic shape of issue 12 is something repeated.

use arbitrary::{Arbitrary, Unstructured};

/// Most edits applied to one seed.
const MAX_EDITS: usize = 8;
/// Most times a slice is repeated (a 64-byte slice × 4096 = 256 KiB).
const MAX_REPEAT: usize = 4096;
/// Longest slice repeated or spliced.
const MAX_SLICE: usize = 64;

/// Fragments that mean something to HTML, snapshots (JSON) or Markdown.
const TOKENS: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<i>",
    "<b>",
    "</b>",
    "<a href=\"",
    "\">",
    "<noscript>",
    "</noscript>",
    "<script>",
    "</script>",
    "<style>",
    "<template>",
    // React's streamed segments (extract/streamed.rs): a segment, its place, the fallback.
    "<div hidden id=\"S:0\">",
    "<template id=\"B:0\">",
    "<template id=\"P:0\">",
    "<!--$?-->",
    "<!--/$-->",
    "<svg>",
    "<math>",
    "<table>",
    "<tr>",
    "<td>",
    "<li>",
    "<ul>",
    "<ol>",
    "<pre>",
    "<code>",
    "<br>",
    "<img src=\"",
    "<body ",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<base href=\"mailto:x\">",
    "<select>",
    "<option>",
    "<h1>",
    "&amp;",
    "&#",
    "&#x",
    ";",
    "\"",
    "'",
    "=",
    " ",
    "\n",
    "\t",
    "\0",
    "javascript:",
    "data:",
    "onerror=",
    "[",
    "]",
    "(",
    ")",
    "*",
    "_",
    "`",
    "```",
    "~",
    "\\",
    "#",
    "|",
    "$",
    "$$",
    "> ",
    "- ",
    "1. ",
    "    ",
    "{",
    "}",
    ",",
    ":",
    "4096",
    "0",
    "1",
    "[\"div\",1]",
    "[\"p\",{\"class\":\"x\"},1]",
    "\"text\"",
    "[\"noscript\",1]",
    "\"<div>\"",
    "[\"svg\",1]",
    "[\"math:mi\",1]",
    "\u{fffd}",
    "é",
    "\u{202e}",
];

/// One edit of a seed.
#[derive(Arbitrary, Debug)]
enum Edit {
    Insert {
        at: u32,
        token: u8,
    },
    InsertText {
        at: u32,
        text: String,
    },
    Delete {
        at: u32,
        len: u16,
    },
    Repeat {
        at: u32,
        len: u8,
        times: u16,
    },
    RepeatToken {
        at: u32,
        token: u8,
        times: u16,
    },
    Splice {
        at: u32,
        other: u16,
        from: u32,
        len: u8,
    },
}

/// xorshift64*: small, fast, and reproducible from a seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// A mutated copy of `seeds[index]` (other seeds may be spliced in).
pub fn mutate(seeds: &[String], rng: &mut Rng) -> Vec<u8> {
    let mut out = seeds[rng.below(seeds.len())].as_bytes().to_vec();
    let raw = rng.bytes(256);
    let mut u = Unstructured::new(&raw);
    let edits = u.int_in_range(1..=MAX_EDITS).unwrap_or(1);
    for _ in 0..edits {
        let Ok(edit) = Edit::arbitrary(&mut u) else {
            break;
        };
        apply(&mut out, edit, seeds);
    }
    out
}

fn apply(out: &mut Vec<u8>, edit: Edit, seeds: &[String]) {
    let pos = |at: u32, len: usize| if len == 0 { 0 } else { at as usize % (len + 1) };
    match edit {
        Edit::Insert { at, token } => insert(out, pos(at, out.len()), token_bytes(token)),
        Edit::InsertText { at, text } => insert(out, pos(at, out.len()), text.as_bytes()),
        Edit::Delete { at, len } => {
            let start = pos(at, out.len());
            let end = (start + len as usize % 256).min(out.len());
            out.drain(start..end);
        }
        Edit::Repeat { at, len, times } => {
            let start = pos(at, out.len());
            let end = (start + len as usize % MAX_SLICE + 1).min(out.len());
            let slice = out[start..end].repeat(times as usize % MAX_REPEAT);
            insert(out, end, &slice);
        }
        Edit::RepeatToken { at, token, times } => {
            let slice = token_bytes(token).repeat(times as usize % MAX_REPEAT);
            insert(out, pos(at, out.len()), &slice);
        }
        Edit::Splice {
            at,
            other,
            from,
            len,
        } => {
            let other = seeds[other as usize % seeds.len()].as_bytes();
            let start = pos(from, other.len());
            let end = (start + len as usize % MAX_SLICE).min(other.len());
            insert(out, pos(at, out.len()), &other[start..end]);
        }
    }
}

fn token_bytes(token: u8) -> &'static [u8] {
    TOKENS[token as usize % TOKENS.len()].as_bytes()
}

fn insert(out: &mut Vec<u8>, at: usize, bytes: &[u8]) {
    let at = at.min(out.len());
    out.splice(at..at, bytes.iter().copied());
}

/// FNV-1a, to name saved inputs by their content.
pub fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}
