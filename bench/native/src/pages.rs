//! The benchmark's pages: both corpora of the repository, read into memory once, so that no
//! timing includes disk I/O.

use std::path::{Path, PathBuf};

use readmark_tools::eval::corpus;

/// The corpora, relative to the repository root, in the order their pages are used.
const CORPORA: [&str; 2] = ["tests/corpus/readability", "tests/corpus/scrapinghub-dev"];

/// One page in memory.
pub struct Page {
    /// `<corpus>/<id>`, unique across corpora.
    pub id: String,
    /// The URL the page is extracted with (the corpus's own, as the evaluation uses).
    pub url: String,
    /// The page's HTML.
    pub html: String,
}

/// A corpus and how many of its pages were loaded.
pub struct CorpusInfo {
    /// Its directory relative to the repository root.
    pub path: &'static str,
    /// Pages loaded from it.
    pub pages: usize,
}

/// The repository root (the benchmark lives in `bench/native/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Which pages to load.
#[derive(Clone, Copy, Debug)]
pub enum Selection {
    /// Every page of every corpus.
    All,
    /// The first N pages, in corpus then id order.
    First(usize),
    /// The first N pages of each corpus (quick modes: both corpora still take part).
    EachCorpus(usize),
}

/// Loads the selected pages of the corpora, in corpus then id order.
pub fn load(selection: Selection) -> Result<(Vec<Page>, Vec<CorpusInfo>), String> {
    let mut pages = Vec::new();
    let mut infos = Vec::new();
    for path in CORPORA {
        let before = pages.len();
        let take = match selection {
            Selection::All => usize::MAX,
            Selection::First(n) => n.saturating_sub(before),
            Selection::EachCorpus(n) => n,
        };
        pages.extend(load_corpus(path, take)?);
        infos.push(CorpusInfo {
            path,
            pages: pages.len() - before,
        });
    }
    Ok((pages, infos))
}

fn load_corpus(path: &'static str, limit: usize) -> Result<Vec<Page>, String> {
    let corpus = corpus::load(&repo_root().join(path)).map_err(|e| e.to_string())?;
    let name = corpus.layout.name();
    corpus
        .pages
        .iter()
        .take(limit)
        .map(|page| {
            let html = corpus::read_html(page).map_err(|e| e.to_string())?;
            Ok(Page {
                id: format!("{name}/{}", page.id),
                url: page.url.clone(),
                html,
            })
        })
        .collect()
}

/// Total bytes of HTML in `pages`.
pub fn total_bytes(pages: &[Page]) -> usize {
    pages.iter().map(|p| p.html.len()).sum()
}
