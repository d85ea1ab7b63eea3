//! Clean the article. (To be written.)
use dom_query::NodeRef;
use url::Url;

use super::metadata::Metadata;

/// Removes boilerplate inside the article and makes URLs absolute.
pub fn clean(root: &NodeRef, _meta: &Metadata, base: &Url) {
    super::media::fix_lazy_images(root);
    super::media::absolutize_urls(root, base);
}
