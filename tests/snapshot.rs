//! The DOM snapshot format: corpus round trips (same article from a snapshot as from the HTML),
//! size, decoder robustness against malformed and hostile input, and the live-page facts.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use dom_query::{Document, NodeRef};
use readmark::internals::dom;
use readmark::snapshot::{self, IFRAME_ATTR, SNAPSHOT_HIDDEN_ATTR};
use readmark::{Error, Options};
use readmark_tools::snapshot::encode;

/// The readability corpus pages all claim this URL.
const READABILITY_URL: &str = "http://fakehost/test/page.html";

/// One test page: a name for messages, its HTML and its URL.
struct Page {
    name: String,
    html: String,
    url: String,
}

fn read_lossy(path: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Every page of both corpora and the Panorama fixture.
fn corpus() -> Vec<Page> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut pages = Vec::new();
    let readability = root.join("corpus/readability");
    let mut dirs: Vec<_> = fs::read_dir(&readability)
        .expect("readability corpus")
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for dir in dirs.iter().filter(|d| d.join("source.html").is_file()) {
        let name = format!(
            "readability/{}",
            dir.file_name().unwrap_or_default().to_string_lossy()
        );
        pages.push(Page {
            name,
            html: read_lossy(&dir.join("source.html")),
            url: READABILITY_URL.into(),
        });
    }
    let scrapinghub = root.join("corpus/scrapinghub-dev");
    let truth: serde_json::Value =
        serde_json::from_str(&read_lossy(&scrapinghub.join("ground-truth.json")))
            .expect("ground truth json");
    let mut ids: Vec<(&String, &serde_json::Value)> = truth
        .as_object()
        .expect("ground truth object")
        .iter()
        .collect();
    ids.sort_by_key(|(id, _)| *id);
    for (id, entry) in ids {
        let url = entry["url"]
            .as_str()
            .expect("url in ground truth")
            .to_string();
        let html = read_lossy(&scrapinghub.join("html").join(format!("{id}.html")));
        pages.push(Page {
            name: format!("scrapinghub/{id}"),
            html,
            url,
        });
    }
    let panorama = root.join("fixtures/panorama");
    let meta: serde_json::Value =
        serde_json::from_str(&read_lossy(&panorama.join("expected-metadata.json")))
            .expect("panorama metadata");
    let url = meta["url"].as_str().expect("panorama url").to_string();
    pages.push(Page {
        name: "panorama".into(),
        html: read_lossy(&panorama.join("source.html")),
        url,
    });
    pages
}

fn snapshot_of(page: &Page) -> String {
    encode(&Document::from(page.html.as_str()), &page.url, None)
}

/// The part of an extraction result that must not depend on the input form.
fn outcome(result: Result<readmark::Article, Error>) -> Result<[Option<String>; 7], Error> {
    result.map(|a| {
        let m = a.metadata;
        [
            Some(a.markdown),
            Some(a.text),
            m.title,
            m.byline,
            m.published_time,
            m.lang,
            m.site_name,
        ]
    })
}

#[test]
fn corpus_round_trip_gives_the_same_article() {
    let opts = Options::default();
    let pages = corpus();
    assert!(
        pages.len() >= 190,
        "corpus incomplete: {} pages",
        pages.len()
    );
    let mut mismatches = Vec::new();
    // How many pages had an article, and each metadata field, on the HTML side: what was compared.
    let mut found = [0usize; 8];
    for page in &pages {
        let from_html = outcome(readmark::extract_html(&page.html, &page.url, &opts));
        let from_snapshot = outcome(readmark::extract_snapshot(&snapshot_of(page), &opts));
        if let Ok(fields) = &from_html {
            found[0] += 1;
            for (count, field) in found.iter_mut().skip(1).zip(fields) {
                *count += usize::from(field.is_some());
            }
        }
        if from_html != from_snapshot {
            mismatches.push(page.name.clone());
        }
    }
    println!(
        "{} pages, {} mismatches; from HTML: {} articles, titles {}, bylines {}, dates {}, langs {}, site names {}",
        pages.len(),
        mismatches.len(),
        found[0],
        found[3],
        found[4],
        found[5],
        found[6],
        found[7]
    );
    let shown: Vec<&String> = mismatches.iter().take(12).collect();
    assert!(
        mismatches.is_empty(),
        "snapshot and HTML disagree on {} pages: {shown:?}…",
        mismatches.len()
    );
}

#[test]
fn decoded_tree_re_encodes_to_the_same_snapshot() {
    let opts = Options::default();
    let mut decode_time = Duration::ZERO;
    let mut parse_time = Duration::ZERO;
    let mut different = Vec::new();
    for page in corpus() {
        let started = Instant::now();
        let doc = Document::from(page.html.as_str());
        parse_time += started.elapsed();
        let json = encode(&doc, &page.url, None);
        let started = Instant::now();
        let snap = snapshot::decode(&json, &opts).unwrap_or_else(|e| panic!("{}: {e}", page.name));
        decode_time += started.elapsed();
        assert!(
            snap.document.head().is_some() && snap.document.body().is_some(),
            "{}",
            page.name
        );
        if encode(&snap.document, &snap.url, None) != json {
            different.push(page.name);
        }
    }
    println!("html5ever parse {parse_time:?}, snapshot decode {decode_time:?} over the corpus");
    assert!(
        different.is_empty(),
        "decode lost or changed something on: {different:?}"
    );
}

/// The capture drops scripts, styles, comments, end tags and indentation; over the corpus
/// that measured 0.39 of the HTML bytes. Half leaves room for change yet fails if scripts or
/// indentation were sent again. (A page with no scripts and many short attributes can come
/// out larger than its HTML: JSON quotes every name; such pages are few, hence the total.)
const MAX_SIZE_RATIO: f64 = 0.5;

#[test]
fn snapshots_are_smaller_than_the_html() {
    let (mut html_bytes, mut snapshot_bytes, mut ratios) = (0usize, 0usize, Vec::new());
    for page in corpus() {
        let size = snapshot_of(&page).len();
        html_bytes += page.html.len();
        snapshot_bytes += size;
        ratios.push(size as f64 / page.html.len() as f64);
    }
    ratios.sort_by(f64::total_cmp);
    let ratio = snapshot_bytes as f64 / html_bytes as f64;
    let larger = ratios.iter().filter(|&&r| r > 1.0).count();
    let median = ratios.get(ratios.len() / 2).copied().unwrap_or_default();
    println!(
        "snapshot {snapshot_bytes} B / HTML {html_bytes} B = {ratio:.3}; median page {median:.3}, {larger} pages larger"
    );
    assert!(
        ratio < MAX_SIZE_RATIO,
        "snapshots are {ratio:.3} of the HTML"
    );
}

// ---- decoder robustness -------------------------------------------------------------------

/// Wraps a `doc` node list into a complete snapshot.
fn with_doc(doc: &str) -> String {
    format!(r#"{{"v":1,"url":"https://example.org/a","doc":{doc}}}"#)
}

fn is_invalid(json: &str) -> bool {
    matches!(
        snapshot::decode(json, &Options::default()),
        Err(Error::InvalidSnapshot(_))
    )
}

#[test]
fn malformed_snapshots_are_invalid() {
    let bad_docs = [
        "[]",                                 // no html element
        r#"[["html"],["html"]]"#,             // two roots
        r#"[["body"]]"#,                      // root is not html
        r#"["text"]"#,                        // root is text
        r#"[[1]]"#,                           // non-string tag
        r#"[[]]"#,                            // empty element array
        r#"[["html",{"lang":1}]]"#,           // non-string attribute value
        r#"[["html","x"]]"#,                  // string where attrs or count go
        r#"[["html",-1]]"#,                   // negative count
        r#"[["html",1.5]]"#,                  // fractional count
        r#"[["html",0,0,0]]"#,                // too many parts
        r#"[["html",1,{}]]"#,                 // attributes after the count
        r#"[["html",{},{}]]"#,                // attributes twice
        r#"[["html",2],"only one child"]"#,   // truncated tree
        r#"[["html",18446744073709551615]]"#, // huge count, nothing follows
        r#"[["html",1e300]]"#,                // count out of range
        r#"[["html",1],["p onclick=x",0]]"#,  // unsafe tag name
        r#"[["html",1],null]"#,               // null node
        r#"[["html",1],4097]"#,               // indentation over MAX_INDENT
        r#"[["html",1],-4]"#,                 // negative indentation
        r#"[["html",1],1.5]"#,                // fractional indentation
        r#"{"html":1}"#,                      // doc not a list
    ];
    for doc in bad_docs {
        assert!(is_invalid(&with_doc(doc)), "accepted doc {doc}");
    }
    let bad_tops = [
        "",
        "[]",
        "\"snapshot\"",
        r#"{"url":"https://example.org/","doc":[["html"]]}"#,
        r#"{"v":2,"url":"https://example.org/","doc":[["html"]]}"#,
        r#"{"v":"1","url":"https://example.org/","doc":[["html"]]}"#,
        r#"{"v":1,"doc":[["html"]]}"#,
        r#"{"v":1,"url":"https://example.org/"}"#,
        r#"{"v":1,"v":1,"url":"https://example.org/","doc":[["html"]]}"#,
        r#"{"v":1,"url":"https://example.org/","doc":[["html"]]} trailing"#,
        r#"{"v":1,"url":"https://example.org/","doc":[["html"]],"sel":[["p",3]]}"#,
    ];
    for json in bad_tops {
        assert!(is_invalid(json), "accepted {json}");
    }
    let relative = r#"{"v":1,"url":"/a/b","doc":[["html"]]}"#;
    assert!(matches!(
        snapshot::decode(relative, &Options::default()),
        Err(Error::InvalidUrl(_))
    ));
}

#[test]
fn minimal_snapshot_gets_head_and_body() {
    let doc = with_doc(r#"[["html",1],["p",3],"stray",2,["b",1],0]"#);
    let snap = snapshot::decode(&doc, &Options::default()).expect("valid");
    let body = snap.document.body().expect("body created");
    assert!(snap.document.head().is_some());
    assert_eq!(
        body.first_element_child().map(|p| dom::tag(&p)),
        Some("p".to_string())
    );
    assert_eq!(
        body.text().as_ref(),
        "stray\n  \n",
        "indentation integers are line feeds and spaces"
    );
    assert!(snap.selection.is_none());
}

/// A snapshot of `depth` nested `div`s under `body` (the innermost holding a paragraph).
fn nested(depth: usize) -> String {
    let mut doc = String::from(r#"[["html",2],["head"],["body",1]"#);
    for _ in 0..depth {
        doc.push_str(r#",["div",1]"#);
    }
    doc.push_str(
        r#",["p",1],"deep text is still text, and there is enough of it to be read as content."]"#,
    );
    with_doc(&doc)
}

#[test]
fn deep_nesting_is_read_up_to_max_depth_and_refused_beyond() {
    let opts = Options::default();
    // html 1, body 2, divs 3..=depth+2, p depth+3, text depth+4.
    let fits = opts.max_depth - 4;
    let snap = snapshot::decode(&nested(fits), &opts).expect("deep but within max_depth");
    assert!(dom::inner_text(&snap.document.root()).contains("deep text"));
    match snapshot::decode(&nested(fits + 1), &opts) {
        Err(Error::LimitExceeded { limit, actual, max }) => {
            assert_eq!(
                (limit, actual, max),
                ("nesting depth", opts.max_depth + 1, opts.max_depth)
            );
        }
        other => panic!(
            "expected a depth limit error, got {:?}",
            other.map(|s| s.url)
        ),
    }
    let huge = nested(100_000);
    assert!(matches!(
        snapshot::decode(&huge, &opts),
        Err(Error::LimitExceeded {
            limit: "nesting depth",
            ..
        })
    ));
}

#[test]
fn node_and_byte_limits_are_enforced() {
    let opts = Options {
        max_nodes: 1000,
        ..Options::default()
    };
    let texts = vec!["\"t\""; 2000].join(",");
    let many = with_doc(&format!(r#"[["html",2],["head"],["body",2000],{texts}]"#));
    match snapshot::decode(&many, &opts) {
        Err(Error::LimitExceeded {
            limit: "node count",
            actual,
            max,
        }) => assert_eq!((actual, max), (1001, 1000)),
        other => panic!(
            "expected a node limit error, got {:?}",
            other.map(|s| s.url)
        ),
    }
    let few = with_doc(r#"[["html",2],["head"],["body",2],"a","b"]"#);
    assert!(snapshot::decode(&few, &opts).is_ok());
    let small = Options {
        max_bytes: few.len() - 1,
        ..Options::default()
    };
    assert!(matches!(
        snapshot::decode(&few, &small),
        Err(Error::LimitExceeded { limit: "size", .. })
    ));
}

/// Small deterministic PRNG (xorshift64*), so that failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Characters that matter to JSON and to the format, plus a few ordinary ones.
const MUTATION_CHARS: &[char] = &[
    '[', ']', '{', '}', '"', ',', ':', '\\', '0', '1', '9', '-', 'e', '.', ' ', 'a', 'n', 'u', 'é',
    '\u{0}',
];

/// One random edit: replace, insert or delete a character, or duplicate a span.
fn mutate(chars: &mut Vec<char>, rng: &mut Rng) {
    let at = rng.below(chars.len());
    match rng.below(4) {
        0 => {
            if let Some(c) = chars.get_mut(at) {
                *c = MUTATION_CHARS[rng.below(MUTATION_CHARS.len())];
            }
        }
        1 => chars.insert(at, MUTATION_CHARS[rng.below(MUTATION_CHARS.len())]),
        2 => {
            if at < chars.len() {
                chars.remove(at);
            }
        }
        _ => {
            let end = (at + rng.below(40)).min(chars.len());
            let span: Vec<char> = chars[at..end].to_vec();
            chars.splice(at..at, span);
        }
    }
}

/// A decoded snapshot must be a well-formed document: html with head and body, limits kept.
fn assert_valid(snap: &snapshot::Snapshot, opts: &Options) {
    let doc = &snap.document;
    assert!(doc.head().is_some() && doc.body().is_some());
    assert!(doc.tree.len() <= opts.max_nodes);
    let _ = readmark::extract_snapshot(&encode(doc, &snap.url, None), opts);
}

#[test]
fn mutated_and_truncated_snapshots_never_panic() {
    let opts = Options {
        max_nodes: 20_000,
        max_depth: 64,
        ..Options::default()
    };
    let mut pages = corpus();
    pages.sort_by_key(|p| p.html.len());
    let seeds: Vec<String> = pages.iter().take(3).map(snapshot_of).collect();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let (mut ok, mut err) = (0, 0);
    for case in 0..3000 {
        let seed = &seeds[case % seeds.len()];
        let mut chars: Vec<char> = seed.chars().collect();
        for _ in 0..=rng.below(3) {
            mutate(&mut chars, &mut rng);
        }
        let json: String = chars.into_iter().collect();
        match snapshot::decode(&json, &opts) {
            Ok(snap) => {
                assert_valid(&snap, &opts);
                ok += 1;
            }
            Err(Error::InvalidSnapshot(_) | Error::LimitExceeded { .. } | Error::InvalidUrl(_)) => {
                err += 1
            }
            Err(other) => panic!("unexpected error kind {other:?}"),
        }
    }
    println!("mutations: {ok} decoded, {err} refused");
    assert!(
        err > 0 && ok > 0,
        "mutations should both break and spare snapshots ({ok} ok, {err} errors)"
    );
    let seed = &seeds[0];
    let cuts: Vec<usize> = (0..seed.len())
        .step_by(seed.len() / 500 + 1)
        .filter(|&i| seed.is_char_boundary(i))
        .collect();
    for cut in cuts {
        assert!(
            snapshot::decode(&seed[..cut], &opts).is_err(),
            "prefix of {cut} bytes accepted"
        );
    }
}

// ---- live-page facts ------------------------------------------------------------------------

/// A page as a browser capture would send it: a hidden element, a flattened shadow root, a
/// same-origin iframe, namespaces, and a selection.
const LIVE: &str = r#"{"v":1,"url":"https://example.org/post","title":"Live page","doc":[
  ["html",{"lang":"en"},3],
    ["head",1],["meta",{"name":"author","content":"Ann Author"}],
    "\n",
    ["body",{"onload":"steal()"},5],
      ["div",{"id":"promo"},1,1],"Buy now",
      ["my-card",{"id":"host"},2],["h2",1],"Shadow heading",["p",1],"Slotted light paragraph.",
      ["div",{"data-rm-iframe":"https://example.org/frame","class":"embed"},1],["p",1],"Iframe paragraph.",
      ["svg",{"viewBox":"0 0 1 1"},2],["foreignObject",1],["p",1],"html in svg",["svg:math",0],
      ["math",1],["mi",2],"x",["math:mglyph"]
  ],
  "sel":[["p",{"onclick":"x()"},1],"Selected words here, several of them.",["ul",1],["li",1],"one item"]}"#;

fn element<'a>(doc: &'a Document, selector: &str) -> NodeRef<'a> {
    doc.select(selector)
        .nodes()
        .first()
        .cloned()
        .unwrap_or_else(|| panic!("no {selector}"))
}

#[test]
fn live_facts_are_decoded_as_documented() {
    let snap = snapshot::decode(LIVE, &Options::default()).expect("valid live snapshot");
    let doc = &snap.document;
    let promo = element(doc, "#promo");
    assert!(promo.has_attr(SNAPSHOT_HIDDEN_ATTR) && dom::is_hidden(&promo));
    assert!(!dom::is_hidden(&element(doc, "#host")));
    let host_children: Vec<String> = element(doc, "#host")
        .element_children()
        .iter()
        .map(dom::tag)
        .collect();
    assert_eq!(host_children, ["h2", "p"]);
    let frame = element(doc, "div.embed");
    assert_eq!(
        frame.attr(IFRAME_ATTR).as_deref(),
        Some("https://example.org/frame")
    );
    assert_eq!(dom::inner_text(&frame), "Iframe paragraph.");
    let body = doc.body().expect("body");
    assert!(!body.has_attr("onload"), "handlers are dropped");
    assert_eq!(
        dom::attr(&doc.root().first_element_child().expect("html"), "lang"),
        "en"
    );
    let title = element(doc, "head > title");
    assert_eq!(
        dom::inner_text(&title),
        "Live page",
        "title created from the snapshot's title"
    );
    assert_eq!(snap.title.as_deref(), Some("Live page"));
    let holder = doc
        .tree
        .get(&snap.selection.expect("selection"))
        .expect("holder");
    assert!(holder.parent().is_none(), "the selection is detached");
    assert_eq!(
        holder
            .element_children()
            .iter()
            .map(dom::tag)
            .collect::<Vec<_>>(),
        ["p", "ul"]
    );
    assert!(
        !holder
            .element_children()
            .iter()
            .any(|p| p.has_attr("onclick"))
    );
}

#[test]
fn namespaces_follow_the_parser_rule_and_prefixes() {
    let snap = snapshot::decode(LIVE, &Options::default()).expect("valid");
    let doc = &snap.document;
    let ns_of = |node: &NodeRef| {
        node.qual_name_ref()
            .map(|q| q.ns.to_string())
            .unwrap_or_default()
    };
    let svg = doc
        .body()
        .and_then(|b| b.children_it(false).find(|c| c.has_name("svg")))
        .expect("svg");
    assert_eq!(ns_of(&svg), "http://www.w3.org/2000/svg");
    assert_eq!(svg.attr("viewBox").as_deref(), Some("0 0 1 1"));
    let parts = svg.element_children();
    assert_eq!(
        parts
            .iter()
            .map(|p| (dom::tag(p), ns_of(p)))
            .collect::<Vec<_>>(),
        [
            (
                "foreignObject".to_string(),
                "http://www.w3.org/2000/svg".to_string()
            ),
            ("math".to_string(), "http://www.w3.org/2000/svg".to_string()),
        ]
    );
    let p_in_svg = parts[0].first_element_child().expect("p");
    assert_eq!(ns_of(&p_in_svg), "http://www.w3.org/1999/xhtml");
    let mi = element(doc, "mi");
    assert_eq!(ns_of(&mi), "http://www.w3.org/1998/Math/MathML");
    let mglyph = mi.first_element_child().expect("mglyph");
    assert_eq!(
        (dom::tag(&mglyph), ns_of(&mglyph)),
        ("mglyph".into(), "http://www.w3.org/1998/Math/MathML".into())
    );
    // The encoder writes the same prefixes back.
    let again = encode(doc, &snap.url, None);
    assert!(
        again.contains(r#"["svg:math"]"#) && again.contains(r#"["math:mglyph"]"#),
        "{again}"
    );
}

#[test]
fn selection_becomes_the_article() {
    let article =
        readmark::extract_snapshot(LIVE, &Options::default()).expect("article from the selection");
    assert!(article.from_selection);
    for word in "Selected words here, several of them. one item".split_whitespace() {
        assert!(
            article.text.contains(word),
            "{word:?} missing from {:?}",
            article.text
        );
    }
    assert!(
        !article.text.contains("Buy now") && !article.text.contains("Shadow"),
        "{:?}",
        article.text
    );
    let without = LIVE.replace(r#""sel":"#, r#""unused":"#);
    let page = readmark::extract_snapshot(&without, &Options::default());
    assert!(page.is_err() || !page.as_ref().is_ok_and(|a| a.from_selection));
}

#[test]
fn encoder_applies_the_capture_rules() {
    let html = r#"<!DOCTYPE html><html lang="fr" dir="ltr"><head><title>T</title>
        <link rel="stylesheet" href="a.css"><link rel="canonical" href="https://x.org/c">
        <style>p{}</style><script>var a = 1;</script>
        <script type="application/ld+json">{"@type":"Article"}</script></head>
        <body onload="x()"><!-- note --><p onclick="y()" class="c">Hi</p>
        <template><p>tpl</p></template><script type="math/tex">x^2</script>
        <noscript><img src="lazy.jpg"></noscript></body></html>"#;
    let doc = Document::from(html);
    let json = encode(&doc, "https://x.org/p", None);
    for absent in [
        "stylesheet",
        "p{}",
        "var a",
        "note",
        "onclick",
        "onload",
        "tpl",
        "DOCTYPE",
    ] {
        assert!(!json.contains(absent), "{absent} was sent: {json}");
    }
    for present in [
        "canonical",
        "@type",
        "x^2",
        r#""lang":"fr""#,
        r#""title":"T""#,
        r#"<img src=\"lazy.jpg\">"#,
    ] {
        assert!(json.contains(present), "{present} missing: {json}");
    }
    let snap = snapshot::decode(&json, &Options::default()).expect("valid");
    let img = element(&snap.document, "noscript > img");
    assert_eq!(
        img.attr("src").as_deref(),
        Some("lazy.jpg"),
        "noscript markup parsed back into elements"
    );
}

#[test]
fn encoded_selection_becomes_the_article() {
    let page = corpus()
        .into_iter()
        .find(|p| p.name == "panorama")
        .expect("panorama page");
    let doc = Document::from(page.html.as_str());
    let paragraphs = doc.select("body p");
    let chosen = paragraphs
        .nodes()
        .iter()
        .find(|p| dom::text_len(p) > 200)
        .expect("a long paragraph");
    let json = encode(&doc, &page.url, Some(chosen));
    let article =
        readmark::extract_snapshot(&json, &Options::default()).expect("article from the selection");
    assert!(article.from_selection);
    assert_eq!(dom::normalize_space(&article.text), dom::inner_text(chosen));
    let whole = readmark::extract_snapshot(&encode(&doc, &page.url, None), &Options::default());
    assert!(whole.is_ok_and(|a| !a.from_selection && a.text.len() > article.text.len()));
}

// ---- hostile snapshots (issue 12) ---------------------------------------------------------

/// A `noscript` whose text is 100 000 nested `<div>`: its parse stops one chunk past the
/// depth limit (before, html5ever built all of it first, at a cost growing with the square).
#[test]
fn noscript_markup_is_parsed_within_the_limits() {
    let markup = "<div>".repeat(100_000);
    let json = with_doc(&format!(
        r#"[["html",2],["head"],["body",1],["noscript",1],{}]"#,
        serde_json::json!(markup)
    ));
    let start = Instant::now();
    let result = snapshot::decode(&json, &Options::default());
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
    match result {
        Err(Error::LimitExceeded {
            limit: "nesting depth",
            actual,
            max,
        }) => {
            assert_eq!(max, 512);
            let chunk = readmark::internals::limits::PARSE_CHUNK_BYTES;
            assert!(
                actual <= max + chunk,
                "the noscript parse went on to depth {actual}"
            );
        }
        other => panic!("expected the depth limit, got {:?}", other.map(|s| s.url)),
    }
}

/// Indentation integers expand within a budget proportional to the snapshot's size: 60 000
/// text nodes written `4096` (6 bytes each) would otherwise be 245 MB of spaces.
#[test]
fn indentation_shorthand_is_expanded_within_a_budget() {
    let runs = vec!["4096"; 60_000].join(",");
    let json = with_doc(&format!(r#"[["html",2],["head"],["body",60000],{runs}]"#));
    match snapshot::decode(&json, &Options::default()) {
        Err(Error::LimitExceeded {
            limit: "indentation",
            max,
            ..
        }) => assert!(max <= 4 * json.len(), "{max}"),
        other => panic!(
            "expected the indentation budget, got {:?}",
            other.map(|s| s.url)
        ),
    }
    // A few long runs in a small snapshot are fine.
    let few = with_doc(r#"[["html",2],["head"],["body",3],4096,"x",4096]"#);
    assert!(snapshot::decode(&few, &Options::default()).is_ok());
}

/// Over the corpus, the encoder's indentation integers expand to at most 1.24 times the
/// JSON's size (measured): the budget (four times the JSON) is never near for a real page.
#[test]
fn corpus_indentation_is_far_below_the_budget() {
    let mut most = 0f64;
    for page in corpus() {
        let json = snapshot_of(&page);
        let doc = snapshot::decode(&json, &Options::default())
            .expect("corpus snapshot decodes")
            .document;
        let indentation: usize = doc
            .root()
            .descendants_it()
            .filter(|n| n.is_text())
            .map(|n| n.text())
            .filter(|t| t.len() > 1 && t.starts_with('\n') && t[1..].bytes().all(|b| b == b' '))
            .map(|t| t.len())
            .sum();
        most = most.max(indentation as f64 / json.len() as f64);
    }
    println!("most indentation per JSON byte: {most:.3}");
    assert!(most < 2.0, "{most}");
}
