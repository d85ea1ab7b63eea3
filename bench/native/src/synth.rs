//! Synthetic pages of any size, made of real corpus material.
//!
//! The article body is the prose of a real corpus article: the paragraphs and headings of
//! Readability's expected output for [`MATERIAL_PAGE`], in their order, repeated as often as
//! the size asks (each repetition opens with a section heading, so the page reads as one
//! long article in parts rather than a page of duplicates). The body sits in a page shell like a
//! news or blog page: a head with metadata and a script, a header navigation, a sidebar, a
//! footer. The shell is fixed, so the bigger the page, the more of it is article.

use std::fs;
use std::path::Path;

use crate::engines::node_count;

/// The corpus page whose article supplies the prose: a long technical chapter (78
/// paragraphs, 13 headings) with inline links and emphasis, a typical reading-mode page.
const MATERIAL_PAGE: &str = "tests/corpus/readability/google-sre-book-1";
/// The tags whose elements are taken from the material, in document order. A `<p>` cannot
/// contain another block, nor a heading another heading, so each element ends at the first
/// closing tag of its name.
const BLOCK_TAGS: [&str; 3] = ["p", "h2", "h3"];
/// Where the body goes in [`SHELL`].
const BODY_SLOT: &str = "{body}";
/// Where the title goes in [`SHELL`].
const TITLE_SLOT: &str = "{title}";

/// The page around the article: the furniture every real page has.
const SHELL: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | Example Engineering</title>
<meta name="description" content="Notes from the engineering team.">
<meta property="og:title" content="{title}">
<meta property="og:type" content="article">
<link rel="stylesheet" href="/assets/site.css">
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({page: "article"});</script>
</head>
<body>
<header class="site-header">
<a class="logo" href="/">Example Engineering</a>
<nav class="main-nav"><ul>
<li><a href="/">Home</a></li><li><a href="/topics/reliability">Reliability</a></li>
<li><a href="/topics/operations">Operations</a></li><li><a href="/topics/databases">Databases</a></li>
<li><a href="/topics/networking">Networking</a></li><li><a href="/about">About</a></li>
<li><a href="/careers">Careers</a></li><li><a href="/subscribe">Subscribe</a></li>
</ul></nav>
</header>
<div class="layout">
<main>
<article class="post">
<h1 class="post-title">{title}</h1>
<p class="byline">By <a href="/authors/a-writer" rel="author">A. Writer</a> · <time datetime="2024-03-01">1 March 2024</time></p>
<div class="post-body">
{body}
</div>
<div class="share">Share: <a href="/share/x">X</a> <a href="/share/mail">Email</a></div>
</article>
</main>
<aside class="sidebar">
<h3>Most read</h3>
<ul>
<li><a href="/posts/1">Designing alerts people trust</a></li>
<li><a href="/posts/2">Capacity planning without guesswork</a></li>
<li><a href="/posts/3">What we learned from a year of postmortems</a></li>
<li><a href="/posts/4">Load shedding at the edge</a></li>
</ul>
<div class="newsletter"><p>Get new posts by email.</p><form action="/subscribe"><input type="email" name="email"><button>Sign up</button></form></div>
</aside>
</div>
<footer class="site-footer">
<ul class="footer-links"><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li>
<li><a href="/cookies">Cookies</a></li><li><a href="/contact">Contact</a></li></ul>
<p>© 2024 Example Engineering. All rights reserved.</p>
</footer>
</body>
</html>
"#;

/// The prose synthetic pages are made of.
pub struct Material {
    /// The article's title, from the corpus page's expected metadata.
    title: String,
    /// Its block elements (whole `<p>`/`<h2>`/`<h3>` elements), in order.
    blocks: Vec<String>,
}

impl Material {
    /// Reads the material from the corpus (`root` is the repository root).
    pub fn load(root: &Path) -> Result<Material, String> {
        let dir = root.join(MATERIAL_PAGE);
        let read = |name: &str| {
            fs::read_to_string(dir.join(name)).map_err(|e| format!("{}/{name}: {e}", dir.display()))
        };
        let meta: serde_json::Value =
            serde_json::from_str(&read("expected-metadata.json")?).map_err(|e| e.to_string())?;
        let title = meta["title"].as_str().unwrap_or("Article").to_string();
        let blocks = blocks(&read("expected.html")?);
        if blocks.is_empty() {
            return Err(format!("no paragraphs in {MATERIAL_PAGE}/expected.html"));
        }
        Ok(Material { title, blocks })
    }

    /// The page whose body holds the first `count` blocks of the endless material.
    pub fn page(&self, count: usize) -> String {
        let body: Vec<&str> = (0..count).map(|i| self.block(i)).collect();
        self.wrap(&body.join("\n"))
    }

    /// The smallest page of at least `bytes` bytes.
    pub fn page_of_bytes(&self, bytes: usize) -> String {
        let (mut body, mut i) = (String::new(), 0);
        let room = bytes.saturating_sub(self.page(0).len());
        while body.len() < room {
            body.push_str(self.block(i));
            body.push('\n');
            i += 1;
        }
        self.wrap(&body)
    }

    /// A page of about `nodes` nodes: the node cost of one repetition of the material is
    /// measured once by parsing, and the block count is scaled from it.
    pub fn page_of_nodes(&self, nodes: usize) -> String {
        let cycle = self.cycle_len();
        let shell_nodes = node_count(&self.page(0));
        let cycle_nodes = node_count(&self.page(cycle)) - shell_nodes;
        let count = nodes.saturating_sub(shell_nodes) * cycle / cycle_nodes.max(1);
        self.page(count)
    }

    /// Block `i` of the endless material: each repetition is a "Part" heading, then the
    /// material's blocks.
    fn block(&self, i: usize) -> &str {
        let k = i % self.cycle_len();
        if k == 0 {
            part_heading(i / self.cycle_len())
        } else {
            &self.blocks[k - 1]
        }
    }

    /// Blocks in one repetition: its heading and the material.
    fn cycle_len(&self) -> usize {
        self.blocks.len() + 1
    }

    fn wrap(&self, body: &str) -> String {
        SHELL
            .replace(TITLE_SLOT, &self.title)
            .replace(BODY_SLOT, body)
    }
}

/// The heading that opens repetition `n`.
fn part_heading(n: usize) -> &'static str {
    PART_HEADINGS[n % PART_HEADINGS.len()]
}

/// Headings that open the repetitions, in turn: a handful of distinct section titles.
const PART_HEADINGS: [&str; 4] = [
    "<h2>Part one: the principles</h2>",
    "<h2>Part two: in practice</h2>",
    "<h2>Part three: case studies</h2>",
    "<h2>Part four: looking back</h2>",
];

/// The `<p>`, `<h2>` and `<h3>` elements of `html`, whole and in order.
fn blocks(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some((tag, start)) = next_open(rest) {
        let close = format!("</{tag}>");
        let Some(len) = rest[start..].find(&close) else {
            break;
        };
        let end = start + len + close.len();
        found.push(rest[start..end].to_string());
        rest = &rest[end..];
    }
    found
}

/// The earliest opening tag of a [`BLOCK_TAGS`] element in `html`: its name and offset.
fn next_open(html: &str) -> Option<(&'static str, usize)> {
    BLOCK_TAGS
        .iter()
        .filter_map(|&tag| {
            let open = format!("<{tag}");
            let mut from = 0;
            while let Some(at) = html[from..].find(&open).map(|a| a + from) {
                let next = html.as_bytes().get(at + open.len());
                if matches!(next, Some(b'>' | b' ' | b'\n' | b'\t')) {
                    return Some((tag, at));
                }
                from = at + open.len();
            }
            None
        })
        .min_by_key(|&(_, at)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_whole_elements_in_order() {
        let html = "<div><h2>T</h2><p class=x>a <em>b</em></p><pre>no</pre><p>c</p></div>";
        assert_eq!(
            blocks(html),
            ["<h2>T</h2>", "<p class=x>a <em>b</em></p>", "<p>c</p>"]
        );
    }

    #[test]
    fn pages_reach_their_size() {
        let m = Material {
            title: "T".into(),
            blocks: vec!["<p>one two three</p>".into()],
        };
        assert!(m.page_of_bytes(5_000).len() >= 5_000);
        assert!(m.page_of_bytes(5_000).len() < 5_100);
        assert!(m.page(0).contains("<title>T | "));
    }
}
