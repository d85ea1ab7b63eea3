//! HTML article → CommonMark + GFM Markdown. (Helper-owned: to be written.)
use dom_query::NodeRef;

use crate::Article;

/// The Markdown of the article body under `root`.
pub fn to_markdown(root: &NodeRef) -> String {
    crate::text::to_text(root)
}

/// The whole Markdown document: optional YAML front matter, `# Title`, the body.
pub fn document(article: &Article, _front_matter: bool, _saved_at: Option<&str>) -> String {
    article.markdown.clone()
}
