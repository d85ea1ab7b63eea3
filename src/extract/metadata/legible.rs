//! A title as a reader sees it: without the characters that show nothing, and with text a
//! page's pipeline decoded twice read back ([`legible`]).
//!
//! Both faults survive every comparison of titles by their letters and digits (the source
//! is chosen right), but not the reader's eye nor a comparison of words: a soft hyphen splits
//! "Assis\u{ad}tance" in two words, and UTF-8 read as Latin-1 turns "Investor’s" into
//! "Investorâ\u{80}\u{99}s".

/// Characters that show nothing in a line of title text: the soft hyphen (a hyphenation
/// hint that shows only where a line breaks, "Assis&shy;tance"), the zero-width space, the
/// word joiner and the byte-order mark. Zero-width joiners and non-joiners stay: they shape
/// emoji sequences and Persian or Indic words.
const INVISIBLE: &[char] = &['\u{ad}', '\u{200b}', '\u{2060}', '\u{feff}'];

/// Windows-1252's characters for the bytes 0x80–0x9F, in order; the five bytes it leaves
/// undefined are read as Latin-1's controls, as browsers do.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// `title` without invisible characters ([`INVISIBLE`]) and, when it is UTF-8 read as
/// Latin-1 or Windows-1252 ([`utf8_read_back`]), as written.
pub fn legible(title: &str) -> String {
    let visible: String = title.chars().filter(|c| !INVISIBLE.contains(c)).collect();
    utf8_read_back(&visible).unwrap_or(visible)
}

/// The text `s` was before a pipeline read its UTF-8 bytes as Latin-1 or Windows-1252
/// ("itertools â\u{80}\u{94} Functions" was "itertools — Functions", "Investorâ€™s" was
/// "Investor’s"): every character of `s` is one of those encodings' bytes, and the bytes
/// read as UTF-8 give other text. `None` for any other text: a title in Latin-1's letters
/// ("Café Müller") is no valid UTF-8 once encoded back (a lead byte needs its continuation
/// bytes), and a character neither encoding has (a CJK letter, a real "’") rules the whole
/// title out.
fn utf8_read_back(s: &str) -> Option<String> {
    if s.is_ascii() {
        return None;
    }
    let bytes: Option<Vec<u8>> = s.chars().map(single_byte).collect();
    String::from_utf8(bytes?).ok().filter(|read| read != s)
}

/// The byte Latin-1 or Windows-1252 writes as `c`, if any.
fn single_byte(c: char) -> Option<u8> {
    match u8::try_from(u32::from(c)) {
        Ok(b) => Some(b),
        Err(_) => WINDOWS_1252_HIGH
            .iter()
            .position(|&h| h == c)
            .and_then(|at| u8::try_from(0x80 + at).ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_leave_the_title() {
        // A city's page: the heading hyphenated for narrow screens.
        assert_eq!(
            legible("Home Repair Assis\u{ad}tance Program"),
            "Home Repair Assistance Program"
        );
        assert_eq!(legible("\u{feff}Zero\u{200b}width"), "Zerowidth");
        // Joiners shape words and emoji: they stay.
        assert_eq!(legible("می\u{200c}خواهم"), "می\u{200c}خواهم");
    }

    #[test]
    fn utf8_read_as_latin1_or_windows_1252_is_read_back() {
        // Python's documentation saved through a Latin-1 reading: C1 controls in the text.
        assert_eq!(
            legible("itertools \u{e2}\u{80}\u{94} Functions creating iterators"),
            "itertools — Functions creating iterators"
        );
        assert_eq!(
            legible("A DIY Investor\u{e2}\u{80}\u{99}s Guide"),
            "A DIY Investor’s Guide"
        );
        // The same fault through Windows-1252.
        assert_eq!(legible("Investorâ€™s Guide"), "Investor’s Guide");
        assert_eq!(legible("Crème brûlÃ©e"), "Crème brûlÃ©e");
        assert_eq!(legible("CafÃ© MÃ¼ller"), "Café Müller");
    }

    #[test]
    fn text_that_is_not_double_decoded_stays() {
        for title in [
            "Café Müller",
            "Investor’s Guide",
            "Señor — a story",
            "日本語のタイトル",
            "Plain ASCII",
            "Price: 5 €",
        ] {
            assert_eq!(legible(title), title);
        }
    }
}
