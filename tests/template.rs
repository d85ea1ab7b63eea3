//! The template engine (`src/template.rs`): the default template makes exactly the file and
//! the file name the core always made, on every Readability corpus page and the Panorama
//! fixture; renamed, reordered, added and dropped fields; tags as a YAML list; file-name
//! placeholders; download folders; the `selection: true` line of a selection's file.

use std::fs;
use std::path::{Path, PathBuf};

use dom_query::Document;
use readmark::template::{self, Clip, Field, FieldRule, SELECTION_KEY, Template};
use readmark::{Article, Options, PageType, download_filename, extract_html};

/// Base URL of the Readability test pages (as the other corpus tests use it).
const READABILITY_URL: &str = "http://fakehost/test/page.html";
const PANORAMA_URL: &str =
    "https://www.panorama.am/en/news/2020/10/31/Human-Rights-Defenders/2381016";
const SAVED: &str = "2026-12-02T03:04:05.678Z";

fn read(path: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Every page the core finds an article in: the Readability corpus and the Panorama fixture.
fn corpus_articles() -> Vec<(String, Article)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut dirs: Vec<PathBuf> = fs::read_dir(root.join("corpus/readability"))
        .expect("the Readability corpus is there")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").exists())
        .collect();
    dirs.sort();
    let mut pages: Vec<(String, String, String)> = dirs
        .iter()
        .map(|d| {
            (
                d.display().to_string(),
                read(&d.join("source.html")),
                READABILITY_URL.to_string(),
            )
        })
        .collect();
    pages.push((
        "panorama".into(),
        read(&root.join("fixtures/panorama/source.html")),
        PANORAMA_URL.into(),
    ));
    pages
        .into_iter()
        .filter_map(|(name, html, url)| {
            extract_html(&html, &url, &Options::default())
                .ok()
                .map(|a| (name, a))
        })
        .collect()
}

fn panorama() -> Article {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/panorama/source.html");
    extract_html(&read(&root), PANORAMA_URL, &Options::default())
        .expect("the Panorama article is found")
}

/// The default template with `field` turned on or off and written as `name`.
fn with_rule(mut t: Template, field: Field, name: &str, enabled: bool) -> Template {
    let rule = t
        .fields
        .iter_mut()
        .find(|r| r.field == field)
        .expect("every field is in the default list");
    rule.name = name.to_string();
    rule.enabled = enabled;
    t
}

fn front_matter_keys(document: &str) -> Vec<String> {
    let block = document
        .strip_prefix("---\n")
        .and_then(|d| d.split_once("\n---\n"))
        .map(|(b, _)| b)
        .unwrap_or_default();
    block
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.to_string()))
        .collect()
}

#[test]
fn default_template_is_byte_identical_to_the_core_on_every_corpus_page() {
    let articles = corpus_articles();
    assert!(
        articles.len() >= 120,
        "most corpus pages give an article ({} did)",
        articles.len()
    );
    let template = Template::default();
    for (name, article) in &articles {
        let clip = Clip::of(article);
        for saved in [Some(SAVED), None] {
            let expected = article.to_markdown_document(true, saved);
            assert_eq!(
                template::render_document(&clip, &template, saved),
                expected,
                "{name}: document (saved {saved:?})"
            );
        }
        let title = article
            .metadata
            .title
            .as_deref()
            .or(article.metadata.site_name.as_deref())
            .unwrap_or(&article.metadata.url);
        assert_eq!(
            template::render_filename(&clip, &template, Some(SAVED)),
            download_filename(title),
            "{name}: file name"
        );
    }
}

#[test]
fn the_default_front_matter_names_the_page_type_after_the_site() {
    // The Panorama page names no author, so its front matter has every default key but that
    // one; a corpus page with a byline shows where the author goes.
    let article = panorama();
    assert!(
        article.metadata.authors.is_empty(),
        "Panorama names no author"
    );
    let doc = template::render_document(&Clip::of(&article), &Template::default(), Some(SAVED));
    assert_eq!(
        front_matter_keys(&doc),
        [
            "title",
            "site",
            "type",
            "url",
            "published",
            "lang",
            "excerpt",
            "image",
            "saved"
        ],
        "{doc}"
    );
    let (name, bylined) = corpus_articles()
        .into_iter()
        .find(|(_, a)| !a.metadata.authors.is_empty() && a.metadata.site_name.is_some())
        .expect("some corpus page has a byline and a site name");
    let doc = template::render_document(&Clip::of(&bylined), &Template::default(), Some(SAVED));
    let keys = front_matter_keys(&doc);
    assert_eq!(
        &keys[..3],
        ["title", "author", "site"],
        "{name}: the author follows the title: {doc}"
    );
    let doc = template::render_document(&Clip::of(&article), &Template::default(), Some(SAVED));
    assert!(doc.contains("\ntype: \"article\"\n"), "{doc}");
    for (name, article) in corpus_articles() {
        let doc = template::render_document(&Clip::of(&article), &Template::default(), None);
        let line = format!("\ntype: \"{}\"\n", article.page_type.name());
        assert!(doc.contains(&line), "{name}: no {line:?} in {doc}");
    }
}

/// The Panorama page with its first long paragraph selected, extracted as the browser's
/// capture sends it: the article of that selection.
fn panorama_selection() -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/panorama/source.html");
    let doc = Document::from(read(&path).as_str());
    let paragraphs = doc.select("body p");
    let chosen = paragraphs
        .nodes()
        .iter()
        .find(|p| p.text().len() > 200)
        .expect("a long paragraph");
    let json = readmark_tools::snapshot::encode(&doc, PANORAMA_URL, Some(chosen));
    readmark::extract_snapshot(&json, &Options::default()).expect("the selection's article")
}

#[test]
fn a_selection_s_file_ends_its_front_matter_with_selection_true_whatever_the_template() {
    let selection = panorama_selection();
    assert!(selection.from_selection);
    let line = format!("{SELECTION_KEY}: true\n---\n");
    let doc = template::render_document(&Clip::of(&selection), &Template::default(), Some(SAVED));
    assert!(
        doc.starts_with("---\ntitle: ") && doc.contains(&line),
        "{doc}"
    );
    // Only the line differs from the core's own document of the same selection.
    let core = selection.to_markdown_document(true, Some(SAVED));
    assert_eq!(
        doc.replacen(&format!("{SELECTION_KEY}: true\n"), "", 1),
        core
    );
    // No template drops it: with every field off the front matter is that line alone.
    let mut bare = Template::default();
    bare.fields.iter_mut().for_each(|r| r.enabled = false);
    let doc = template::render_document(&Clip::of(&selection), &bare, Some(SAVED));
    assert!(doc.starts_with(&format!("---\n{line}\n# ")), "{doc}");
    // The key is reserved: `saved` renamed to it is written as `saved`, the line comes once.
    let renamed = with_rule(Template::default(), Field::Saved, "Selection", true);
    for article in [&selection, &panorama()] {
        let doc = template::render_document(&Clip::of(article), &renamed, Some(SAVED));
        let keys = front_matter_keys(&doc);
        assert!(keys.contains(&"saved".to_string()), "{doc}");
        let marks = keys.iter().filter(|k| k.as_str() == SELECTION_KEY).count();
        assert_eq!(marks, usize::from(article.from_selection), "{doc}");
    }
    // The whole page's article has none, and no front matter means no line at all.
    let whole = panorama();
    assert!(!whole.from_selection);
    let doc = template::render_document(&Clip::of(&whole), &Template::default(), Some(SAVED));
    assert!(
        !front_matter_keys(&doc).contains(&SELECTION_KEY.to_string()),
        "{doc}"
    );
    let off = Template {
        front_matter: false,
        ..Template::default()
    };
    let doc = template::render_document(&Clip::of(&selection), &off, Some(SAVED));
    assert_eq!(doc, selection.to_markdown_document(false, None));
}

#[test]
fn without_front_matter_the_document_is_the_core_s_document_without_it() {
    let article = panorama();
    let template = Template {
        front_matter: false,
        ..Template::default()
    };
    let got = template::render_document(&Clip::of(&article), &template, Some(SAVED));
    assert_eq!(got, article.to_markdown_document(false, None));
    assert!(got.starts_with("# "), "{}", &got[..40]);
}

#[test]
fn a_renamed_field_is_written_under_its_new_key_in_place() {
    let (name, article) = corpus_articles()
        .into_iter()
        .find(|(_, a)| a.metadata.byline.is_some())
        .expect("a corpus page has a byline");
    let template = with_rule(Template::default(), Field::Byline, "author", true);
    let doc = template::render_document(&Clip::of(&article), &template, Some(SAVED));
    let keys = front_matter_keys(&doc);
    assert_eq!(keys[..2], ["title", "author"], "{name}: {doc}");
    assert!(!keys.contains(&"byline".to_string()));
    let byline = article.metadata.byline.as_deref().unwrap_or_default();
    assert!(
        doc.contains(&format!(
            "author: {}\n",
            serde_json::to_string(byline).unwrap_or_default()
        )),
        "{doc}"
    );
}

#[test]
fn a_field_turned_off_is_left_out_and_extra_fields_are_written_when_on() {
    let article = panorama();
    let mut template = with_rule(Template::default(), Field::Excerpt, "excerpt", false);
    template = with_rule(template, Field::Type, "type", true);
    template = with_rule(template, Field::Created, "created", true);
    template = with_rule(template, Field::Words, "words", true);
    let doc = template::render_document(&Clip::of(&article), &template, Some(SAVED));
    let keys = front_matter_keys(&doc);
    assert!(!keys.contains(&"excerpt".to_string()), "{doc}");
    assert!(doc.contains("type: \"article\"\n"), "{doc}");
    assert!(doc.contains("created: \"2026-12-02\"\n"), "{doc}");
    assert!(
        doc.contains(&format!("words: \"{}\"\n", article.metadata.word_count)),
        "{doc}"
    );
    // The body is untouched.
    assert!(doc.ends_with(&article.to_markdown_document(false, None)));
}

#[test]
fn page_type_absent_is_omitted() {
    let article = panorama();
    let template = with_rule(Template::default(), Field::Type, "kind", true);
    let clip = Clip {
        article: &article,
        page_type: None,
        tags: &[],
    };
    let doc = template::render_document(&clip, &template, Some(SAVED));
    assert!(
        !front_matter_keys(&doc).contains(&"kind".to_string()),
        "{doc}"
    );
    let forum = Clip {
        page_type: Some(PageType::Forum),
        ..clip
    };
    assert!(
        template::render_document(&forum, &template, Some(SAVED)).contains("kind: \"forum\"\n")
    );
}

#[test]
fn tags_are_a_yaml_list_of_quoted_strings_and_absent_without_tags() {
    let article = panorama();
    let tags = vec![
        "armenia".to_string(),
        "human \"rights\"".to_string(),
        "  ".to_string(),
    ];
    let clip = Clip {
        article: &article,
        page_type: Some(article.page_type),
        tags: &tags,
    };
    let template = with_rule(Template::default(), Field::Tags, "keywords", true);
    let doc = template::render_document(&clip, &template, Some(SAVED));
    assert!(doc.contains("saved: \"2026-12-02T03:04:05.678Z\"\nkeywords:\n  - \"armenia\"\n  - \"human \\\"rights\\\"\"\n---\n"), "{doc}");
    let untagged = template::render_document(&Clip::of(&article), &template, Some(SAVED));
    assert!(!untagged.contains("keywords"), "{untagged}");
}

#[test]
fn a_renamed_key_cannot_break_out_of_the_front_matter() {
    let article = panorama();
    let template = with_rule(Template::default(), Field::Title, "x: y\n---\n# evil", true);
    let doc = template::render_document(&Clip::of(&article), &template, Some(SAVED));
    let keys = front_matter_keys(&doc);
    assert_eq!(keys[0], "x_y_---__evil", "{doc}");
    assert_eq!(doc.matches("\n---\n").count(), 1, "one closing line: {doc}");
    let blank = with_rule(Template::default(), Field::Title, " :: ", true);
    assert_eq!(
        front_matter_keys(&template::render_document(
            &Clip::of(&article),
            &blank,
            Some(SAVED)
        ))[0],
        "title"
    );
}

#[test]
fn fields_are_written_in_the_template_s_order() {
    let article = panorama();
    let fields = vec![
        FieldRule {
            field: Field::Url,
            name: "source".into(),
            enabled: true,
        },
        FieldRule {
            field: Field::Title,
            name: String::new(),
            enabled: true,
        },
    ];
    let template = Template {
        fields,
        ..Template::default()
    };
    let doc = template::render_document(&Clip::of(&article), &template, Some(SAVED));
    assert_eq!(front_matter_keys(&doc), ["source", "title"], "{doc}");
}

#[test]
fn file_name_placeholders_are_filled_then_sanitised() {
    let article = panorama();
    let meta = &article.metadata;
    let clip = Clip::of(&article);
    let named = |pattern: &str| {
        let t = Template {
            filename: pattern.to_string(),
            ..Template::default()
        };
        template::render_filename(&clip, &t, Some(SAVED))
    };
    let title = meta.title.clone().unwrap_or_default();
    let site = meta.site_name.clone().expect("the fixture names its site");
    let date = meta
        .published_time
        .as_deref()
        .map(|d| d[..10].to_string())
        .expect("the fixture is dated");
    assert_eq!(
        named("{date} {title}"),
        download_filename(&format!("{date} {title}"))
    );
    assert_eq!(
        named("{site} - {title}.md"),
        download_filename(&format!("{site} - {title}"))
    );
    assert_eq!(named("{type}/{saved}"), "article-2026-12-02.md");
    assert_eq!(
        named("{nope} {title}"),
        download_filename(&format!("{{nope}} {title}"))
    );
    assert_eq!(named("   "), download_filename(&title));
    assert!(named(&"{title}".repeat(20)).len() <= readmark::internals::MAX_STEM_BYTES + 3);
    let untitled = Article {
        metadata: readmark::Metadata {
            url: "https://example.com/a".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let t = Template {
        filename: "{author}{date}".into(),
        ..Template::default()
    };
    assert_eq!(
        template::render_filename(&Clip::of(&untitled), &t, None),
        "article.md"
    );
}

#[test]
fn download_folders_are_made_safe_part_by_part() {
    assert_eq!(template::download_path("", "a.md"), "a.md");
    assert_eq!(template::download_path("Readmark", "a.md"), "Readmark/a.md");
    assert_eq!(
        template::download_path(" Clips / News: today\\ ", "a.md"),
        "Clips/News- today/a.md"
    );
    assert_eq!(
        template::download_path("../../etc/./x", "a.md"),
        "etc/x/a.md"
    );
    assert_eq!(template::download_path("/ / ", "a.md"), "a.md");
    assert_eq!(template::download_path("con", "a.md"), "_con/a.md");
}

#[test]
fn a_partial_template_object_takes_the_defaults_for_what_it_leaves_out() {
    let t: Template = serde_json::from_str(r#"{"filename":"{site} {title}"}"#)
        .expect("a partial template parses");
    assert_eq!(t.fields, Template::default().fields);
    assert!(t.front_matter);
    let t: Template =
        serde_json::from_str(r#"{"fields":[{"field":"byline","name":"author"}]}"#).expect("parses");
    assert!(t.fields[0].enabled);
    assert!(
        serde_json::from_str::<Template>(r#"{"fields":[{"field":"nope"}]}"#).is_err(),
        "an unknown field is an error"
    );
}
