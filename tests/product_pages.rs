//! Product pages keep the product and lose the other products around it (issue 8): on
//! three eBay item pages of WCXB-dev the rows "People who viewed this item also viewed",
//! "Similar Items" and "Explore related items" go, the item's title and details stay.
//!
//! Reads `../shared/corpora/wcxb-dev` when it is beside the repository (CI has it) and says
//! so loudly when it is not.

use std::fs;
use std::io::Read;
use std::path::Path;

use readmark::{Options, PageType, extract_html};
use serde_json::Value;

const DEV: &str = "../shared/corpora/wcxb-dev";

/// The page's HTML and URL, or `None` (with a warning) when the corpus is absent.
fn dev_page(id: &str) -> Option<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEV);
    if !dir.is_dir() {
        eprintln!("WARNING: {DEV} is missing; product page checks skipped");
        return None;
    }
    let truth: Value = serde_json::from_str(
        &fs::read_to_string(dir.join(format!("ground-truth/{id}.json"))).ok()?,
    )
    .ok()?;
    let gz = fs::File::open(dir.join(format!("html/{id}.html.gz"))).ok()?;
    let mut html = String::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_string(&mut html)
        .ok()?;
    Some((html, truth["url"].as_str()?.to_string()))
}

/// (page, text the product keeps, text of another product that must go)
const EBAY_ITEMS: &[(&str, &str, &str)] = &[
    (
        "2991",
        "LuK 628318200 Kupplungssatz",
        "VALEO Kupplungssatz NEW ORIGINAL KIT3P",
    ),
    (
        "3021",
        "eBay item number",
        "Ladies Poncho Cape Top Knitted One Size",
    ),
];

#[test]
fn ebay_items_keep_the_item_and_lose_the_suggestions() {
    for (id, kept, gone) in EBAY_ITEMS {
        let Some((html, url)) = dev_page(id) else {
            return;
        };
        let article = extract_html(&html, &url, &Options::default()).expect("an article");
        assert_eq!(article.page_type, PageType::Product, "page {id}");
        assert!(article.text.contains(kept), "page {id} lost '{kept}'");
        assert!(!article.text.contains(gone), "page {id} kept '{gone}'");
        assert!(
            !article
                .text
                .contains("People who viewed this item also viewed"),
            "page {id} kept its suggestions' heading"
        );
    }
}
