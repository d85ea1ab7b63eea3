//! Title, author and date accuracy against WCXB's ground truth (issue 9), by the rules of
//! `../shared/tools/metadata_wcxb.py`: titles equal and authors contained (either way)
//! after folding case, punctuation and white space; dates equal by calendar day. Pages whose
//! truth is empty count only when the output is empty too ("left empty").
//!
//! Run on the vendored sample (`tests/corpus/wcxb-sample`, 70 pages, always) and on the
//! whole development split (`../shared/corpora/wcxb-dev`, 1,497 pages) when it is there.
//! The floors are ratchets at the figures measured when they were set: raise them when the
//! extraction improves, never lower them. Issue 9's targets on WCXB-dev are title ≥ 0.90,
//! author ≥ 0.85, date ≥ 0.80, with no more invented values than before the work (687 of
//! 758 pages without an author left empty, 676 of 715 without a date, as measured before
//! the headline and author rules of 2026-12-02).

use std::fs;
use std::io::Read;
use std::path::Path;

use readmark::{Error, Metadata, Options, extract_html};
use readmark_tools::eval::corpus::par_map;
use serde_json::Value;

const SAMPLE: &str = "tests/corpus/wcxb-sample";
const DEV: &str = "../shared/corpora/wcxb-dev";

/// Measured figures a corpus must keep: hits on pages with a value, and pages without one
/// left empty.
struct Floors {
    title: usize,
    author: usize,
    author_left_empty: usize,
    date: usize,
    date_left_empty: usize,
}

/// Ratchets for the sample, measured 2026-12-02 after issue 9's pipe and home-page title
/// rules: title 49/70, author 11/20 (45/50 left empty), date 14/21 (46/49 left empty).
/// Raised 2026-12-02 after the site-owner author and the undated-kind date rules: author
/// left empty 46/50, date 15/21. Raised 2026-12-03 after author lines read part by part
/// and institutions refused: author left empty 47/50. Raised 2026-12-03 after the `<body>`'s
/// template classes no longer made date lines foreign: date 16/21. Raised 2026-12-03 after
/// a thread or a service page stating no title for previews was named by its one visible
/// heading: title 51/70; after a forum thread signed by its starter: author 13/20 (47/50
/// left empty); with `article:author` read when given by `name`: 14/20. Raised 2026-12-03
/// (authors2: the author rules listed at [`DEV_FLOORS`]): author 15/20 (49/50 left empty).
/// Raised 2026-12-04 (titles3: the title rules listed at [`DEV_FLOORS`]): title 52/70.
const SAMPLE_FLOORS: Floors = Floors {
    title: 52,
    author: 15,
    author_left_empty: 49,
    date: 16,
    date_left_empty: 46,
};
/// Ratchets for WCXB-dev, measured 2026-12-02 after issue 9's pipe and home-page title
/// rules and the `twitter:label1` "Written by" author (this test and
/// `../shared/tools/metadata_wcxb.py` over the CLI agree): title 1198/1497, author 550/739
/// (704/758 left empty), date 533/782 (676/715 left empty); with the date of a page the
/// classifier calls an article while its metadata does not, date 543/782 (676/715). Raised
/// after the site-owner author (author 566/739, 705/758 left empty) and the date rules by
/// page kind (undated kinds lose an unsigned page's date, a layout article's date line):
/// date 550/782 (682/715 left empty). Merged with the session's other work: author left
/// empty 706/758. Raised 2026-12-03 after institutions and companies refused as authors,
/// author lines read part by part (a name and the date beside it apart, category links
/// left out) and the site's name kept in an element marked as the author: author 572/739
/// (712/758 left empty); with several names joined as the page shows them ("A and B"):
/// author 575/739; with Tailwind variant classes (`group-[.sidebar]:hidden`) no longer
/// read as a sidebar around an author or a date: author 576/739, date 552/782. Raised
/// 2026-12-03 after `<h1>`s that link to a manual's or a site's index were no longer taken as
/// the headline (and heading buttons and pilcrows left out): title 1205/1497. With a UTC
/// timestamp read on the page's own calendar (a `<time>` writing the same moment in a local
/// offset, a URL date one day off): date 555/782 (682/715 left empty); all merged: 683/715
/// left empty. Raised 2026-12-03 after the headline taken as the `<h1>` the `<title>`
/// repeats and a bare date line beside it read as the article's: date 591/782 (683/715
/// left empty). With the `<body>`'s template classes ("no-sidebar") no longer making every
/// author line and date line foreign: author 582/739, date 598/782; with an article marked
/// `node--promoted` no longer read as a promo box: date 601/782; with an `<article>` or
/// `<main>` that holds the `<h1>` never foreign by its class words: date 608/782. Raised
/// 2026-12-03 after any element marked `itemprop="datePublished"` whose text is a date
/// (a page builder's post info, Blogger's `<abbr>`) read outside comments and reviews,
/// whatever its "widget" classes: date 612/782 (683/715 left empty). With a BEM modifier
/// (`m-article--sidebar-right`) and a denied word (`mainContainer_noSidebar`) no longer read
/// as a sidebar: author 583/739, date 614/782; with an `<aside>` inside the story that
/// holds the headline read as its margin: author 584/739, date 617/782; with a site-named
/// author that reads as a person's name taken as the site's owner on a dated page: author
/// 587/739 (712/758 left empty); with the site's owner also signing a page dated by its
/// layout (the classifier's article): author 590/739. Raised 2026-12-03 after an earlier
/// date shown beside the headline taken over a stated date the page shows nowhere (a
/// republished article's first publication): date 624/782 (683/715 left empty); with the
/// plain meta names `published` and `published-date`: date 626/782; with a page builder's
/// block (`elementor-widget-container`) no longer a sidebar widget around a date: 629/782;
/// with the `<h2>` repeating the title where a bare date line is looked for on a page
/// without an `<h1>`: 632/782 (683/715 left empty). Raised 2026-12-03 after a forum
/// thread's title read from its hierarchical `<title>` ("Prefix - Thread - Section - Forum":
/// the longest part, when the chosen title holds it): title 1210/1497; with a thread or a
/// service page that states no title for previews (no `og:title`, no JSON-LD) named by its
/// one visible heading: title 1216/1497. Raised 2026-12-03 after a page classified as a
/// forum thread signed by its starter (the first poster's profile link) when its metadata
/// names nobody: author 601/739 (712/758 left empty); with one person
/// written several ways (a card and the name in it) counted once among a page's author
/// lines, no longer making it a list of posts: 603/739; with a job title after a name
/// ending the list of names (its organisation is no author): 605/739; with the
/// `twitter:label1` "Written by" writer kept where the page's author lines read as a list
/// of posts: 606/739; with `article:author` read when given by `name`: 607/739; with the
/// name after "written by" inside a sentence ("This post was written by …"): 608/739
/// (712/758 left empty). Raised 2026-12-03 after a heading labelling the name after it
/// ("<h3>Author</h3><p>Jane Doe</p>"), a plural role after several names, an author
/// element opening with its date, a "By" line's linked name, `reviewed-by` boxes no
/// review container, and a poster's name heading without a link: 615/739 (712/758 left
/// empty); with the site's name that `meta name=author` states taken last on a page
/// declaring itself an article and classified as one: 619/739 (712/758 left empty); with
/// a label element followed by the name as text ("<strong>Contributors:</strong> Jane
/// Doe"): 620/739 (title 1217/1497).
/// Raised 2026-12-03 (title helper's branch) after an article page's first `<h1>` as long as a
/// sentence (eight words) taken as its headline although the stated titles word it
/// otherwise: title 1225/1497; with a forum thread's label (a badge before its title, the
/// first segment of `og:title`, absent from JSON-LD's headline) left out: 1228/1497; with a
/// stated title cut to a length limit (mid-word, inside brackets, before an ellipsis) giving
/// way to the whole heading or stated title: 1230/1497; with a short heading (two to four
/// words) that rewords a page's only stated title, its `<title>`, taken as its name:
/// 1234/1497; with an `<h1>` found inside a segment of the stated titles, words on both
/// sides, read as a fragment of the page's name ("Carry-On" of "Quality Carry-On Luggage &
/// Suitcases"): 1238/1497.
/// Both branches merged: title 1238/1497, author 620/739 (712/758 left empty).
/// Raised 2026-12-03 (authors2) after a `<br>` parting an author line's text and "By:"
/// starting one: 622/739 (711/758 left empty); a container around the story no sidebar:
/// 623 (712); products, service pages and listings signed only by structured metadata:
/// 622 (723); a personal site's two-word name its host spells signing dated posts: 625
/// (722); an author element opening with its date styled apart: 626; a name marked up as
/// `<address>` and a name before " / ": 628; a meta line opening with a numeric date: 629/739
/// (722/758 left empty).
/// Raised 2026-12-03 (titles2 branch) after a heading that opens with a whole stated title
/// and goes on after a colon or a comma (its subtitle) taken as the headline: 1241/1497;
/// with a body heading carrying its own permalink kept from the sentence-headline rule, and
/// a `<title>` left as a bare separator and the site's name by an empty template giving way
/// to the page's heading: 1243/1497.
/// Both branches merged: title 1243/1497, author 629/739 (722/758 left empty).
/// Raised 2026-12-04 (titles3 branch) after invisible characters dropped from the title and
/// UTF-8 read as Latin-1 read back: 1245/1497; a heading equal to the segment after a stated
/// title's colon taken as the headline, not the site's logo: 1246; phpBB's "View topic"
/// label left out with the site's name: 1247; a site's root reached with tracking parameters
/// (`?srsltid=…`) read as its home page: 1248; a site address opening a separator-less
/// `<title>` ("davidbau.com Vibe Coding") taken as the site's part: 1249/1497.
/// Raised 2026-12-04 after a page without an article kept its metadata (the ten such pages:
/// Discourse threads whose posts a script fills in, and others): title 1257/1497, date
/// 637/782 (author and the pages left empty unchanged).
/// Raised 2026-12-04 after a book's name in the top bar's `<h1>` gave way to the chapter's
/// own heading (mdBook, `title::book_chapter`): title 1259/1497.
const DEV_FLOORS: Floors = Floors {
    title: 1259,
    author: 629,
    author_left_empty: 722,
    date: 637,
    date_left_empty: 683,
};

/// Counts for one field: hits among pages with a value, and pages without one left empty.
#[derive(Default, Debug)]
struct Tally {
    hit: usize,
    given: usize,
    left_empty: usize,
    absent: usize,
}

impl Tally {
    fn count(
        &mut self,
        truth: Option<&str>,
        output: Option<&str>,
        matches: impl Fn(&str, &str) -> bool,
    ) {
        match truth.filter(|t| !t.is_empty()) {
            Some(t) => {
                self.given += 1;
                self.hit += usize::from(output.is_some_and(|o| matches(t, o)));
            }
            None => {
                self.absent += 1;
                self.left_empty += usize::from(output.is_none_or(|o| fold(o).is_empty()));
            }
        }
    }

    fn show(&self, name: &str) -> String {
        let share = self.hit as f64 / self.given.max(1) as f64;
        format!(
            "{name} {}/{} ({share:.3}) absent-ok {}/{}",
            self.hit, self.given, self.left_empty, self.absent
        )
    }
}

/// Lower-cased, every run of non-word characters one space, trimmed (Python's `\W+`).
fn fold(s: &str) -> String {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

fn title_matches(truth: &str, output: &str) -> bool {
    fold(truth) == fold(output)
}

fn author_matches(truth: &str, output: &str) -> bool {
    let (t, o) = (fold(truth), fold(output));
    !o.is_empty() && (t.contains(&o) || o.contains(&t))
}

fn date_matches(truth: &str, output: &str) -> bool {
    !output.is_empty() && output.chars().take(10).eq(truth.chars().take(10))
}

fn gunzip(path: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut html = String::new();
    // The pages are UTF-8; a page that is not is read with replacement characters, as the
    // Python tool's decoding of the command's output would.
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(bytes.as_slice())
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    html.push_str(&String::from_utf8_lossy(&raw));
    html
}

/// Extracts every page of `corpus` and tallies title, author (byline) and date
/// (publishedTime), as the CLI's JSON gives them: a page without an article by the metadata
/// its `NoArticle` carries (the CLI prints it), any other failure as empty output, as in the
/// Python tool.
fn measure(corpus: &str) -> [Tally; 3] {
    let truth_dir = Path::new(corpus).join("ground-truth");
    let mut ids: Vec<String> = fs::read_dir(&truth_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", truth_dir.display()))
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_string_lossy()
                .strip_suffix(".json")
                .map(str::to_string)
        })
        .collect();
    ids.sort();
    let pages = par_map(&ids, |id| page_metadata(corpus, id));
    assert_eq!(pages.len(), ids.len(), "{corpus}: a page panicked");
    let mut tallies: [Tally; 3] = Default::default();
    for (truth, meta) in pages {
        let gt = &truth["ground_truth"];
        let field = |k: &str| gt[k].as_str();
        let title = meta.as_ref().and_then(|m| m.title.as_deref());
        let author = meta.as_ref().and_then(|m| m.byline.as_deref());
        let date = meta.as_ref().and_then(|m| m.published_time.as_deref());
        tallies[0].count(field("title"), title, title_matches);
        tallies[1].count(field("author"), author, author_matches);
        tallies[2].count(field("publish_date"), date, date_matches);
    }
    tallies
}

/// One page's ground truth and what the extractor gives of its metadata.
fn page_metadata(corpus: &str, id: &str) -> (Value, Option<Metadata>) {
    let truth_dir = Path::new(corpus).join("ground-truth");
    let truth: Value = serde_json::from_str(
        &fs::read_to_string(truth_dir.join(format!("{id}.json"))).unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("{id}: {e}"));
    let url = truth["url"]
        .as_str()
        .filter(|u| !u.is_empty())
        .unwrap_or("http://example.com/");
    let html = gunzip(&Path::new(corpus).join("html").join(format!("{id}.html.gz")));
    let meta = match extract_html(&html, url, &Options::default()) {
        Ok(article) => Some(article.metadata),
        Err(Error::NoArticle(page)) => Some(page.metadata),
        Err(_) => None,
    };
    (truth, meta)
}

fn check(corpus: &str, floors: &Floors) {
    let [title, author, date] = measure(corpus);
    println!(
        "{corpus}: {} {} {}",
        title.show("title"),
        author.show("author"),
        date.show("date")
    );
    assert!(title.given > 0, "{corpus}: no pages");
    assert!(
        title.hit >= floors.title,
        "{corpus}: title {} < floor {}",
        title.hit,
        floors.title
    );
    assert!(
        author.hit >= floors.author,
        "{corpus}: author {} < floor {}",
        author.hit,
        floors.author
    );
    assert!(
        author.left_empty >= floors.author_left_empty,
        "{corpus}: author invented on {} pages without one (floor: {} left empty)",
        author.absent - author.left_empty,
        floors.author_left_empty
    );
    assert!(
        date.hit >= floors.date,
        "{corpus}: date {} < floor {}",
        date.hit,
        floors.date
    );
    assert!(
        date.left_empty >= floors.date_left_empty,
        "{corpus}: date invented on {} pages without one (floor: {} left empty)",
        date.absent - date.left_empty,
        floors.date_left_empty
    );
}

#[test]
fn wcxb_sample_metadata_accuracy() {
    check(SAMPLE, &SAMPLE_FLOORS);
}

#[test]
fn wcxb_dev_metadata_accuracy() {
    if !Path::new(DEV).join("ground-truth").is_dir() {
        eprintln!(
            "\n*** WCXB-dev ABSENT ({DEV}): metadata accuracy on the 1,497 dev pages NOT checked ***\n"
        );
        return;
    }
    check(DEV, &DEV_FLOORS);
}
