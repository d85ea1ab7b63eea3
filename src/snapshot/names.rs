//! The snapshot's namespace and name rules, shared by the decoder and the encoder (which
//! lives in readmark-tools and reaches them through `readmark::internals::snapshot`): what a
//! tag's prefix means, where the namespace of children defaults back to HTML, which names are
//! safe. The rules themselves are specified in [the module docs](super).

#[allow(unused_imports)]
use html5ever::namespace_url;
use html5ever::{QualName, ns};

/// The namespace an element gets from a snapshot tag, and the tag's prefix naming it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Space {
    Html,
    Svg,
    MathMl,
}

impl Space {
    /// The namespace of an element name (anything but SVG and MathML counts as HTML).
    pub fn of(name: &QualName) -> Space {
        if name.ns == ns!(svg) {
            Space::Svg
        } else if name.ns == ns!(mathml) {
            Space::MathMl
        } else {
            Space::Html
        }
    }

    /// The explicit tag prefix for this namespace.
    fn prefix(self) -> &'static str {
        match self {
            Space::Html => "html:",
            Space::Svg => "svg:",
            Space::MathMl => "math:",
        }
    }

    /// The namespace of an element's children by default (HTML integration points).
    pub fn of_children(self, local: &str) -> Space {
        match self {
            Space::Html => Space::Html,
            Space::Svg if matches!(local, "foreignObject" | "desc" | "title") => Space::Html,
            Space::Svg => Space::Svg,
            Space::MathMl
                if matches!(
                    local,
                    "mi" | "mo" | "mn" | "ms" | "mtext" | "annotation-xml"
                ) =>
            {
                Space::Html
            }
            Space::MathMl => Space::MathMl,
        }
    }

    /// The namespace an unprefixed tag gets where its parent's children default to `self`.
    pub fn inferred(self, local: &str) -> Space {
        match local {
            "svg" => Space::Svg,
            "math" => Space::MathMl,
            _ => self,
        }
    }
}

/// Splits a snapshot tag into its namespace and local name, `default` being what the parent
/// gives its children.
pub fn split_tag(tag: &str, default: Space) -> (Space, &str) {
    for space in [Space::Html, Space::Svg, Space::MathMl] {
        if let Some(local) = tag.strip_prefix(space.prefix()) {
            return (space, local);
        }
    }
    (default.inferred(tag), tag)
}

/// The snapshot tag for an element of namespace `space` named `local`, where the parent gives
/// its children `default`: the bare name when the rule infers the namespace, else prefixed.
pub fn tag_for(space: Space, local: &str, default: Space) -> String {
    let bare_splits_right = split_tag(local, default) == (space, local);
    if bare_splits_right {
        local.to_string()
    } else {
        format!("{}{local}", space.prefix())
    }
}

/// A name that can be written back as HTML unambiguously (see the module docs).
pub fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && !name.chars().any(|c| {
            c.is_ascii_whitespace()
                || c.is_control()
                || matches!(c, '"' | '\'' | '`' | '<' | '>' | '/' | '=')
        })
}

/// An event-handler attribute (`onclick`…), never sent and always dropped.
pub fn is_handler_attr(name: &str) -> bool {
    name.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("on"))
}
