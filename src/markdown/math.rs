//! Math in the page, as TeX: MathML or KaTeX carrying an `application/x-tex` annotation, and
//! the prepare phase's `<span class="rm-math" data-tex="…" data-display="inline|block">`
//! (what MathJax `<script type="math/tex">` becomes). Shared by the Markdown and text writers.

use dom_query::NodeRef;

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
    if !node.is_element() {
        return None;
    }
    if node.has_name("span") && node.has_class(RM_MATH_CLASS) {
        let tex = normalize_space(&attr(node, "data-tex"));
        let display = attr(node, "data-display").eq_ignore_ascii_case("block");
        return (!tex.is_empty()).then_some(Math { tex, display });
    }
    let display = if node.has_name("math") {
        attr(node, "display").eq_ignore_ascii_case("block")
    } else if node.has_class("katex-display") {
        true
    } else if node.has_class("katex") {
        false
    } else {
        return None;
    };
    let tex = tex_annotation(node)?;
    Some(Math { tex, display })
}

/// The text of the first `<annotation encoding="application/x-tex">` below `node`.
fn tex_annotation(node: &NodeRef) -> Option<String> {
    let annotation = node.descendants_it().find(|d| {
        d.has_name("annotation") && attr(d, "encoding").eq_ignore_ascii_case("application/x-tex")
    })?;
    let tex = normalize_space(&annotation.text());
    (!tex.is_empty()).then_some(tex)
}
