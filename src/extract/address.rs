//! Facts about the page's address that several phases read (metadata, classify): a neutral
//! module, so that no phase imports from another and the pipeline stays one-way.

use url::Url;

/// A page's own web address: http(s), and not in the reserved `.invalid` domain (RFC 2606)
/// that stands in for an unknown address (the playground's, when the user gives none).
pub fn is_web_address(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some_and(|h| !h.ends_with(".invalid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses() {
        let web = |u: &str| Url::parse(u).is_ok_and(|u| is_web_address(&u));
        assert!(web("https://example.com/a"));
        assert!(!web("file:///tmp/page.html"));
        assert!(!web("https://page.invalid/"));
    }
}
