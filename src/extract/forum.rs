//! Threads and Q&A pages: what of a thread's main region is furniture, not posts.
//!
//! A thread is its opening post and every reply, in order ([`super::region`] keeps them
//! all). Around each post the forum engines (Discourse, phpBB, vBulletin, XenForo,
//! Invision, NodeBB, Stack Exchange…) put the same furniture under different names: the
//! author's card (title, join date, post count, reputation, badges), vote and reaction
//! widgets, post menus, signatures ([`FURNITURE_WORDS`], matched in class/id names and in
//! their BEM parts: `MessageCard__post-count`), and the buttons and counters whose whole
//! text is an action label ("Reply", "Share", "Click to expand...", "1 Like"). Two more
//! things repeat what the thread already says:
//!
//! * **a quoted earlier post**: a reply quoting a post of the same page repeats its text
//!   (XenForo's "… said: … Click to expand", Invision's and phpBB's quote boxes); the post
//!   itself is kept, the copy goes;
//! * **comments under a Q&A post**: on a question-and-answer page (schema.org `Question`
//!   and `Answer` items, as Stack Exchange marks them) the content is the question and its
//!   answers; the comment threads under each are asides.

use dom_query::NodeRef;

use super::patterns::{WordSet, has_word};
use crate::dom;
use crate::words::{lower_words, words};

/// Class/id words (dashes and underscores ignored: "user-info" is "userinfo") of what
/// surrounds a thread's posts: user cards with their title, join date, post count,
/// reputation and badges, signatures, vote and reaction widgets, post menus. Measured on
/// WCXB-dev's forum pages: under 5% of the text of such elements is in the reference
/// content.
pub const FURNITURE_WORDS: WordSet = WordSet::new(&[
    "userinfo",
    "userdetails",
    "userextras",
    "usertitle",
    "usercard",
    "authorinfo",
    "postprofile",
    "signature",
    "badges",
    "reputation",
    "votes",
    "voting",
    "votecell",
    "gravatar",
    "avatar",
    "reactions",
    "postmenu",
    "jspostmenu",
    "postactions",
    "login",
    "signin",
    "sronly",
    "visuallyhidden",
    "screenreadertext",
    "offline",
    "online",
    "postfoot",
    "userstats",
    "postcount",
    "joindate",
    "postcontrols",
    "postbuttons",
    "postfooter",
    "actionbar",
    "messagefooter",
    "reactionsbar",
    "quickreply",
    "postheader",
    "pagenav",
    "threadinfo",
    "lastedit",
    "bottomnotice",
    "notice",
    "replyform",
    "ctopicpostarea",
    "ipshide",
    "topicinfo",
    "blockstatus",
]);

/// Removes what repeats the thread from a forum page's region: copies of quoted posts and
/// the comments under Q&A posts.
pub fn tidy(region: &NodeRef) {
    drop_furniture(region);
    drop_action_labels(region);
    drop_qa_comments(region);
    drop_repeated_quotes(region);
    super::repeats::drop_repeats(region);
}

/// An element holding more than this share of the region's text holds posts, whatever
/// its name says.
const MAX_FURNITURE_SHARE: f64 = 0.5;

/// Removes the furniture named by [`FURNITURE_WORDS`], also where the word is one part of
/// a BEM class name (`MessageCard__post-count`, `message-userExtras`).
fn drop_furniture(region: &NodeRef) {
    let limit = dom::text_len(region) as f64 * MAX_FURNITURE_SHARE;
    let mut doomed = Vec::new();
    let mut next = region.first_element_child();
    while let Some(node) = next {
        if is_furniture(&dom::class_and_id(&node)) && (dom::text_len(&node) as f64) < limit {
            next = dom::next_element(&node, true);
            doomed.push(node);
        } else {
            next = dom::next_element(&node, false);
        }
        if next
            .as_ref()
            .is_some_and(|n| !dom::has_ancestor(n, |a| a.id == region.id))
        {
            break;
        }
    }
    for node in doomed {
        node.remove_from_parent();
    }
}

/// Before the chrome goes (the user cards with it): the author name of every outermost user
/// card under `root` is put before the card ([`keep_author_name`]). Each card is read once
/// and not entered again: linear in the tree.
pub fn keep_author_names(root: &NodeRef) {
    // Cards and the `time` elements outside them, in document order.
    let mut marks = Vec::new();
    let mut next = root.first_element_child();
    while let Some(node) = next {
        let card = is_furniture(&dom::class_and_id(&node));
        if card || node.has_name("time") {
            marks.push((card, node));
        }
        next = dom::next_element_within(&node, card, Some(root.id));
    }
    let mut name: Option<NodeRef> = None;
    for (card, node) in marks {
        if card {
            name = keep_author_name(&node).or(name);
        } else if let Some(p) = name.take() {
            attach_date(&p, &node);
        }
    }
}

/// The post's date joins its author's name ("Poltergust · Mar 27, 2025"): a date line on
/// its own is furniture on a news page and goes, but a thread's reference content keeps
/// each post's date under its author. The `time` element the date came from goes.
fn attach_date(name: &NodeRef, time: &NodeRef) {
    let date = dom::inner_text(time);
    if date.is_empty() || dom::text_len_exceeds(time, MAX_AUTHOR_NAME_CHARS) {
        return;
    }
    name.set_text(format!("{} · {date}", dom::inner_text(name)));
    time.remove_from_parent();
}

/// Class/id words (or BEM parts) of the element holding a post's author name in a user
/// card (`a.username`, `h4.message-name`, `cAuthorPane_author`). WCXB's threads keep each
/// post's author: the name is the one part of the card that belongs to the post.
const AUTHOR_NAME_WORDS: &[&str] = &["username", "name", "author", "postauthor"];

/// An author name is short (characters); a longer "name" element is a card's whole text.
const MAX_AUTHOR_NAME_CHARS: usize = 40;

/// Puts the author name of a doomed user card before it, as a paragraph of its own: the
/// first element named by [`AUTHOR_NAME_WORDS`], when it links to the author (is a link or
/// has one as a child). Only that first element is judged, and only its children are
/// looked at, so nested "name" elements cost no more than flat ones. The card itself goes.
fn keep_author_name<'a>(card: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let name = card
        .descendants_it()
        .find(|n| n.is_element() && is_author_name(&dom::class_and_id(n)))
        .filter(|n| n.has_name("a") || n.children_it(false).any(|c| c.has_name("a")))
        .filter(|n| !dom::text_len_exceeds(n, MAX_AUTHOR_NAME_CHARS));
    let text = dom::inner_text(&name?);
    if text.is_empty() {
        return None;
    }
    let p = card.tree.new_element("p");
    p.set_text(text);
    card.insert_before(&p);
    Some(p)
}

/// Some class (or the id), or some BEM part of one, is an author-name word.
fn is_author_name(names: &str) -> bool {
    names
        .split_whitespace()
        .flat_map(|class| std::iter::once(class).chain(class.split(['-', '_'])))
        .any(|w| AUTHOR_NAME_WORDS.contains(&w.to_ascii_lowercase().as_str()))
}

/// Some class (or the id), or some BEM part of one, joined without its dashes and
/// underscores, is a furniture word.
fn is_furniture(names: &str) -> bool {
    names.split_whitespace().any(|class| {
        std::iter::once(class)
            .chain(class.split("__"))
            .chain(class.split("--"))
            .chain(class.split(['-', '_']))
            .map(|part| {
                part.chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
            })
            .any(|w| FURNITURE_WORDS.contains(&w))
    })
}

/// A quote must have this many words for its copy to be recognised (a short quote is a
/// phrase a reply answers, and repeating it costs little).
const QUOTE_PROBE_WORDS: usize = 8;

/// Removes every quote (outermost `blockquote`) whose text is also in the region outside
/// the quotes: a copy of a post of the same page.
fn drop_repeated_quotes(region: &NodeRef) {
    let quotes: Vec<NodeRef> = dom::descendants_named(region, "blockquote")
        .into_iter()
        .filter(|q| !dom::has_ancestor(q, |a| a.has_name("blockquote")))
        .collect();
    if quotes.is_empty() {
        return;
    }
    let outside = words_outside_quotes(region).join(" ");
    for quote in quotes {
        let words = lower_words(&quote.text());
        if words.len() < QUOTE_PROBE_WORDS {
            continue;
        }
        let start = (words.len() - QUOTE_PROBE_WORDS) / 2;
        let probe = words[start..start + QUOTE_PROBE_WORDS].join(" ");
        if contains_words(&outside, &probe) {
            quote.remove_from_parent();
        }
    }
}

/// `haystack` holds `probe` as whole words (both are words joined by single spaces).
fn contains_words(haystack: &str, probe: &str) -> bool {
    haystack.match_indices(probe).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + probe.len()..].chars().next();
        before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ')
    })
}

/// The words of the region's text outside every `blockquote`, in order.
fn words_outside_quotes(region: &NodeRef) -> Vec<String> {
    region
        .descendants_it()
        .filter(|n| n.is_text())
        .filter(|n| !dom::has_ancestor(n, |a| a.has_name("blockquote")))
        .flat_map(|n| lower_words(&n.text()))
        .collect()
}

/// schema.org item types of a Q&A page's posts.
const QA_POST_TYPES: &[&str] = &["Question", "Answer"];

/// Class/id words of the comment list under a Q&A post.
const QA_COMMENT_WORDS: WordSet = WordSet::new(&["comments", "comment"]);

/// Removes the comment lists inside the question and answers of a Q&A page.
fn drop_qa_comments(region: &NodeRef) {
    let doomed: Vec<NodeRef> = region
        .descendants_it()
        .filter(|n| n.is_element())
        .filter(|n| has_word(&dom::class_and_id(n), &QA_COMMENT_WORDS))
        .filter(|n| dom::has_ancestor(n, is_qa_post))
        .filter(|n| !dom::has_ancestor(n, |a| has_word(&dom::class_and_id(a), &QA_COMMENT_WORDS)))
        .collect();
    for node in doomed {
        node.remove_from_parent();
    }
}

/// A question or an answer by its schema.org microdata type.
fn is_qa_post(node: &NodeRef) -> bool {
    dom::with_attr(node, "itemtype", |t| {
        t.rsplit('/')
            .next()
            .is_some_and(|last| QA_POST_TYPES.contains(&last))
    })
}

/// Whole texts (lower case, a trailing colon left out) of the buttons and links around a
/// post: reply, quote, share, report, vote, expand, the engine's status lines. On
/// WCXB-dev's forum pages none of them is a line of the reference content. English only:
/// the engines' other languages are left to the class/id words.
const ACTION_LABELS: &[&str] = &[
    "reply",
    "reply with quote",
    "quote",
    "quote reply",
    "multi-quote",
    "multiquote",
    "share",
    "report",
    "report post",
    "flag",
    "permalink",
    "embed",
    "parent",
    "save",
    "follow",
    "upvote",
    "downvote",
    "like",
    "offline",
    "online",
    "click to expand...",
    "click to shrink...",
    "original poster",
    "not open for further replies.",
    "go to topic listing",
    "new posts",
    "ask question",
    "see similar questions with these tags.",
    "log in to reply",
    "sign in to reply",
    "reply to this topic",
];

/// Counters shown next to a post or atop a thread, number first or last: "1 Like", "3
/// replies", "11 Answers", "Views 1.9k". On WCXB-dev's threads no line of the reference
/// content is one. (Not followers: "260 followers" is a profile card's content.)
const COUNTER_NOUNS: &[&str] = &[
    "like", "likes", "reply", "replies", "answer", "answers", "view", "views", "post", "posts",
];

/// The words of a share row: networks and the share/copy/mail buttons. A short element
/// made only of these (at least [`MIN_SHARE_ROW_WORDS`]) is the row of share buttons
/// under a post or thread ("Facebook X Bluesky LinkedIn Reddit Pinterest Tumblr WhatsApp
/// Email Link"); a sentence naming a network has other words too.
const SHARE_ROW_WORDS: &[&str] = &[
    "facebook",
    "x",
    "twitter",
    "bluesky",
    "linkedin",
    "reddit",
    "pinterest",
    "tumblr",
    "whatsapp",
    "telegram",
    "email",
    "link",
    "share",
    "copy",
    "print",
];

/// Fewer words than this are one or two buttons, which [`ACTION_LABELS`] judge.
const MIN_SHARE_ROW_WORDS: usize = 3;

/// A share row is short (characters).
const MAX_SHARE_ROW_CHARS: usize = 120;

/// An action label is never longer than this (characters).
const MAX_LABEL_CHARS: usize = 40;

/// schema.org microdata properties of a post's counters (Q&A engines mark their vote and
/// answer counts so): a number, never a line of the thread.
const COUNTER_ITEMPROPS: &[&str] = &["upvoteCount", "downvoteCount", "answerCount"];

/// A post's counter by its microdata property.
fn is_marked_counter(node: &NodeRef) -> bool {
    dom::with_attr(node, "itemprop", |p| COUNTER_ITEMPROPS.contains(&p.trim()))
}

/// The utility class that hides an element at every width (Bootstrap, Stack Exchange's
/// Stacks): its text (typesetting markers such as `$\begingroup$`, empty notices) is never
/// shown. One that another class shows at some width (`sm:d-block`, `d-md-flex`) stays.
fn is_hidden_by_class(node: &NodeRef) -> bool {
    dom::with_attr(node, "class", |c| {
        let mut tokens = c.split_whitespace();
        tokens.clone().any(|t| t == "d-none")
            && !tokens.any(|t| {
                t.contains(':')
                    || ["d-sm-", "d-md-", "d-lg-", "d-xl-"]
                        .iter()
                        .any(|b| t.starts_with(b))
            })
    })
}

/// Removes the elements whose whole text is an action label or a post's counter.
fn drop_action_labels(region: &NodeRef) {
    let doomed: Vec<NodeRef> = region
        .descendants_it()
        .filter(|n| n.is_element() && !dom::text_len_exceeds(n, MAX_SHARE_ROW_CHARS))
        .filter(|n| {
            is_marked_counter(n) || is_hidden_by_class(n) || {
                let text = dom::inner_text(n);
                is_share_row(&text)
                    || (!dom::text_len_exceeds(n, MAX_LABEL_CHARS) && is_action_label(&text))
            }
        })
        .collect();
    for node in doomed {
        node.remove_from_parent();
    }
}

/// `text` is a whole action label or counter.
fn is_action_label(text: &str) -> bool {
    let label = text.trim().trim_end_matches(':').to_lowercase();
    if ACTION_LABELS.contains(&label.as_str()) {
        return true;
    }
    let mut words = label.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(a), Some(b), None) => {
            (is_count(a) && COUNTER_NOUNS.contains(&b))
                || (is_count(b) && COUNTER_NOUNS.contains(&a))
        }
        _ => false,
    }
}

/// "3", "1,204", "1.9k", "26.2K", "2m": a count as counters show it.
fn is_count(word: &str) -> bool {
    let digits = word.trim_end_matches(['k', 'm']);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// `text` is a row of share buttons: only [`SHARE_ROW_WORDS`], at least
/// [`MIN_SHARE_ROW_WORDS`] of them.
fn is_share_row(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = words(&lower).collect();
    words.len() >= MIN_SHARE_ROW_WORDS && words.iter().all(|w| SHARE_ROW_WORDS.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    #[test]
    fn share_rows_and_counters_go_sentences_naming_a_network_stay() {
        let doc = Document::from(
            "<main><p>Post text that stays.</p><div>Facebook X Bluesky LinkedIn Reddit \
             Email Link</div><span>Views 1.9k</span><span>11 Answers</span>\
             <p>Share it on Facebook with your friends.</p><p>260 followers</p></main>",
        );
        let main = doc.select("main").nodes()[0];
        drop_action_labels(&main);
        let text = dom::inner_text(&main);
        assert!(!text.contains("Bluesky") && !text.contains("Views") && !text.contains("Answers"));
        assert!(text.contains("Post text") && text.contains("with your friends"));
        assert!(text.contains("260 followers"), "{text}");
    }

    #[test]
    fn a_user_card_leaves_its_author_name_with_the_post_date() {
        let doc = Document::from(
            "<main><article><div class='message-userDetails'><h4 class='message-name'>\
             <a href='/members/1' class='username'>Poltergust</a></h4><h5>Member</h5></div>\
             <div class='message-userExtras'>Joined <time>Oct 25, 2017</time></div>\
             <header><time>Mar 27, 2025</time></header>\
             <div class='bbWrapper'>Hello there.</div></article></main>",
        );
        let main = doc.select("main").nodes()[0];
        keep_author_names(&main);
        drop_furniture(&main);
        let text = dom::inner_text(&main);
        assert!(text.contains("Poltergust · Mar 27, 2025"), "{text}");
        assert!(
            !text.contains("Member") && !text.contains("Joined"),
            "{text}"
        );
    }
}
