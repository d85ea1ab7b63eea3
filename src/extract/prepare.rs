//! Prepare the document for scoring.
//!
//! Runs once, after metadata has been read: what can never be article text goes (scripts,
//! styles, comments, templates), MathJax sources are kept as math spans, lazy-load
//! `<noscript>` fallbacks replace their placeholders, `<br><br>` runs become paragraphs,
//! `<font>` becomes `<span>`, a form that wraps prose becomes a `<div>`, and closed tabs
//! and collapsed disclosure panels and answers (an FAQ's) are shown. Nothing here
//! decides what the article is.

use std::collections::HashSet;

use dom_query::{Document, NodeRef};

use crate::dom::{self, DeepText};

/// Elements removed outright: their text is never part of an article.
const NEVER_CONTENT: &[&str] = &["script", "noscript", "style", "template", "link"];

/// The class given to MathJax sources rescued from `<script type="math/tex">`; the Markdown
/// writer renders it as `$…$` / `$$…$$`.
pub const MATH_CLASS: &str = "rm-math";

/// Removes what is never article content and normalises markup.
pub fn prepare(doc: &Document) {
    keep_mathjax_sources(doc);
    super::media::unwrap_noscript_images(doc);
    let found = Gathered::of(doc);
    for node in &found.never_content {
        node.remove_from_parent();
    }
    reveal_tab_panels(&found.hidden);
    reveal_disclosed_panels(&found.hidden, &found.controlled);
    reveal_answers(&found.hidden);
    unwrap_prose_forms(&found.forms);
    replace_br_runs(&found.brs);
    for font in &found.fonts {
        font.rename("span");
    }
}

/// What the steps of [`prepare`] after the `<noscript>` fallbacks act on, gathered in one
/// walk of the document (each step walking the body for its own nodes read it seven times).
/// Gathering early is exact: removing what is never content only takes away subtrees the
/// walk steps over; showing panels only changes the attributes that hide them (each step
/// still asks [`dom::is_hidden`] again of the nodes hidden at the start); and no step adds
/// or removes a form, a `<br>` or a `<font>` other steps look for.
#[derive(Default)]
struct Gathered<'a> {
    /// Scripts, styles, templates… and comments, the outermost of each nest.
    never_content: Vec<NodeRef<'a>>,
    /// The body's hidden elements, in document order.
    hidden: Vec<NodeRef<'a>>,
    /// The ids a disclosure control (an element with `aria-expanded`) names in its
    /// `aria-controls`.
    controlled: HashSet<String>,
    /// The body's forms, `<br>`s and `<font>`s, in document order.
    forms: Vec<NodeRef<'a>>,
    brs: Vec<NodeRef<'a>>,
    fonts: Vec<NodeRef<'a>>,
}

impl<'a> Gathered<'a> {
    /// One walk of `doc` (document order, with its own stack; each node carries whether it
    /// is below the body), stepping over what is never content.
    fn of(doc: &'a Document) -> Gathered<'a> {
        let body = doc.body().map(|b| b.id);
        let mut found = Gathered::default();
        let mut stack = vec![(doc.root(), false)];
        while let Some((node, in_body)) = stack.pop() {
            let never_content = match node.qual_name_ref() {
                Some(name) => NEVER_CONTENT.contains(&&*name.local),
                None => dom::is_comment(&node),
            };
            if never_content {
                found.never_content.push(node);
                continue;
            }
            if in_body && node.is_element() {
                found.note_body_element(node);
            }
            let in_body = in_body || Some(node.id) == body;
            stack.extend(node.children_it(true).map(|c| (c, in_body)));
        }
        found
    }

    /// Notes an element below the body in the lists it belongs to.
    fn note_body_element(&mut self, node: NodeRef<'a>) {
        if dom::is_hidden(&node) {
            self.hidden.push(node);
        }
        if node.has_attr("aria-expanded") {
            dom::with_attr(&node, "aria-controls", |ids| {
                self.controlled
                    .extend(ids.split_whitespace().map(str::to_string));
            });
        }
        let list = dom::with_tag(&node, |tag| match tag {
            "form" => Some(&mut self.forms),
            "br" => Some(&mut self.brs),
            "font" => Some(&mut self.fonts),
            _ => None,
        });
        if let Some(list) = list {
            list.push(node);
        }
    }
}

/// A tab panel (`role=tabpanel`) the page hides is a tab the reader has not clicked yet:
/// a product's specifications and shipping, a doc's code sample in another language. Its
/// text is the page's own, one click away, so it is shown like the open tab (a printout
/// or a reader view has no tabs to click).
fn reveal_tab_panels(hidden: &[NodeRef]) {
    let panels: Vec<&NodeRef> = hidden
        .iter()
        .filter(|n| dom::attr_is(n, "role", "tabpanel"))
        .filter(|n| !dom::has_ancestor(n, is_shut))
        .collect();
    for panel in panels {
        show(panel);
    }
}

/// A collapsed panel of a disclosure widget (an FAQ's answer, an accordion's section) is
/// the page's own text one click away, like a closed tab: the element that a control
/// carrying `aria-expanded` names in its `aria-controls`. A service or product page puts
/// its FAQ, its course modules or its specifications there. Measured on WCXB-dev: 18 pages
/// better, 1 worse (net +2.7: service 0.8378 -> 0.8439, product 0.6582 -> 0.6696,
/// collection 0.6887 -> 0.6910); Readability and ScrapingHub unchanged page by page.
/// (Menus use the same markup, but the main region strips them as chrome anyway.)
fn reveal_disclosed_panels(hidden: &[NodeRef], controlled: &HashSet<String>) {
    if controlled.is_empty() {
        return;
    }
    let panels: Vec<&NodeRef> = hidden
        .iter()
        .filter(|n| dom::is_hidden(n))
        .filter(|n| dom::with_attr(n, "id", |id| controlled.contains(id)))
        .filter(|n| !dom::has_ancestor(n, is_shut))
        .collect();
    for panel in panels {
        show(panel);
    }
}

/// A question (the visible block just before a hidden one) is at most this long
/// (characters): an FAQ's question is a line, not a paragraph.
const MAX_QUESTION_CHARS: usize = 300;

/// Above this link density the block before a hidden one is a menu or a breadcrumb (whose
/// last item may be a thread's title asking a question), not a question.
const MAX_QUESTION_LINK_DENSITY: f64 = 0.5;

/// A hidden block right after a visible question is its answer, collapsed by a script that
/// marks nothing with ARIA (`style="visibility:hidden"` on the answer, toggled by a click
/// on the question): shown like a disclosure panel. Measured on WCXB-dev after
/// [`reveal_disclosed_panels`]: 11 pages better, 3 worse (net +1.143: service 0.8439 ->
/// 0.8460, product 0.6696 -> 0.6731, listing 0.7166 -> 0.7200; a service page whose truth
/// leaves its FAQ out -0.142); Readability and ScrapingHub unchanged page by page.
fn reveal_answers(hidden: &[NodeRef]) {
    let answers: Vec<&NodeRef> = hidden
        .iter()
        .filter(|n| dom::is_hidden(n))
        .filter(|n| n.prev_element_sibling().is_some_and(|q| is_question(&q)))
        .filter(|n| n.is_nonempty_text_deep())
        .filter(|n| !dom::has_ancestor(n, is_shut))
        .collect();
    for answer in answers {
        show(answer);
    }
}

/// A visible line of text asking a question, not a list of links.
fn is_question(node: &NodeRef) -> bool {
    // The length first, counted and given up past the bound: every hidden block asks this
    // of the block before it, which may hold the rest of the page (its text read in full
    // for each of 500 nested blocks took a second on a 1 MB page).
    if dom::is_hidden(node)
        || dom::is_any(node, &["ul", "ol", "nav"])
        || dom::text_len_exceeds(node, MAX_QUESTION_CHARS)
    {
        return false;
    }
    let text = dom::inner_text(node);
    let text = text.trim();
    text.chars().count() < MAX_QUESTION_CHARS
        && text.ends_with('?')
        && dom::link_density(node) <= MAX_QUESTION_LINK_DENSITY
}

/// Takes away what hides `panel`: the attributes, its inline style, and the mark a live
/// page's snapshot leaves for a computed style that hides it.
fn show(panel: &NodeRef) {
    panel.remove_attr("hidden");
    panel.remove_attr("aria-hidden");
    panel.remove_attr("style");
    panel.remove_attr(dom::SNAPSHOT_HIDDEN_ATTR);
}

/// A form holding this many characters of paragraph and quote text wraps content: a
/// forum's inline-moderation form around a thread's posts, an ASP.NET page's page-wide
/// form. Search, login, comment and newsletter forms on WCXB-dev hold under 300 (their text
/// is labels, options and buttons), and a form is otherwise shown as no text at all.
const FORM_PROSE_CHARS: usize = 1000;

/// Elements whose text is a form's own controls, not prose.
const FORM_CONTROLS: &[&str] = &["button", "label", "option", "select", "textarea"];

/// Renames to `div` every form that wraps prose ([`FORM_PROSE_CHARS`]), so that its posts
/// are judged like any other container's instead of vanishing with the form.
fn unwrap_prose_forms(forms: &[NodeRef]) {
    for form in forms {
        if prose_chars(form) >= FORM_PROSE_CHARS {
            form.rename("div");
        }
    }
}

/// The characters of text inside `p` and `blockquote` elements under `form`, outside its
/// controls (counted up to [`FORM_PROSE_CHARS`]). Walked with its own stack, each node
/// carrying whether a paragraph or quote holds it: no text node's ancestors are read.
fn prose_chars(form: &NodeRef) -> usize {
    let mut chars = 0;
    let mut stack: Vec<(NodeRef, bool)> = form.children().into_iter().map(|c| (c, false)).collect();
    while let Some((node, in_prose)) = stack.pop() {
        if node.is_text() {
            if in_prose {
                chars += dom::with_own_text(&node, |text| text.trim().chars().count()).unwrap_or(0);
                if chars >= FORM_PROSE_CHARS {
                    break;
                }
            }
        } else if node.is_element() && !dom::is_any(&node, FORM_CONTROLS) {
            let in_prose = in_prose || node.has_name("p") || node.has_name("blockquote");
            stack.extend(node.children().into_iter().map(|c| (c, in_prose)));
        }
    }
    chars
}

/// An element that is shut until the reader opens it: hidden, a popover or a dialog. Tabs
/// inside one belong to it (an "install the app" dialog's browser tabs), not to the page.
fn is_shut(node: &NodeRef) -> bool {
    dom::is_hidden(node)
        || node.has_attr("popover")
        || node.has_name("dialog")
        || dom::attr_is(node, "role", "dialog")
}

/// `<script type="math/tex; mode=display">x^2</script>` → `<span class="rm-math"
/// data-tex="x^2" data-display="block">`: the TeX source is the only form of the formula
/// that survives without running MathJax.
fn keep_mathjax_sources(doc: &Document) {
    for script in dom::descendants_named(&doc.root(), "script") {
        let kind = dom::attr(&script, "type").to_lowercase();
        if !kind.starts_with("math/tex") {
            continue;
        }
        let span = doc.tree.new_element("span");
        span.set_attr("class", MATH_CLASS);
        span.set_attr("data-tex", script.text().trim());
        span.set_attr(
            "data-display",
            if kind.contains("mode=display") {
                "block"
            } else {
                "inline"
            },
        );
        script.insert_before(&span);
        script.remove_from_parent();
    }
}

/// Two or more `<br>` in a row (white space between them allowed) end a paragraph: the
/// phrasing content after them is wrapped into a `<p>` of its own, the `<br>`s go.
fn replace_br_runs(brs: &[NodeRef]) {
    for br in brs {
        if br.parent().is_none() {
            continue; // already consumed by an earlier run
        }
        let mut replaced = false;
        while let Some(next) = next_non_blank_sibling(br) {
            if !next.has_name("br") {
                break;
            }
            replaced = true;
            // The blank text between goes too: left behind, it would be skipped again at every
            // later step, and a run of `<br> <br> …` would cost its length squared.
            while let Some(blank) = br.next_sibling().filter(|n| n.id != next.id) {
                blank.remove_from_parent();
            }
            next.remove_from_parent();
        }
        if replaced {
            wrap_following_phrasing(br);
        }
    }
}

/// The next sibling that is not a white-space-only text node.
fn next_non_blank_sibling<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    dom::next_sibling_where(node, |n| !n.is_text() || n.is_nonempty_text())
}

/// Replaces `br` by a `<p>` holding the phrasing siblings that follow it, up to the next
/// `<br><br>` or block.
fn wrap_following_phrasing(br: &NodeRef) {
    let Some(parent) = br.parent() else { return };
    let p = br.tree.new_element("p");
    br.insert_before(&p);
    br.remove_from_parent();
    let mut next = p.next_sibling();
    while let Some(sibling) = next {
        if sibling.has_name("br")
            && let Some(after) = next_non_blank_sibling(&sibling)
            && after.has_name("br")
        {
            break;
        }
        if !dom::is_phrasing(&sibling) {
            break;
        }
        next = sibling.next_sibling();
        p.append_child(&sibling);
    }
    while let Some(last) = p.last_child() {
        if !dom::is_whitespace(&last) {
            break;
        }
        last.remove_from_parent();
    }
    if p.children_it(false).next().is_none() {
        p.remove_from_parent();
    }
    if parent.has_name("p") {
        parent.rename("div");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_tab_is_shown_a_hidden_dialog_stays_shut() {
        let doc = Document::from(
            "<main><div role='tabpanel'>Python</div>\
             <div role='tabpanel' hidden>Node.js</div></main>\
             <div popover><div role='tabpanel' hidden>Safari</div></div>",
        );
        prepare(&doc);
        let panels = doc.select("[role=tabpanel]");
        let hidden: Vec<bool> = panels.nodes().iter().map(dom::is_hidden).collect();
        assert_eq!(hidden, [false, false, true]);
    }

    #[test]
    fn a_collapsed_faq_answer_is_shown_a_hidden_block_it_does_not_control_stays_hidden() {
        let doc = Document::from(
            "<ul class='accordion'><li><h3><button aria-controls='faq-1' aria-expanded='false'>\
             How soon can I use my insurance?</button></h3>\
             <div id='faq-1' role='region' aria-hidden='true'><p>Once the waiting period \
             is over.</p></div></li></ul>\
             <div id='promo' aria-hidden='true'>Save 5% today</div>\
             <div popover><button aria-controls='faq-2' aria-expanded='false'>More</button>\
             <div id='faq-2' hidden>Inside a popover</div></div>",
        );
        prepare(&doc);
        let shown = |sel: &str| !dom::is_hidden(&doc.select(sel).nodes()[0]);
        assert!(shown("#faq-1"));
        assert!(!shown("#promo"));
        assert!(!shown("#faq-2"));
    }

    #[test]
    fn a_hidden_answer_after_a_question_is_shown_a_notice_after_a_breadcrumb_is_not() {
        let doc = Document::from(
            "<div class='faq'><div><div>What does pet insurance cover?</div></div>\
             <div id='answer' style='visibility:hidden'><div>Coverage ranges from \
             accidents only to comprehensive plans.</div></div></div>\
             <ul class='breadcrumbs'><li><a href='/'>Forums</a></li>\
             <li><a href='/f/41'>Could this be ALS?</a></li></ul>\
             <div id='notice' style='display: none'>You are using an out of date browser.</div>",
        );
        prepare(&doc);
        let shown = |sel: &str| !dom::is_hidden(&doc.select(sel).nodes()[0]);
        assert!(shown("#answer"));
        assert!(!shown("#notice"));
    }

    #[test]
    fn a_long_block_ending_in_a_question_is_no_question() {
        let long = "Some prose that goes on for a while before it asks. ".repeat(8);
        let doc = Document::from(format!(
            "<div>{long}Is that so?</div><div id='after' hidden>Yes.</div>"
        ));
        prepare(&doc);
        assert!(dom::is_hidden(&doc.select("#after").nodes()[0]));
    }

    #[test]
    fn a_form_around_posts_is_content_a_comment_form_is_not() {
        let post = "I know this category covers social networks, but they were born from forums. ";
        let posts = format!("<blockquote>{}</blockquote>", post.repeat(14));
        let doc = Document::from(format!(
            "<form id=posts action=inline-mod>{posts}{posts}</form>\
             <form id=reply><p>Leave a reply. Your email address will not be published.</p>\
             <label>Comment</label><textarea>{}</textarea><button>Post</button></form>",
            post.repeat(20)
        ));
        prepare(&doc);
        assert!(doc.select("div#posts").exists());
        assert!(doc.select("form#reply").exists());
    }
}
