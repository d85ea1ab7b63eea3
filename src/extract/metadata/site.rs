//! The site's name, in every form a page shows it: `og:site_name`, `application-name`, the
//! JSON-LD publisher and the host name (`www.the-verge.com` gives `theverge` and
//! `thevergecom`). Used to strip the site part from titles and to refuse a site name as
//! an author.
//!
//! Names are compared by their *key*: lower-cased letters and digits only, so "The Verge",
//! "the-verge" and "THE VERGE" are one name.

use url::Url;

/// A title segment whose key contains a site key is the site's part only when it is at most
/// this many times as long ("NodeBB Community" for `nodebb`, not "Lemmy development update").
const MAX_SITE_SEGMENT_RATIO: usize = 2;
/// A title's last segment of at most this many words that opens with the site's name is the
/// site's part with a product line or tagline after it ("Zoho People", "Xfinity
/// Entertainment", "Aura Official Site", "Vivint (855) 742-4174").
const MAX_TAIL_SITE_WORDS: usize = 3;
/// Keys shorter than this (`co`, `uk`) are too common to identify a site inside a segment.
const MIN_SITE_KEY_CHARS: usize = 3;

/// Letters and digits of `s`, lower-cased: the form names are compared in.
pub fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The site's names as keys.
#[derive(Debug, Default, Clone)]
pub struct SiteNames {
    keys: Vec<String>,
}

impl SiteNames {
    /// From the names the page states and from `url`'s host.
    pub fn new<'a>(stated: impl IntoIterator<Item = &'a str>, url: Option<&Url>) -> SiteNames {
        let mut keys: Vec<String> = stated.into_iter().map(key).collect();
        if let Some(host) = url.and_then(Url::host_str) {
            let host = host.trim_start_matches("www.");
            keys.push(key(host));
            // The registrable label: `the-verge` of `www.the-verge.com`, `bbc` of `bbc.co.uk`.
            let labels: Vec<&str> = host.split('.').collect();
            let second_level = labels
                .iter()
                .rev()
                .skip(1)
                .find(|l| l.len() > 3 || labels.len() == 2);
            keys.extend(second_level.map(|l| key(l)));
        }
        keys.retain(|k| k.chars().count() >= MIN_SITE_KEY_CHARS);
        keys.sort();
        keys.dedup();
        SiteNames { keys }
    }

    /// Is `text` the site's name (exactly, by key)?
    pub fn is_name(&self, text: &str) -> bool {
        let k = key(text);
        !k.is_empty() && self.keys.contains(&k)
    }

    /// Does `text` hold one of the site's names (by key) anywhere?
    pub fn is_named_in(&self, text: &str) -> bool {
        let k = key(text);
        self.keys.iter().any(|s| k.contains(s.as_str()))
    }

    /// Is `segment` (a part of a title) the site's part: its name, part of its name, or its
    /// name with a word or two around it ("Google Cloud", "Docs")?
    pub fn is_segment(&self, segment: &str) -> bool {
        let k = key(segment);
        if k.chars().count() < MIN_SITE_KEY_CHARS {
            return false;
        }
        self.keys.iter().any(|s| {
            *s == k
                || s.contains(&k)
                || (k.contains(s.as_str()) && k.len() <= MAX_SITE_SEGMENT_RATIO * s.len())
        })
    }

    /// Is `segment`, the last of a title, the site's part: [`Self::is_segment`], or a short
    /// segment whose first word is the site's name ([`MAX_TAIL_SITE_WORDS`]).
    pub fn is_tail_segment(&self, segment: &str) -> bool {
        if self.is_segment(segment) {
            return true;
        }
        let words: Vec<&str> = segment.split_whitespace().collect();
        let opening = words.first().map(|w| key(w)).unwrap_or_default();
        words.len() <= MAX_TAIL_SITE_WORDS
            && opening.chars().count() >= MIN_SITE_KEY_CHARS
            && self.keys.contains(&opening)
    }
}
