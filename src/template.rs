//! The user's templates: which front-matter fields a Markdown file carries and under which
//! names, and how the file is named. One engine for every place a file is made (the popup,
//! the library, the export, the quick actions), so a file is the same wherever it is made.
//!
//! [`Template::default`] gives exactly the file the core's own writer makes: the front matter
//! of [`crate::markdown::front_matter`] (title, author, site, type — the page type —, url,
//! published, lang, excerpt, image, saved) and the name of [`crate::download_filename`] of
//! the title. Beyond those, a template may turn on `modified`, `section`, `words`, `tags` (a
//! YAML list; written only when the clip has tags) and `created` (the date of the save
//! time), rename any field (`author` written as `by`), reorder them, or drop the front
//! matter altogether.
//!
//! The file of a selection (an article whose [`Article::from_selection`] is set: the popup's
//! download of selected text, a clip saved beside its page's article) ends its front matter
//! with `selection: true` ([`SELECTION_KEY`]), whatever the template: it says what the file
//! *is*, not a detail of the page, and the library's import reads it to keep the file a clip
//! of its URL, never its page's full article (nor a replacement of it). It is not a
//! [`Field`], so no template can drop or rename it, and no field can be renamed to it; an
//! article's file has no such line, so
//! the default template still writes exactly the core's document for every article. Without
//! front matter nothing marks the file (nor names its URL: the import refuses it).
//!
//! Every value is quoted as JSON (valid YAML) by the front-matter writer's own quoting, so no
//! page text can break out of the block; a renamed key is kept to YAML's plain-key characters.
//! File names go through [`crate::filename`]'s rules after the placeholders are filled in.

use serde::{Deserialize, Serialize};

use crate::filename::{self, EXTENSION};
use crate::markdown::front_matter::quote;
use crate::markdown::{self, MarkdownStyle};
use crate::{Article, PageType};

/// The placeholders a file-name template may use, with what they stand for. Unknown `{…}`
/// text is left as typed (and then sanitised like any other text of the name).
pub const FILENAME_PLACEHOLDERS: [&str; 7] = [
    "{title}", "{site}", "{date}", "{saved}", "{type}", "{author}", "{lang}",
];

/// The default file-name template: the title alone, as before templates existed.
pub const DEFAULT_FILENAME: &str = "{title}";

/// A renamed key keeps at most this many characters: a key is a short word, and a longer
/// one is certainly pasted text.
const MAX_KEY_CHARS: usize = 40;

/// The front-matter key, valued `true`, that marks the file of a selection (see the module
/// documentation): one plain word a person reading the file understands, unlike an id.
pub const SELECTION_KEY: &str = "selection";

/// A date (`YYYY-MM-DD`) is the first ten characters of an ISO 8601 time.
const DATE_CHARS: usize = 10;

/// A front-matter field the core can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    Byline,
    Site,
    Url,
    Published,
    Modified,
    Section,
    Lang,
    Excerpt,
    Image,
    Type,
    Words,
    Tags,
    Saved,
    Created,
}

impl Field {
    /// The field's own name (its key unless renamed).
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Byline => "author",
            Field::Site => "site",
            Field::Url => "url",
            Field::Published => "published",
            Field::Modified => "modified",
            Field::Section => "section",
            Field::Lang => "lang",
            Field::Excerpt => "excerpt",
            Field::Image => "image",
            Field::Type => "type",
            Field::Words => "words",
            Field::Tags => "tags",
            Field::Saved => "saved",
            Field::Created => "created",
        }
    }
}

/// Every field in the default order, and whether it is on by default. The first ten, on,
/// are the front matter of the core's writer (the page type among them: what kind of page a
/// clip came from is part of what it is); `tags` is on too (it writes nothing for a clip
/// without tags, so every extracted article's file is the writer's).
const DEFAULT_FIELDS: [(Field, bool); 15] = [
    (Field::Title, true),
    (Field::Byline, true),
    (Field::Site, true),
    (Field::Type, true),
    (Field::Url, true),
    (Field::Published, true),
    (Field::Lang, true),
    (Field::Excerpt, true),
    (Field::Image, true),
    (Field::Saved, true),
    (Field::Tags, true),
    (Field::Modified, false),
    (Field::Section, false),
    (Field::Words, false),
    (Field::Created, false),
];

/// One front-matter line of a template: which field, under which key, on or off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldRule {
    pub field: Field,
    /// The key written; blank means the field's own name.
    #[serde(default)]
    pub name: String,
    #[serde(default = "on")]
    pub enabled: bool,
}

fn on() -> bool {
    true
}

/// What a Markdown file looks like and how it is named.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Template {
    /// Write the front matter at all.
    pub front_matter: bool,
    /// The fields, in the order written. A field missing from the list is not written.
    pub fields: Vec<FieldRule>,
    /// The file-name template (see [`FILENAME_PLACEHOLDERS`]); a trailing `.md` is ignored.
    pub filename: String,
    /// How the Markdown is spelled. The body is spelled at extraction
    /// ([`crate::Options::markdown`], given the same style), the title heading here.
    pub markdown: MarkdownStyle,
}

impl Default for Template {
    fn default() -> Self {
        let fields = DEFAULT_FIELDS
            .iter()
            .map(|&(field, enabled)| FieldRule {
                field,
                name: field.name().to_string(),
                enabled,
            })
            .collect();
        Template {
            front_matter: true,
            fields,
            filename: DEFAULT_FILENAME.to_string(),
            markdown: MarkdownStyle::default(),
        }
    }
}

/// An article as a file is made of it: the article, plus what the library knows beside it.
/// Whether it is a selection is the article's own [`Article::from_selection`] (a record's
/// `fromSelection`, converted with the rest of the article at the WASM boundary).
#[derive(Clone, Copy, Debug)]
pub struct Clip<'a> {
    pub article: &'a Article,
    /// The page type, when known (a record saved before types existed has none).
    pub page_type: Option<PageType>,
    /// The clip's tags (the library's), in order.
    pub tags: &'a [String],
}

impl<'a> Clip<'a> {
    /// A freshly extracted article: its page type, no tags.
    pub fn of(article: &'a Article) -> Self {
        Clip {
            article,
            page_type: Some(article.page_type),
            tags: &[],
        }
    }
}

/// The whole Markdown file: the template's front matter, then `# Title` and the body exactly
/// as [`Article::to_markdown_document`] writes them. `saved_at` is the save time (`saved`).
pub fn render_document(clip: &Clip, template: &Template, saved_at: Option<&str>) -> String {
    let body = markdown::document_styled(clip.article, false, None, &template.markdown);
    if !template.front_matter {
        return body;
    }
    let mut out = front_matter(clip, template, saved_at);
    out.push('\n');
    out.push_str(&body);
    out
}

/// The front matter block alone, `---` to `---`: enabled fields with a value, in order, then
/// `selection: true` for a selection.
pub fn front_matter(clip: &Clip, template: &Template, saved_at: Option<&str>) -> String {
    let mut out = String::from("---\n");
    for rule in template.fields.iter().filter(|r| r.enabled) {
        let key = key_of(rule);
        match rule.field {
            Field::Tags => push_list(&mut out, &key, clip.tags),
            Field::Byline if clip.article.metadata.authors.len() > 1 => {
                push_list(&mut out, &key, &clip.article.metadata.authors)
            }
            field => {
                if let Some(value) = value_of(clip, field, saved_at) {
                    push_line(&mut out, &key, &value);
                }
            }
        }
    }
    if clip.article.from_selection {
        out.push_str(SELECTION_KEY);
        out.push_str(": true\n");
    }
    out.push_str("---\n");
    out
}

/// The key a rule writes: the typed name kept to letters, digits, `_` and `-` (YAML plain
/// keys), or the field's own name when nothing is left or the name is [`SELECTION_KEY`]
/// (reserved: a file never has two `selection` keys, and only a selection's says `true`).
fn key_of(rule: &FieldRule) -> String {
    let key: String = rule
        .name
        .trim()
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
        .take(MAX_KEY_CHARS)
        .collect();
    if key.is_empty() || key.eq_ignore_ascii_case(SELECTION_KEY) {
        rule.field.name().to_string()
    } else {
        key
    }
}

/// A field's value, trimmed, or None when absent or blank (absent fields are left out).
fn value_of(clip: &Clip, field: Field, saved_at: Option<&str>) -> Option<String> {
    let meta = &clip.article.metadata;
    let value = match field {
        Field::Title => meta.title.clone(),
        Field::Byline => meta.byline.clone(),
        Field::Site => meta.site_name.clone(),
        Field::Url => Some(meta.url.clone()),
        Field::Published => meta.published_time.clone(),
        Field::Modified => meta.modified_time.clone(),
        Field::Section => meta.section.clone(),
        Field::Lang => meta.lang.clone(),
        Field::Excerpt => meta.excerpt.clone(),
        Field::Image => meta.lead_image.clone(),
        Field::Type => clip.page_type.map(|t| t.name().to_string()),
        Field::Words => (meta.word_count > 0).then(|| meta.word_count.to_string()),
        Field::Saved => saved_at.map(str::to_string),
        Field::Created => saved_at.map(date_of),
        Field::Tags => None,
    }?;
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

fn push_line(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(": ");
    out.push_str(&quote(value));
    out.push('\n');
}

/// `key:` then one `  - "item"` line per non-blank item; nothing at all for no items.
fn push_list(out: &mut String, key: &str, items: &[String]) {
    let items: Vec<&str> = items
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if items.is_empty() {
        return;
    }
    out.push_str(key);
    out.push_str(":\n");
    for item in items {
        out.push_str("  - ");
        out.push_str(&quote(item));
        out.push('\n');
    }
}

/// The first ten characters (`YYYY-MM-DD`) of an ISO time, or the whole text if shorter.
fn date_of(time: &str) -> String {
    time.trim().chars().take(DATE_CHARS).collect()
}

/// The download file name: the template's placeholders filled in, then the rules of
/// [`filename::download_filename`] (illegal characters, length, `.md`). The default template
/// gives exactly `download_filename(title)`, where the title falls back to the site name,
/// then the URL.
pub fn render_filename(clip: &Clip, template: &Template, saved_at: Option<&str>) -> String {
    let pattern = template.filename.trim();
    let pattern = pattern.strip_suffix(EXTENSION).unwrap_or(pattern);
    let pattern = if pattern.is_empty() {
        DEFAULT_FILENAME
    } else {
        pattern
    };
    filename::download_filename(&fill(pattern, clip, saved_at))
}

/// `pattern` with every known placeholder replaced by its value (blank when absent).
fn fill(pattern: &str, clip: &Clip, saved_at: Option<&str>) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        match FILENAME_PLACEHOLDERS.iter().find(|p| tail.starts_with(*p)) {
            Some(placeholder) => {
                out.push_str(&placeholder_value(placeholder, clip, saved_at));
                rest = &tail[placeholder.len()..];
            }
            None => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn placeholder_value(placeholder: &str, clip: &Clip, saved_at: Option<&str>) -> String {
    let meta = &clip.article.metadata;
    let text = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or_default().to_string();
    match placeholder {
        "{title}" => title_or_fallback(clip),
        "{site}" => text(&meta.site_name),
        "{date}" => meta
            .published_time
            .as_deref()
            .map(date_of)
            .unwrap_or_default(),
        "{saved}" => saved_at.map(date_of).unwrap_or_default(),
        "{type}" => clip
            .page_type
            .map(|t| t.name().to_string())
            .unwrap_or_default(),
        "{author}" => text(&meta.byline),
        "{lang}" => text(&meta.lang),
        _ => String::new(),
    }
}

/// The title, else the site name, else the URL (a file is never named by nothing), as the
/// extension always named files.
fn title_or_fallback(clip: &Clip) -> String {
    let meta = &clip.article.metadata;
    meta.title
        .as_deref()
        .or(meta.site_name.as_deref())
        .unwrap_or(meta.url.as_str())
        .to_string()
}

/// A sub-folder of Downloads for a download (`"Readmark/clips"`): each `/`- or `\`-separated
/// part made safe by the file-name rules (without the `.md`), empty parts and `.`/`..`
/// dropped; empty when no part is left.
pub fn download_folder(folder: &str) -> String {
    folder
        .split(['/', '\\'])
        .map(str::trim)
        .filter(|part| !part.is_empty() && !part.chars().all(|c| c == '.'))
        .map(|part| {
            let name = filename::download_filename(part);
            name.strip_suffix(EXTENSION).unwrap_or(&name).to_string()
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The path a download is given: `folder/name`, or the name alone without a folder.
pub fn download_path(folder: &str, name: &str) -> String {
    let folder = download_folder(folder);
    if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}
