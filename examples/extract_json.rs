//! Development aid: `cargo run --example extract_json -- FILE URL` prints the article as JSON.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(url)) = (args.get(1), args.get(2)) else { return eprintln!("usage: FILE URL") };
    let html = std::fs::read_to_string(path).unwrap_or_default();
    match readmark::extract_html(&html, url, &readmark::Options::default()) {
        Ok(a) => println!("{}", serde_json::to_string_pretty(&a).unwrap_or_default()),
        Err(e) => eprintln!("error: {e}"),
    }
}
