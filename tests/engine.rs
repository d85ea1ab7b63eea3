//! Behaviour of the article finder on small pages built to exercise one rule each.

use readmark::{Error, Options, extract_html};

const URL: &str = "https://news.example/2026/11/28/story";

/// Eight short article paragraphs (one point each) next to a comma-heavy legal notice that
/// outscores them: only the page's own declaration can tell the article apart.
fn contested_page(article_attrs: &str, head_extra: &str) -> String {
    let paragraphs: String = (1..=8)
        .map(|i| format!("<p>Paragraph number {i} of the real story goes here.</p>"))
        .collect();
    let legal = format!(
        "<p>{}</p>",
        "This notice applies, in full, to all content, pages, tools, apps, feeds, ".repeat(10)
    )
    .repeat(3);
    format!(
        "<html><head><title>Story</title>{head_extra}</head><body>\
         <div><div class=\"story\" {article_attrs}>{paragraphs}</div></div>\
         <div><div class=\"notice\">{legal}</div></div></body></html>"
    )
}

fn story_text() -> String {
    (1..=8)
        .map(|i| format!("Paragraph number {i} of the real story goes here."))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn without_a_declaration_the_comma_heavy_notice_wins() {
    // The control: proves the two tests below are decided by the declarations.
    let article =
        extract_html(&contested_page("", ""), URL, &Options::default()).expect("an article");
    assert!(
        article.text.contains("This notice applies"),
        "{}",
        article.text
    );
    assert!(
        !article.text.contains("Paragraph number 1"),
        "{}",
        article.text
    );
}

#[test]
fn itemprop_article_body_overrules_scores_that_lie_outside_it() {
    let html = contested_page("itemprop=\"articleBody\"", "");
    let article = extract_html(&html, URL, &Options::default()).expect("an article");
    assert!(
        article.text.contains("Paragraph number 1") && article.text.contains("Paragraph number 8")
    );
    assert!(
        !article.text.contains("This notice applies"),
        "{}",
        article.text
    );
}

#[test]
fn json_ld_article_body_locates_the_article() {
    let json_ld = serde_json::json!({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Story",
        "articleBody": story_text(),
    });
    let head = format!("<script type=\"application/ld+json\">{json_ld}</script>");
    let article =
        extract_html(&contested_page("", &head), URL, &Options::default()).expect("an article");
    assert!(
        article.text.contains("Paragraph number 1") && article.text.contains("Paragraph number 8")
    );
    assert!(
        !article.text.contains("This notice applies"),
        "{}",
        article.text
    );
}

#[test]
fn hidden_and_snapshot_hidden_blocks_are_not_article() {
    let para = "A sentence of the visible article, long enough to count, with a comma. ";
    let html = format!(
        "<html><body><article><p>{p}</p><p>{p}</p><p>{p}</p>\
         <p style=\"display: none\">Hidden by style text.</p><p hidden>Hidden attribute text.</p>\
         <p data-rm-hidden>Computed-hidden text.</p><p aria-hidden=\"true\">Aria-hidden text.</p>\
         <p>{p}</p></article></body></html>",
        p = para.repeat(3)
    );
    let article = extract_html(&html, URL, &Options::default()).expect("an article");
    for hidden in [
        "Hidden by style",
        "Hidden attribute",
        "Computed-hidden",
        "Aria-hidden",
    ] {
        assert!(
            !article.text.contains(hidden),
            "{hidden} leaked: {}",
            article.text
        );
    }
    assert_eq!(article.text.lines().count(), 4);
}

#[test]
fn retry_ladder_keeps_an_article_in_an_unlikely_container() {
    // "sidebar" makes the only content unlikely: the first attempt strips it, a retry keeps it.
    let para = "The only text of the page sits in a box named like a sidebar, with commas, here. ";
    let html = format!(
        "<html><body><div class=\"sidebar\"><p>{}</p><p>{}</p></div></body></html>",
        para.repeat(4),
        para.repeat(4)
    );
    let article = extract_html(&html, URL, &Options::default()).expect("the retry finds it");
    assert!(article.text.contains("The only text of the page"));
}

#[test]
fn cjk_text_counts_by_characters() {
    let para = "日本語の記事の本文です。これは十分な長さの段落で、読みやすい文章になっています。"
        .repeat(4);
    let html = format!(
        "<html><body><nav><a href=/a>ホーム</a></nav><div><p>{para}</p><p>{para}</p><p>{para}</p></div></body></html>"
    );
    let article = extract_html(&html, URL, &Options::default()).expect("an article");
    assert_eq!(article.text.lines().count(), 3);
    assert!(!article.text.contains("ホーム"));
    assert!(
        article.metadata.word_count > 100,
        "CJK characters count as words: {}",
        article.metadata.word_count
    );
}

#[test]
fn furniture_inside_the_article_is_removed() {
    let para = "The council approved the budget on Tuesday, after a long debate, with nine votes. ";
    let html = format!(
        "<html><head><title>Council approves the city budget for next year | City News</title></head><body><article>\
         <h1>Council approves the city budget for next year</h1><p>Published: 10:48, Tue, Nov 19, 2019</p>\
         <p>{p}</p><p>READ MORE: <a href=/other>Mayor resigns</a></p><p>{p}</p>\
         <h3>Don't miss</h3><ul><li><a href=/x>Story one about something</a></li><li><a href=/y>Story two about something</a></li></ul>\
         <p>{p}</p><p>858 shares</p><div><p>We use cookies to improve your experience.</p></div><p>Найдёте ошибку? Выделите её и нажмите Ctrl-Enter.</p></article></body></html>",
        p = para.repeat(2)
    );
    let article = extract_html(&html, URL, &Options::default()).expect("an article");
    assert_eq!(
        article.metadata.title.as_deref(),
        Some("Council approves the city budget for next year")
    );
    for furniture in [
        "Council approves the city",
        "Published",
        "READ MORE",
        "Mayor resigns",
        "Don't miss",
        "Story one",
        "858 shares",
        "Ctrl-Enter",
        "cookies",
    ] {
        assert!(
            !article.text.contains(furniture),
            "{furniture:?} leaked:\n{}",
            article.text
        );
    }
    assert_eq!(article.text.lines().count(), 3, "{}", article.text);
}

#[test]
fn a_page_without_text_is_no_article() {
    let html = "<html><body><div><img src=/x.png></div><script>var text = 'not content';</script></body></html>";
    let result = extract_html(html, URL, &Options::default());
    assert!(matches!(result, Err(Error::NoArticle(_))), "{result:?}");
}

#[test]
fn a_page_without_an_article_still_names_itself() {
    // A thread whose posts a script fills in: the saved HTML has its metadata and no post.
    let html = r#"<html lang="en"><head><title>Which telescope first? - Stargazers Forum</title>
        <meta property="og:title" content="Which telescope first?">
        <meta property="og:site_name" content="Stargazers Forum">
        <meta name="description" content="Advice for a first telescope under 500 dollars.">
        </head><body><div id="app"></div><script src="/app.js"></script></body></html>"#;
    let Err(Error::NoArticle(page)) = extract_html(html, URL, &Options::default()) else {
        panic!("expected NoArticle");
    };
    assert_eq!(
        page.metadata.title.as_deref(),
        Some("Which telescope first?")
    );
    assert_eq!(page.metadata.site_name.as_deref(), Some("Stargazers Forum"));
    assert_eq!(
        page.metadata.excerpt.as_deref(),
        Some("Advice for a first telescope under 500 dollars.")
    );
    assert_eq!(page.metadata.lang.as_deref(), Some("en"));
    assert_eq!(page.metadata.word_count, 0);
    let json = serde_json::to_value(&*page).unwrap();
    assert_eq!(json["title"], "Which telescope first?");
    assert!(json.get("pageType").is_some(), "{json}");
}

#[test]
fn photo_credits_go_but_images_and_captions_stay() {
    let para = "The river rose overnight, flooding the lower town, and crews worked until dawn. ";
    let html = format!(
        "<html><body><article><p>{p}</p><div class=\"photo\"><img src=\"/flood.jpg\" alt=\"Flooded street\">\
         <span class=\"newsCaption\">Water covers Main Street <span class=\"caption\">(Image: GETTY )</span></span></div>\
         <p>{p}</p><p>Sonu Mehta/Hindustan Times/Getty Images</p><p>{p}</p></article></body></html>",
        p = para.repeat(2)
    );
    let article = extract_html(&html, URL, &Options::default()).expect("an article");
    assert!(
        article.text.contains("Water covers Main Street"),
        "{}",
        article.text
    );
    assert!(
        !article.text.contains("GETTY") && !article.text.contains("Getty Images"),
        "{}",
        article.text
    );
    assert!(
        article
            .markdown
            .contains("![Flooded street](https://news.example/flood.jpg)"),
        "{}",
        article.markdown
    );
}

/// Entries of an index, each a linked title and a one-line summary (`src/extract/clean.rs`
/// keeps them when they make up the article); set into a long article they are furniture.
fn entries(n: usize) -> String {
    let topics = ["templates", "triggers", "runners", "steps"];
    topics[..n]
        .iter()
        .map(|t| {
            format!(
                "<div class=\"entry card\"><h2><a href=\"/docs/workflows/{t}\">Choosing workflow {t}</a></h2>\
                 <div class=\"summary\"><p>You can configure the {t} of a workflow run, and share them.</p></div></div>"
            )
        })
        .collect()
}

#[test]
fn linked_entries_beside_a_long_article_are_not_kept_as_entries() {
    let para = "The council approved the budget on Tuesday, after a long debate, with nine votes, \
                and the mayor said the city would now start the work it had promised. ";
    let html = format!(
        "<html><head><title>Council approves the budget - City News</title></head><body>\
         <div class=\"story\"><h1>Council approves the budget</h1><p>{p}</p><p>{p}</p><p>{p}</p><p>{p}</p>\
         <div class=\"list\">{}</div></div></body></html>",
        entries(3),
        p = para.repeat(2)
    );
    let article = extract_html(&html, URL, &Options::default()).expect("an article");
    assert!(article.text.contains("the mayor said"), "{}", article.text);
    assert!(
        !article.text.contains("Choosing workflow"),
        "the entries stayed:\n{}",
        article.text
    );
}
