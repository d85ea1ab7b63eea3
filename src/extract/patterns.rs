//! Named word lists that class names, ids, roles and text are matched against.
//!
//! They are plain lower-case substrings (matched against `class + " " + id`, lower-cased)
//! rather than regular expressions: cheaper to run, smaller in WebAssembly, and easy to read.
//! The lists encode what years of Reader-View-style extraction have shown about how sites
//! name their boilerplate and their content.

/// A fixed list of class/id words (lower-case letters and digits), with a filter that
/// rules out nearly every piece of a class name without comparing it to each word: the
/// region's strip asks up to three such lists of every element of the page (its chrome
/// words are fifty), and a scan of the list per piece was the larger part of that walk.
pub struct WordSet {
    words: &'static [&'static str],
    /// One bit per [`filter_slot`] of a word's length, first and last byte.
    filter: [u64; FILTER_WORDS],
}

/// 64-bit words of a [`WordSet`]'s filter: 256 slots, so that a list of fifty words leaves
/// four slots in five empty.
const FILTER_WORDS: usize = 4;

/// The filter slot of a word of `len` bytes opening with `first` and closing with `last`.
const fn filter_slot(len: usize, first: u8, last: u8) -> usize {
    (len.wrapping_mul(31) ^ (first as usize).wrapping_mul(7) ^ last as usize) % (FILTER_WORDS * 64)
}

impl WordSet {
    /// The set of `words`, none of them empty.
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        let mut filter = [0u64; FILTER_WORDS];
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            assert!(!w.is_empty(), "a WordSet word is never empty");
            let slot = filter_slot(w.len(), w[0], w[w.len() - 1]);
            filter[slot / 64] |= 1 << (slot % 64);
            i += 1;
        }
        WordSet { words, filter }
    }

    /// Whether some word of `len` bytes from `first` to `last` may be in the set.
    fn may_hold(&self, len: usize, first: u8, last: u8) -> bool {
        let slot = filter_slot(len, first, last);
        self.filter[slot / 64] & (1 << (slot % 64)) != 0
    }

    /// `word` is one of the set's words.
    pub fn contains(&self, word: &str) -> bool {
        self.contains_bytes(word.as_bytes())
    }

    fn contains_bytes(&self, word: &[u8]) -> bool {
        let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
            return false;
        };
        self.may_hold(word.len(), first, last) && self.words.iter().any(|w| w.as_bytes() == word)
    }

    /// Some word of the set is `bytes` once the bytes `keep` rejects are left out (compared in
    /// place, without a copy).
    fn contains_kept(&self, bytes: &[u8], keep: impl Fn(&u8) -> bool + Copy) -> bool {
        let kept = || bytes.iter().copied().filter(keep);
        let (Some(first), Some(last)) = (kept().next(), kept().next_back()) else {
            return false;
        };
        let len = kept().count();
        self.may_hold(len, first, last)
            && self
                .words
                .iter()
                .any(|w| w.len() == len && kept().eq(w.bytes()))
    }
}

/// Some whole word of the class/id names is in `words`: a word between spaces, dashes and
/// underscores (any byte but an ASCII letter or digit), or a whole class name with its
/// dashes and underscores left out.
pub fn has_word(names: &str, words: &WordSet) -> bool {
    has_words(names, [words])[0]
}

/// [`has_word`] for each of `sets`, the names read once for all of them (a phase asking
/// several lists of every element read long utility-class attributes once per list).
pub fn has_words<const N: usize>(names: &str, sets: [&WordSet; N]) -> [bool; N] {
    // Most elements have no class and no id: nothing to split.
    if names.bytes().all(|b| b == b' ') {
        return [false; N];
    }
    if !names.is_ascii() {
        return sets.map(|words| has_word_unicode(names, words));
    }
    let mut found = [false; N];
    let bytes = names.as_bytes();
    // The alphanumeric run and the class (run of non-space) being read, and whether that
    // class is all letters and digits so far.
    let (mut piece, mut class, mut plain) = (None, None, true);
    for i in 0..=bytes.len() {
        let b = bytes.get(i).copied();
        let alnum = b.is_some_and(|b| b.is_ascii_alphanumeric());
        if alnum {
            piece.get_or_insert(i);
        } else if let Some(start) = piece.take() {
            let word = &bytes[start..i];
            for (hit, words) in found.iter_mut().zip(sets) {
                *hit = *hit || words.contains_bytes(word);
            }
        }
        if b.is_none_or(is_unicode_space) {
            // A class of letters and digits only was a piece already.
            if let Some(start) = class.take()
                && !plain
            {
                let name = &bytes[start..i];
                for (hit, words) in found.iter_mut().zip(sets) {
                    *hit = *hit || words.contains_kept(name, u8::is_ascii_alphanumeric);
                }
            }
            plain = true;
        } else {
            class.get_or_insert(i);
            plain &= alnum;
        }
    }
    found
}

/// `text.trim_start()`, when it opens with one of [`CURRENCY_SIGNS`]. The ASCII white space
/// a page's markup indents its text nodes with is skipped byte by byte, and a text opening
/// with another ASCII character is told from its byte (decoding char by char cost more
/// than the rest of the test the classifier reads every text node for).
pub fn from_currency_sign(text: &str) -> Option<&str> {
    let ascii_space = text.bytes().take_while(|&b| is_unicode_space(b)).count();
    let first = *text.as_bytes().get(ascii_space)?;
    if first.is_ascii() && !CURRENCY_SIGNS.contains(&char::from(first)) {
        return None;
    }
    // Only ASCII bytes were skipped: the rest starts on a char boundary.
    let t = text[ascii_space..].trim_start();
    t.starts_with(CURRENCY_SIGNS).then_some(t)
}

/// An ASCII byte that is white space as [`char::is_whitespace`] has it (which, unlike
/// [`u8::is_ascii_whitespace`], counts the vertical tab): where `split_whitespace` splits.
fn is_unicode_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// [`has_word`] of names with characters outside ASCII, split as `str` splits them.
fn has_word_unicode(names: &str, words: &WordSet) -> bool {
    // Split as bytes: a character outside ASCII is no letter or digit here, and all its
    // bytes are outside ASCII too, so the pieces are the same, found without decoding.
    names
        .as_bytes()
        .split(|b| !b.is_ascii_alphanumeric())
        .any(|w| words.contains_bytes(w))
        || names.split_whitespace().any(|class| {
            let bytes = class.as_bytes();
            !bytes.iter().all(u8::is_ascii_alphanumeric)
                && words.contains_kept(bytes, u8::is_ascii_alphanumeric)
        })
}

/// Containers whose name says "not the article": navigation, comments, sidebars, ads.
/// Removed before scoring on the first pass (and kept on the relaxed retries).
pub const UNLIKELY_CANDIDATES: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
];

/// Names that rescue an unlikely-looking container: "main-content-sidebar-wrapper" holds the
/// article on many sites.
pub const MAYBE_CANDIDATES: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
];

/// ARIA roles of elements that are never the article.
pub const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
];

/// Class/id words that make a container more likely to be the article (+25).
pub const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];

/// Class/id words that make a container less likely to be the article (−25).
/// (`hid` as a whole word is handled by [`is_negative`].)
pub const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
];

/// Class/id/rel words that mark an author line.
pub const BYLINE: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

/// Words of share-button containers (matched as whole `_`/`-`-delimited words).
pub const SHARE_WORDS: &[&str] = &["share", "sharedaddy"];

/// Hosts whose embedded players are content (a video in an article is part of it).
pub const VIDEO_HOSTS: &[&str] = &[
    "youtube.com",
    "youtube-nocookie.com",
    "player.vimeo.com",
    "v.qq.com",
    "archive.org",
    "upload.wikimedia.org",
    "player.twitch.tv",
    "dailymotion.com",
    "bilibili.com",
];

/// Text that marks an advertisement placeholder in several languages.
pub const AD_WORDS: &[&str] = &[
    "ad",
    "advertising",
    "advertisement",
    "pub",
    "publicité",
    "werbung",
    "广告",
    "реклама",
    "anuncio",
];

/// Text that marks a loading placeholder in several languages.
pub const LOADING_WORDS: &[&str] = &["loading", "正在加载", "загрузка", "chargement", "cargando"];

/// Comma-like characters in several scripts: a comma is a sign of prose.
pub const COMMAS: &[char] = &[
    ',', '\u{060C}', '\u{FE50}', '\u{FE10}', '\u{FE11}', '\u{2E41}', '\u{2E34}', '\u{2E32}',
    '\u{FF0C}',
];

/// True if `haystack` (already lower-case) contains any of `words`.
///
/// The lists hold dozens of words and most are absent: the set of byte pairs the haystack
/// holds, made in one pass, rules a word out when its first, middle or last pair is missing,
/// before any scan (a word present has all its pairs in the set). The finder asks this of
/// every named element, whose class can be a long list of utility classes holding nearly
/// every letter: pairs tell words apart where single bytes did not.
pub fn matches_any(haystack: &str, words: &[&str]) -> bool {
    let present = PairSet::of(haystack.as_bytes());
    words
        .iter()
        .any(|w| present.may_hold(w.as_bytes()) && contains_short(haystack, w))
}

/// Bits of [`PairSet`]: enough that the pairs of a long class list leave most bits clear.
const PAIR_SET_WORDS: usize = 16;

/// The adjacent byte pairs of a text, hashed into a bit set (a set bit may stand for
/// several pairs, a clear one for none of them).
struct PairSet([u64; PAIR_SET_WORDS]);

impl PairSet {
    fn of(bytes: &[u8]) -> PairSet {
        let mut set = [0u64; PAIR_SET_WORDS];
        for pair in bytes.windows(2) {
            let bit = PairSet::bit(pair[0], pair[1]);
            set[bit / 64] |= 1 << (bit % 64);
        }
        PairSet(set)
    }

    /// The pair's bit: the first byte shifted past most of the second's bits, so that the
    /// pairs of lower-case letters, digits and dashes rarely share one.
    fn bit(a: u8, b: u8) -> usize {
        ((usize::from(a) << 3) ^ usize::from(b)) % (PAIR_SET_WORDS * 64)
    }

    fn has(&self, word: &[u8], at: usize) -> bool {
        let bit = PairSet::bit(word[at], word[at + 1]);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Can `word` occur in the text? Not when its first, middle or last pair is missing.
    /// A word of fewer than two bytes has no pair: it is searched for.
    fn may_hold(&self, word: &[u8]) -> bool {
        let Some(last) = word.len().checked_sub(2) else {
            return true;
        };
        self.has(word, 0) && self.has(word, last) && self.has(word, last / 2)
    }
}

/// `haystack.contains(needle)`, for the short strings class names and labels are: a plain
/// scan costs less than preparing the general substring search for every pair, as
/// `str::contains` does on each call.
fn contains_short(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    haystack.len() >= needle.len()
        && haystack
            .windows(needle.len())
            .any(|window| window[0] == first && window == needle)
}

/// `haystack` contains `needle` (ASCII, case ignored), without a lower-cased copy. Only
/// the places whose byte is the needle's first letter are compared in full: the walks ask
/// this of every class attribute of the page, and comparing a window at every byte cost
/// more than the rest of the walk.
pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    let Some(first) = needle.first() else {
        return true;
    };
    let haystack = haystack.as_bytes();
    let Some(last_start) = haystack.len().checked_sub(needle.len()) else {
        return false;
    };
    haystack[..=last_start]
        .iter()
        .enumerate()
        .filter(|(_, b)| b.eq_ignore_ascii_case(first))
        .any(|(i, _)| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// NEGATIVE words, plus `hid` standing alone as a word (a common "hidden" abbreviation;
/// as a substring it would hit "hidden-gems" or "chidren").
pub fn is_negative(name: &str) -> bool {
    matches_any(name, NEGATIVE) || name.split_whitespace().any(|w| w == "hid")
}

/// Share-button containers: `share` as a whole word between `_`, `-`, spaces or the ends.
pub fn is_share(name: &str) -> bool {
    name.split(|c: char| c.is_whitespace() || c == '_')
        .any(|w| SHARE_WORDS.iter().any(|s| is_dashed_word(w, s)))
}

/// `word` is `s`, or starts with `s-`, or ends with `-s`.
fn is_dashed_word(word: &str, s: &str) -> bool {
    word == s
        || word
            .strip_prefix(s)
            .is_some_and(|rest| rest.starts_with('-'))
        || word.strip_suffix(s).is_some_and(|rest| rest.ends_with('-'))
}

/// Text that is nothing but an advertisement or loading label ("Advertisement", "Loading…").
pub fn is_ad_or_loading_text(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['…', '.', ' ']).to_lowercase();
    AD_WORDS.contains(&t.as_str()) || LOADING_WORDS.contains(&t.as_str())
}

/// Number of comma-like characters in `text`, character by character: the reference the
/// faster count ([`super::scoring::count_commas`], the one in use) is tested against.
#[cfg(test)]
pub fn count_commas(text: &str) -> usize {
    text.chars().filter(|c| COMMAS.contains(c)).count()
}

/// Openings of short blocks that are site furniture, not article: "read more" teasers,
/// related-story labels, sign-up boxes, print/share tools, bylines and date lines,
/// copyright notices. Matched on the lower-cased text of blocks of at most
/// [`crate::extract::boilerplate::MAX_CHARS`] characters.
pub const BOILERPLATE_OPENINGS: &[&str] = &[
    "discussion about this post",
    "ready for more?",
    "read more",
    "read also",
    "see more",
    "see also:",
    "related:",
    "related articles",
    "related stories",
    "related content",
    "related coverage",
    "more:",
    "also read",
    "also see",
    "you may also like",
    "you might also like",
    "recommended",
    "don't miss",
    "don’t miss",
    "most read",
    "most popular",
    "more from",
    "more articles from",
    "more stories",
    "follow us",
    "join our",
    "share this",
    "share on",
    "print article",
    "order reprints",
    "text size",
    "advertisement",
    "about the author",
    "published:",
    "published ",
    "updated:",
    "updated ",
    "posted:",
    "posted ",
    "last updated",
    "breaking news emails",
    "newsletters",
    "by ",
    "image 1 of",
    "loading content",
    "trending",
    "image copyright",
    "media playback is unsupported",
    "sharing is caring",
    "make msn my homepage",
    "you must log in",
    "log in to reply",
    "sign in to reply",
    "add a comment",
    "sorted by:",
    "explore related questions",
    "start asking to get answers",
];

/// Phrases that give a short block away as furniture wherever they stand in it. (The
/// error messages a shop or a catalogue keeps hidden until a script fails — "Something
/// went wrong. Please try again." — are in every copy of such a page.)
pub const BOILERPLATE_PHRASES: &[&str] = &[
    "ctrl-enter",
    "ctrl+enter",
    "subject to copyright",
    "your inbox",
    "get the app",
    "we use cookies",
    "use of cookies",
    "cookie policy",
    "please try again",
    "refresh and try again",
    "something went wrong",
];

/// Labels that head a list of links to other stories (or to the site's tag pages: a
/// story's tags say where else to read, not what it says): the label and that list go.
pub const RELATED_LABELS: &[&str] = &[
    "don't miss",
    "don’t miss",
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related threads",
    "you may also like",
    "you might also like",
    "read more",
    "see also",
    "trending",
    "most read",
    "most popular",
    "recommended",
    "more stories",
    "more from",
    "other people are reading",
    "related searches",
    "popular stories",
    "latest news",
    "tags",
    "tagged with",
];

/// Whole-block labels of an article's table of contents: the list after one, of links to
/// the article's own headings, says again what the headings say. (Not a bare "Contents":
/// that is how encyclopedias and manuals head theirs, which Reader View keeps.)
pub const TOC_LABELS: &[&str] = &[
    "table of contents",
    "in this article",
    "in this post",
    "on this page",
    "jump to",
    "jump to section",
    "article contents",
];

/// Whole-block labels of page tools: a block saying only this is a button or a counter.
pub const TOOL_LABELS: &[&str] = &[
    "subscribe",
    "comments",
    "comment",
    "print",
    "email",
    "share",
    "tweet",
    "advertisement",
    "loading",
    "close",
    "menu",
    "skip to content",
    "back to top",
    "top",
    "iklan",
    "popular",
    "latest",
    "highlights",
    "sponsored",
    "jump to latest",
    "view full details",
];

/// Words a date line is made of besides numbers: month and weekday names (English, with
/// abbreviations), clock and zone words, and the labels sites put before dates.
/// Currency signs a price starts with (a shop's grid counts them; a line holding one is a
/// price, never a date).
pub const CURRENCY_SIGNS: &[char] = &['$', '€', '£', '¥', '₹'];

pub const DATE_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "am",
    "pm",
    "a",
    "m",
    "p",
    "utc",
    "gmt",
    "et",
    "est",
    "edt",
    "pt",
    "pst",
    "pdt",
    "ct",
    "cst",
    "cdt",
    "bst",
    "cet",
    "cest",
    "published",
    "updated",
    "posted",
    "modified",
    "last",
    "on",
    "at",
    "original",
    "originally",
    "st",
    "nd",
    "rd",
    "th",
    "date",
    "time",
];

/// Openings of a photo credit: the element saying who took a picture, not what it shows.
pub const CREDIT_OPENINGS: &[&str] = &[
    "photo:",
    "photo by",
    "photograph:",
    "image:",
    "credit:",
    "credit...",
    "courtesy of",
    "(image:",
    "(photo:",
    "image copyright",
    "getty",
    "©",
];

/// Agencies whose name in a short element marks it as a credit line.
pub const CREDIT_PHRASES: &[&str] = &[
    "getty images",
    "/getty",
    "shutterstock",
    "/ap photo",
    "/reuters",
    "/afp",
];

/// Openings of the headings of sections that point elsewhere on a shop, a forum or a
/// landing page: other products, other threads, what others bought. The heading and the
/// section under it go from a page's main region.
pub const ELSEWHERE_HEADINGS: &[&str] = &[
    "you may also like",
    "you might also like",
    "customers also",
    "people also",
    "related",
    "recently viewed",
    "similar",
    "more from",
    "frequently bought",
    "complete the look",
    "shop the look",
    "recommended",
    "trending",
    "popular posts",
    "suggested",
    "more like this",
    "other products",
    "latest posts",
    "recent posts",
    "more to explore",
    "explore more",
    "explore related",
    "people who viewed",
    "people who bought",
    "customers who viewed",
    "customers who bought",
    "seller's other items",
];

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: WordSet = WordSet::new(&["nav", "menu", "sronly"]);
    const OTHER: WordSet = WordSet::new(&["share"]);

    #[test]
    fn matches_any_is_a_substring_search_of_every_word() {
        let lists: [&[&str]; 5] = [
            UNLIKELY_CANDIDATES,
            MAYBE_CANDIDATES,
            NEGATIVE,
            AD_WORDS,
            &["", "a", "ab", "广告", "-ad-"],
        ];
        let haystacks = [
            "",
            " ",
            "post-content entry",
            "site-footer sidebar-ad-slot",
            "ba",
            "ab",
            "广告位 banner",
            "реклама",
            "comment-list x",
            "main column",
        ];
        for words in lists {
            for haystack in haystacks {
                let naive = words.iter().any(|w| haystack.contains(w));
                assert_eq!(matches_any(haystack, words), naive, "{haystack:?}");
            }
        }
    }

    #[test]
    fn a_word_set_holds_its_words_only() {
        assert!(WORDS.contains("nav") && WORDS.contains("sronly"));
        assert!(!WORDS.contains("na") && !WORDS.contains("navs") && !WORDS.contains(""));
    }

    #[test]
    fn whole_words_and_joined_class_names_match() {
        assert!(has_word("site-nav main ", &WORDS));
        assert!(
            has_word("x sr-only", &WORDS),
            "a class joined without its dashes"
        );
        assert!(has_word("Sr_Only".to_lowercase().as_str(), &WORDS));
        assert!(
            !has_word("canvas navigation-bar ", &WORDS),
            "substrings are no words"
        );
        assert!(!has_word("   ", &WORDS));
        assert!(!has_word("sr-only-text", &WORDS));
    }

    #[test]
    fn several_sets_are_answered_in_one_reading() {
        assert_eq!(has_words("top-menu share ", [&WORDS, &OTHER]), [true, true]);
        assert_eq!(has_words("post sharing", [&WORDS, &OTHER]), [false, false]);
        // Vertical tab separates classes as `split_whitespace` has it.
        assert_eq!(has_words("sr-only\u{b}x-", [&WORDS, &OTHER]), [true, false]);
    }

    #[test]
    fn names_outside_ascii_split_as_before() {
        assert!(has_word("café-menu\u{a0}sr-only", &WORDS));
        assert!(!has_word("ménu-x\u{3000}y", &WORDS));
        assert!(has_word("é s-r-o-n-l-y", &WORDS));
    }

    #[test]
    fn from_currency_sign_is_trimmed_starts_with() {
        for text in [
            "  \n\t$12",
            "\u{a0} €5",
            "\u{b}\u{3000}x",
            "",
            "   ",
            "€4",
            " x$",
            "\u{a0}",
        ] {
            let t = text.trim_start();
            let expected = t.starts_with(CURRENCY_SIGNS).then_some(t);
            assert_eq!(from_currency_sign(text), expected, "{text:?}");
        }
    }
}
