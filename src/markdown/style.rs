//! The user's Markdown style: which of CommonMark's equivalent spellings the writer uses.
//!
//! [`MarkdownStyle::default`] is the writer's own style (`-` bullets, `*emphasis*`,
//! `**strong**`, ATX `#` headings, backtick fences, inline links, `$` escaped), so the default
//! output is exactly what it was before styles existed. Every other choice reads back as the
//! same document in any CommonMark reader; where a choice cannot express something, the writer
//! falls back to the default spelling for that one place (an `_` emphasis inside a word is
//! written with `*`, which CommonMark allows there; a heading holding a `|` stays ATX, since
//! `a | b` over a `---` line could read as a table).
//!
//! In JavaScript (the extension's settings) the style is an object of the literal markers:
//! `{ bullet: "-", emphasis: "*", strong: "**", headings: "atx", fence: "```",
//! links: "inline", escapeDollar: true }`; a missing key takes its default.

use serde::{Deserialize, Serialize};

/// The bullet-list marker.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Bullet {
    #[default]
    #[serde(rename = "-")]
    Dash,
    #[serde(rename = "*")]
    Asterisk,
    #[serde(rename = "+")]
    Plus,
}

impl Bullet {
    /// The marker as written.
    pub fn marker(self) -> &'static str {
        match self {
            Bullet::Dash => "-",
            Bullet::Asterisk => "*",
            Bullet::Plus => "+",
        }
    }
}

/// The delimiter of emphasis: `*a*` or `_a_`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delimiter {
    #[default]
    #[serde(rename = "*")]
    Asterisk,
    #[serde(rename = "_")]
    Underscore,
}

/// The delimiter of strong emphasis: `**a**` or `__a__`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Strong {
    #[default]
    #[serde(rename = "**")]
    Asterisks,
    #[serde(rename = "__")]
    Underscores,
}

impl Strong {
    /// The character doubled.
    pub fn delimiter(self) -> Delimiter {
        match self {
            Strong::Asterisks => Delimiter::Asterisk,
            Strong::Underscores => Delimiter::Underscore,
        }
    }
}

/// Heading spelling: `## Title` everywhere, or setext (`Title` over `===`/`---`) for the
/// two levels setext has (the document title and the article's top headings); deeper
/// levels are ATX either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Headings {
    #[default]
    Atx,
    Setext,
}

/// The code-block fence character: backticks or tildes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fence {
    #[default]
    #[serde(rename = "```")]
    Backtick,
    #[serde(rename = "~~~")]
    Tilde,
}

impl Fence {
    /// The fence character.
    pub fn char(self) -> char {
        match self {
            Fence::Backtick => '`',
            Fence::Tilde => '~',
        }
    }
}

/// Links written inline (`[text](url)`) or as numbered references (`[text][1]`, with the
/// `[1]: url` definitions at the end of the body). Images stay inline either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Links {
    #[default]
    Inline,
    Reference,
}

/// How the Markdown is spelled. See the module documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MarkdownStyle {
    pub bullet: Bullet,
    pub emphasis: Delimiter,
    pub strong: Strong,
    pub headings: Headings,
    pub fence: Fence,
    pub links: Links,
    /// Escape `$` in page text (`\$5`), so that readers with TeX math (Obsidian, GitHub,
    /// pulldown-cmark's math) do not read `$5 and $6` as a formula. Off for readers
    /// without math, where the backslash is only noise.
    pub escape_dollar: bool,
}

impl Default for MarkdownStyle {
    fn default() -> Self {
        MarkdownStyle {
            bullet: Bullet::default(),
            emphasis: Delimiter::default(),
            strong: Strong::default(),
            headings: Headings::default(),
            fence: Fence::default(),
            links: Links::default(),
            escape_dollar: true,
        }
    }
}
