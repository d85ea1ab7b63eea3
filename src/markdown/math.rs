//! Math in the page, as TeX: MathML or KaTeX carrying an `application/x-tex` annotation, and
//! the prepare phase's `<span class="rm-math" data-tex="…" data-display="inline|block">`
//! (what MathJax `<script type="math/tex">` becomes). Shared by the Markdown and text writers.

use dom_query::NodeRef;
use html5ever::local_name;

use crate::dom::{attr, normalize_space};

/// The class the prepare phase gives to a span standing for a MathJax formula.
const RM_MATH_CLASS: &str = "rm-math";

/// One formula: its TeX source (white space collapsed) and whether it is display math.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Math {
    /// TeX source, trimmed, runs of white space collapsed to one space.
    pub tex: String,
    /// True for display (block) math, false for inline math.
    pub display: bool,
}

/// The formula `node` stands for, if it is a math element with a TeX source.
pub fn math_of(node: &NodeRef) -> Option<Math> {
    let display = match math_source(node)? {
        MathSource::Ours => {
            let tex = normalize_space(&attr(node, "data-tex"));
            let display = attr(node, "data-display").eq_ignore_ascii_case("block");
            return (!tex.is_empty()).then_some(Math { tex, display });
        }
        MathSource::MathMl => attr(node, "display").eq_ignore_ascii_case("block"),
        MathSource::Katex { display } => display,
    };
    let tex = tex_annotation(node)?;
    Some(Math { tex, display })
}

/// What kind of math element a node is.
enum MathSource {
    /// Our own `span.rm-math`, its TeX in `data-tex`.
    Ours,
    /// A MathML `<math>`.
    MathMl,
    /// KaTeX's rendering (`.katex-display` or `.katex`).
    Katex { display: bool },
}

/// The kind of math element `node` is, if any: its name and class read once, the class
/// tokens in one pass (the writers ask it of every element; a pass per class name read a
/// long class list up to three times).
fn math_source(node: &NodeRef) -> Option<MathSource> {
    let element = node.element_ref()?;
    let local = &element.name.local;
    if *local == local_name!("math") {
        return Some(MathSource::MathMl);
    }
    let class = element.attr_ref(local_name!("class")).unwrap_or("");
    let (mut ours, mut display, mut katex) = (false, false, false);
    for token in class.split_ascii_whitespace() {
        match token {
            RM_MATH_CLASS => ours = true,
            "katex-display" => display = true,
            "katex" => katex = true,
            _ => {}
        }
    }
    if ours && *local == local_name!("span") {
        Some(MathSource::Ours)
    } else if display {
        Some(MathSource::Katex { display: true })
    } else if katex {
        Some(MathSource::Katex { display: false })
    } else {
        None
    }
}

/// The text of the first `<annotation encoding="application/x-tex">` below `node`.
fn tex_annotation(node: &NodeRef) -> Option<String> {
    let annotation = node.descendants_it().find(|d| {
        d.has_name("annotation") && attr(d, "encoding").eq_ignore_ascii_case("application/x-tex")
    })?;
    let tex = normalize_space(&annotation.text());
    (!tex.is_empty()).then_some(tex)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn math(html: &str) -> Option<Math> {
        let doc = Document::from(html);
        let node = doc.select("body > *").nodes().first().copied()?;
        math_of(&node)
    }

    #[test]
    fn math_elements_are_told_by_name_and_class() {
        let tex = "<annotation encoding='application/x-tex'>x^2</annotation>";
        let katex = math(&format!("<span class='a katex-display'>{tex}</span>")).unwrap();
        assert!(katex.display && katex.tex == "x^2");
        assert!(
            !math(&format!("<span class='katex'>{tex}</span>"))
                .unwrap()
                .display
        );
        let ours = math("<span class='rm-math' data-tex='a' data-display='BLOCK'></span>");
        assert!(ours.is_some_and(|m| m.display && m.tex == "a"));
        assert!(math("<div class='rm-math' data-tex='a'></div>").is_none());
        assert!(math(&format!("<span class='katexx'>{tex}</span>")).is_none());
    }
}
