//! Words as the benchmarks count them — runs of letters and digits — and the two overlap
//! measures built on them.
//!
//! A neutral module: the phases that compare texts (boilerplate, the article finder, the
//! chooser, the thread tidier, metadata) all count words here, so that they split text the
//! same way and none of them imports another phase for it.

/// The runs of letters and digits in `text`, in order, as they are written.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The words of `text`, lower-cased, in order.
pub fn lower_words(text: &str) -> Vec<String> {
    words(text).map(str::to_lowercase).collect()
}

/// Share of the distinct `words` that occur in `among`; 0 when there are none.
pub fn shared_share(words: &[String], among: &[String]) -> f64 {
    let mut distinct: Vec<&String> = words.iter().collect();
    distinct.sort();
    distinct.dedup();
    let shared = distinct.iter().filter(|w| among.contains(w)).count();
    shared as f64 / distinct.len().max(1) as f64
}

/// Share of `a`'s distinct words (lower-cased) that also occur in `b`.
pub fn word_overlap(a: &str, b: &str) -> f64 {
    shared_share(&lower_words(a), &lower_words(b))
}

/// Share of `b`'s words, weighted by length, that also occur in `a` (case-insensitive): the
/// measure Readability uses to tell a heading that repeats the title. 0 when either has no
/// words.
pub fn text_similarity(a: &str, b: &str) -> f64 {
    let (ta, tb) = (lower_words(a), lower_words(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    // Characters of the words joined by single spaces, as Readability measures them.
    let joined = |ws: &[&String]| -> usize {
        ws.iter().map(|w| w.chars().count()).sum::<usize>() + ws.len().saturating_sub(1)
    };
    let all: Vec<&String> = tb.iter().collect();
    let unique: Vec<&String> = tb.iter().filter(|t| !ta.contains(t)).collect();
    1.0 - joined(&unique) as f64 / joined(&all) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let found: Vec<&str> = words("Élan, 3rd-party — “quoted” x2").collect();
        assert_eq!(found, ["Élan", "3rd", "party", "quoted", "x2"]);
        assert_eq!(lower_words("Élan VITAL"), ["élan", "vital"]);
        assert_eq!(words(" -- ").count(), 0);
    }

    #[test]
    fn overlap_counts_distinct_words_of_the_first_text() {
        assert_eq!(word_overlap("the cat the hat", "a cat"), 1.0 / 3.0);
        assert_eq!(word_overlap("", "anything"), 0.0);
        assert_eq!(word_overlap("Same Words", "words, same!"), 1.0);
    }

    #[test]
    fn similarity_weighs_the_second_texts_words_by_length() {
        assert_eq!(text_similarity("Breaking news", "breaking news"), 1.0);
        // "ab" is held, "cdefgh" is not: 6 of the 9 characters of "ab cdefgh" are new.
        assert!((text_similarity("ab", "ab cdefgh") - (1.0 - 6.0 / 9.0)).abs() < 1e-12);
        assert_eq!(text_similarity("", "x"), 0.0);
        assert_eq!(text_similarity("x", "..."), 0.0);
    }
}
