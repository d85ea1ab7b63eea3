//! The quality gate: the corpus is the spec. Every page is extracted and scored on what the
//! user gets — the Markdown body, through the reference scorer's Markdown-to-text step — with
//! the same code as `readmark eval`, which agrees with the reference scorer (`tools/tests/eval.rs`):
//!
//! * the Readability and ScrapingHub-dev pages with ScrapingHub's shingle metric, on the
//!   Markdown and, so that no earlier promise is lowered, on `article.text` too;
//! * WCXB (word metric, F1 overall and per page type) on the vendored 70-page sample always,
//!   and on the whole development split `../shared/corpora/wcxb-dev` when it is there (CI
//!   has it; without it a loud line says only the sample was tested).
//!
//! The floors are ratchets: each is the level measured with the engine of its date, rounded
//! down to 3 decimals, and is only ever raised.

use std::path::{Path, PathBuf};

use readmark::Options;
use readmark_tools::eval::Metric;
use readmark_tools::eval::corpus::{self, Corpus, Output};
use readmark_tools::eval::report::{Outcome, corpus_f1, render, word_summary};

// ---------------------------------------------------------------- floors

/// Readability's own test pages, Markdown body (Reader View's output is the truth here).
/// Measured 2026-12-02: 0.9721 when this gate first scored Markdown, 0.984 after issue 10's
/// Markdown work (the text scores 0.986; issue 8 wants the Markdown ≥ 0.985), 0.986 once the
/// footnotes' leading back marker stayed on the label line (0.98557 at the end of the day).
const READABILITY_MARKDOWN_F1_FLOOR: f64 = 0.985;
/// The same pages on `article.text`: the floor this gate held before it scored Markdown.
const READABILITY_TEXT_F1_FLOOR: f64 = 0.97;
/// Human-annotated news pages, Markdown body. Measured 2026-12-02: 0.9653, as on the text,
/// then 0.966 with page types and the second opinion (issue 8's target: 0.965).
const SCRAPINGHUB_MARKDOWN_F1_FLOOR: f64 = 0.965;
/// The same pages on `article.text`: the floor this gate held before it scored Markdown
/// (Readability.js scores 0.947 on the full benchmark).
const SCRAPINGHUB_TEXT_F1_FLOOR: f64 = 0.95;

/// Word-F1 floors of a WCXB corpus: overall, per page type, and the most pages allowed to
/// end in an error ("no article found": for a clipper, a click that did nothing).
struct WcxbFloors {
    all: f64,
    by_type: [(&'static str, f64); 7],
    max_failures: usize,
}

/// The measured level of 2026-12-02 on the 1,497 pages of `../shared/corpora/wcxb-dev`
/// (Markdown, rounded down), after page types, the main region and the second opinions
/// (issue 8): overall 0.839, 13 pages without an article (before: 0.7738, 36); then product
/// 0.607 -> 0.619 and listing 0.644 -> 0.645 once a product page drops the other products
/// around it (`extract::product`), overall 0.840. Issue 8's
/// targets: 0.87 overall, 0.95 on articles, and rs-trafilatura's published dev figures for
/// the rest (documentation 0.932, service 0.844, forum 0.808, collection 0.716, listing
/// 0.707, product 0.641). Forum raised after the thread furniture work (issue 8:
/// `extract/forum.rs`): forum 0.749 -> 0.790, overall 0.842. Then, with thread evidence
/// from phpBB/vBulletin URLs and marked-up comments, and a region emptied by cleaning
/// giving way to the container on pages of a non-prose kind: overall 0.8434, 12 pages
/// without an article. Collection 0.636 -> 0.650 once a listing's or shop grid's region
/// loses its cards' screen-reader text, badges and buttons (`extract/listing.rs`), 0.651
/// (listing 0.646) once every main region does. Then service pages named from what they
/// lack and have (no date, no author, a call to action; `/services/` paths; `Service`-like
/// types): service 0.7813 -> 0.8139, product 0.620 -> 0.6248, overall 0.8475; all merged
/// (with the hardening rewrite of conditional cleaning, same output): overall 0.849142.
/// Then headings kept whatever their class says (`code-header`), blocks said twice kept
/// once on products and threads (`extract/repeats.rs`), hidden tab panels shown
/// (`extract/prepare.rs`): documentation 0.9208 -> 0.9313, forum 0.7909 -> 0.7986,
/// product 0.6254 -> 0.6342, article 0.9442 -> 0.9445, overall 0.851885.
/// Listing 0.6462 -> 0.6614 once indexes that call themselves articles are named listings
/// (`classify`) and cards lose their bylines and dates (`listing`). Both together, merged:
/// overall 0.853264, article 0.945177, service 0.821131. Then the main region preferred
/// to a prose container that is one card of a run of linked cards at an index's address, or
/// one section of a region with almost no links (`choose`): listing 0.6614 -> 0.6894,
/// article 0.9452 -> 0.9482, service 0.8211 -> 0.8235, product 0.6343 -> 0.6360, overall
/// 0.857093.
/// On its own branch, a product's region lost the
/// screen-reader text, badges and buttons, the menus and what precedes the product's name
/// (`extract/product.rs`): product 0.6343 -> 0.6440, listing 0.6614 -> 0.6683, collection
/// 0.6523 -> 0.6542; article 0.945177 -> 0.945511 once a labelled table of contents goes
/// (`extract/boilerplate.rs`). On its own branch, forum 0.798986 -> 0.807026 once threads
/// lose share rows, counters, notices and reply forms and keep their authors' names and
/// post dates (`extract/forum.rs`). All merged: overall 0.859349, article 0.948505,
/// collection 0.654476, forum 0.807103, listing 0.696214, product 0.645706, service 0.824182.
/// Then (one session, each idea measured on its own against the tree before it): streamed
/// segments put in place (`extract/streamed.rs`: 18 pages changed, net +3.48 page-F1,
/// listing -0.85 on one page whose truth ignores the streamed sections), prices no longer
/// taken for date lines (collection and product), the run of sections' introduction and the
/// text between kept siblings (`find_article::gather_siblings`: service +0.40), a data
/// table whose class says `sticky-header` (listing +0.37 on one page), and the stub
/// container of a declared article (`choose::is_stub`: 3 pages, net +1.46): overall
/// 0.864321, article 0.951181, collection 0.683840, documentation 0.931884, forum 0.807103,
/// listing 0.699269, product 0.654952, service 0.826794, 10 failures. Then cookie and
/// consent notices made chrome at any length (`extract/region.rs`: 5 pages up, none down,
/// net +1.585): overall 0.8654, collection 0.6855, forum 0.8131, listing 0.7058, product
/// 0.6556. Then, at an address that can be an index's, a prose container holding under 65%
/// of a region with at most 20 links gives way to the region (`choose::is_section`: 11
/// pages better, none worse): service 0.8268 -> 0.8378, listing 0.6993 -> 0.7059,
/// collection 0.6839 -> 0.6871, product 0.6550 -> 0.6575, article 0.9512 -> 0.9515,
/// overall 0.8643 -> 0.8666. A form wrapping a thread's posts read as a `div`
/// (`extract/prepare.rs`): forum +0.858 on one page. All merged (2026-12-03): overall
/// 0.868245, article 0.951536, collection 0.688590, documentation 0.931884, forum
/// 0.820658, listing 0.712535, product 0.658108, service 0.837804, 10 failures. Then indexes
/// of dated cards named listings even when they ask the reader to act (`classify`: 2 pages
/// up, none down, net +0.398): listing 0.716549, overall 0.868509. Then a run of
/// same-class entries holding half the article's text kept through the link-density check
/// (`extract/clean.rs`, 2026-12-03: 8 pages up, 2 down, net +0.492): documentation
/// 0.931884 -> 0.936320 (issue 8's 0.932 met), listing 0.716616, article 0.951636, overall
/// 0.868837. Then collapsed disclosure panels (FAQ answers, accordions) shown like closed
/// tabs (`extract/prepare.rs`, 18 pages up, 1 down, net +2.735): service 0.837804 ->
/// 0.843869, product 0.658108 -> 0.669547, collection 0.688590 -> 0.690898, article
/// 0.951767, overall 0.870665. Then a hidden block right after a visible question shown
/// as its answer (same file, 11 pages up, 3 down, net +1.143): service 0.845980, product
/// 0.673041, listing 0.719961, article 0.951830, overall 0.871430. Then a whole section
/// (or a run of different blocks) laid out twice kept once on every kind but documentation
/// (`extract/repeats.rs`, 53 pages up, 13 down, net +1.655): overall 0.872536, article
/// 0.952385, collection 0.693659, listing 0.722977, product 0.674216, service 0.848686;
/// ScrapingHub-dev 0.965425 -> 0.965732, Readability unchanged (0.985360). Then inline
/// siblings whose words the style sheet lays apart given a space (`extract/clean.rs`, 33
/// pages up, 37 down: the downs are noise words the truth lacks, now two words instead of
/// one glued word; Readability 0.985360 -> 0.985231, its expected text glues "CreditChang")
/// and a "Tags" label dropped with its links (`extract/boilerplate.rs`, 13 up, none down):
/// overall 0.873034, article 0.952408, collection 0.697165, documentation 0.936431,
/// listing 0.725454, product 0.674027, service 0.849170. Then a script's error messages
/// ("Please try again") made furniture (`extract/patterns.rs`, 11 pages up, none down, net
/// +0.116): overall 0.873111, article 0.952444, listing 0.725941, product 0.674307, service
/// 0.849200 (every type at or above its level before these three rules). Then lone labels
/// ("Sponsored", "Jump to latest", "Related posts" with its list; 23 pages up, none down, net
/// +0.083): overall 0.873164, article 0.952508, collection 0.697219, forum 0.820898, listing
/// 0.725954, product 0.674357. Then (2026-12-03, `extract/region.rs`) a list whose items
/// hold headings kept as a grid of titled cards, not a menu (3 pages changed, net +1.473),
/// and prose on the headline's topic outside `<main>` joined to it (4 pages changed, net
/// +0.998): overall 0.874813, collection 0.718329 (issue 8's 0.716 met), no other type
/// changed. Then (authors2, metadata's author rules) one forum thread up (+0.068, none
/// down): overall 0.874863, forum 0.821500.
const WCXB_DEV: WcxbFloors = WcxbFloors {
    all: 0.874,
    by_type: [
        ("article", 0.952),
        ("collection", 0.718),
        ("documentation", 0.936),
        ("forum", 0.821),
        ("listing", 0.725),
        ("product", 0.674),
        ("service", 0.849),
    ],
    max_failures: 10,
};

/// The measured level of 2026-12-02 on the vendored sample `tests/corpus/wcxb-sample`
/// (10 pages per type; Markdown, rounded down; before issue 8's work: 0.668). Same targets
/// as [`WCXB_DEV`]. Raised after the thread furniture work: forum 0.770, overall 0.750;
/// after the card furniture work (`extract/listing.rs`): collection 0.639, listing 0.696;
/// service 0.864 once service pages are named from their lack of date and author; overall
/// 0.773087 with the repeats, headings and tab panels of [`WCXB_DEV`]; listing 0.702 once
/// cards lose their bylines and dates; both merged: overall 0.774044, service 0.872932;
/// overall 0.776945, product 0.552623 once a section of a plain region is not taken for
/// the page (`choose`); product 0.5399 with the product region's tidying
/// (`extract/product.rs`) on its own branch; forum 0.789847 with the thread furniture of
/// [`WCXB_DEV`] on its own. All merged: overall 0.780861, product 0.560296. With the
/// session of [`WCXB_DEV`]'s streamed segments, prices and stubs: overall 0.790191, listing
/// 0.739300. With consent notices as chrome and the index-address region rule: collection
/// 0.650456, product 0.577395. With FAQ answers hidden after their questions shown
/// (`extract/prepare.rs`): listing 0.739941 -> 0.773176, overall 0.800319 -> 0.805067.
/// Both disclosure rules and the entry runs merged (2026-12-03): product 0.627712, service
/// 0.893346. Sections laid out twice kept once (`extract/repeats.rs`): overall 0.806169,
/// article 0.934322, listing 0.777664. Glued inline siblings spaced and "Tags" labels
/// dropped: overall 0.807108, collection 0.657325, product 0.627755.
const WCXB_SAMPLE: WcxbFloors = WcxbFloors {
    all: 0.806,
    by_type: [
        ("article", 0.934),
        ("collection", 0.657),
        ("documentation", 0.969),
        ("forum", 0.789),
        ("listing", 0.777),
        ("product", 0.627),
        ("service", 0.893),
    ],
    max_failures: 0,
};

/// The development split, when the shared folder is beside the repository.
const WCXB_DEV_DIR: &str = "../shared/corpora/wcxb-dev";
/// Its size (its README): fewer pages means a broken copy, not a corpus to pass.
const WCXB_DEV_PAGES: usize = 1497;

// ---------------------------------------------------------------- helpers

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(dir: &Path) -> Corpus {
    let corpus = corpus::load(dir).unwrap_or_else(|e| panic!("corpus {}: {e}", dir.display()));
    assert!(
        !corpus.pages.is_empty(),
        "corpus {} has no pages",
        dir.display()
    );
    corpus
}

/// Every page of the corpus extracted and scored on `output`; prints the report.
fn score(corpus: &Corpus, output: Output) -> (f64, Vec<Outcome>) {
    let outcomes = corpus::run(corpus, &Options::default(), output);
    assert_eq!(
        outcomes.len(),
        corpus.pages.len(),
        "every page of {} is scored",
        corpus.path.display()
    );
    println!(
        "{output:?}: {}",
        render(corpus.layout.name(), corpus.layout.metric(), &outcomes, 10)
    );
    (corpus_f1(corpus.layout.metric(), &outcomes), outcomes)
}

fn assert_floor(what: &str, f1: f64, floor: f64) {
    println!("{what}: F1 {f1:.6} (floor {floor})");
    assert!(f1 >= floor, "{what}: F1 {f1:.4} < floor {floor}");
}

// ---------------------------------------------------------------- Readability, ScrapingHub

#[test]
fn readability_pages_reach_the_floor() {
    let c = load(&repo().join("tests/corpus/readability"));
    assert_eq!(c.layout.metric(), Metric::Shingle);
    assert_floor(
        "Readability, Markdown",
        score(&c, Output::Markdown).0,
        READABILITY_MARKDOWN_F1_FLOOR,
    );
    assert_floor(
        "Readability, text",
        score(&c, Output::Text).0,
        READABILITY_TEXT_F1_FLOOR,
    );
}

#[test]
fn scrapinghub_pages_reach_the_floor() {
    let c = load(&repo().join("tests/corpus/scrapinghub-dev"));
    let (f1, outcomes) = score(&c, Output::Markdown);
    assert_floor(
        "ScrapingHub-dev, Markdown",
        f1,
        SCRAPINGHUB_MARKDOWN_F1_FLOOR,
    );
    let failures: Vec<&Outcome> = outcomes.iter().filter(|o| o.error.is_some()).collect();
    assert!(
        failures.is_empty(),
        "every news page yields an article: {:?}",
        failures.iter().map(|o| &o.id).collect::<Vec<_>>()
    );
    assert_floor(
        "ScrapingHub-dev, text",
        score(&c, Output::Text).0,
        SCRAPINGHUB_TEXT_F1_FLOOR,
    );
}

// Titles: `tests/metadata.rs` (the Readability pages' titles as headlines, the site part
// aside, as issue 9 asks) and `tests/metadata_wcxb.rs` (WCXB-dev titles, authors, dates).

// ---------------------------------------------------------------- WCXB

/// Scores a WCXB corpus on the Markdown and checks every floor; all shortfalls are listed
/// together.
fn assert_wcxb(name: &str, corpus: &Corpus, floors: &WcxbFloors) {
    assert_eq!(
        corpus.layout.metric(),
        Metric::Word,
        "{name} is a wcxb-layout corpus"
    );
    let (_, outcomes) = score(corpus, Output::Markdown);
    let s = word_summary(&outcomes);
    let failures = outcomes.iter().filter(|o| o.error.is_some()).count();
    let mut short = Vec::new();
    println!(
        "{name}: all F1 {:.6} (floor {}), failures {failures} (at most {})",
        s.all.f1, floors.all, floors.max_failures
    );
    if s.all.f1 < floors.all {
        short.push(format!("overall F1 {:.4} < {}", s.all.f1, floors.all));
    }
    for (page_type, floor) in floors.by_type {
        let Some(t) = s.of_type(page_type) else {
            short.push(format!("no {page_type} page"));
            continue;
        };
        println!(
            "{name}: {page_type:<14} {:>4} pages F1 {:.6} (floor {floor})",
            t.pages, t.f1
        );
        if t.f1 < floor {
            short.push(format!("{page_type} F1 {:.4} < {floor}", t.f1));
        }
    }
    if failures > floors.max_failures {
        short.push(format!(
            "{failures} pages fail (at most {})",
            floors.max_failures
        ));
    }
    assert!(
        short.is_empty(),
        "{name} below its floors: {}",
        short.join("; ")
    );
}

#[test]
fn wcxb_sample_reaches_the_floors() {
    let c = load(&repo().join("tests/corpus/wcxb-sample"));
    assert_eq!(
        c.pages.len(),
        70,
        "the vendored sample has 10 pages of each of the 7 types"
    );
    assert_wcxb("WCXB sample", &c, &WCXB_SAMPLE);
}

#[test]
fn wcxb_dev_reaches_the_floors() {
    let dir = repo().join(WCXB_DEV_DIR);
    if !dir.join("ground-truth").is_dir() {
        let shown = std::path::absolute(&dir).unwrap_or(dir);
        // Straight to the process's stderr: the test harness captures eprintln! of a passing
        // test, and this line must be seen.
        let line = format!(
            "\n*** WCXB-dev not found at {}: only the 70-page sample is tested ***\n\n",
            shown.display()
        );
        let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
        return;
    }
    let c = load(&dir);
    assert_eq!(
        c.pages.len(),
        WCXB_DEV_PAGES,
        "{} is the whole development split",
        dir.display()
    );
    assert_wcxb("WCXB-dev", &c, &WCXB_DEV);
}
