//! Dates written for people, found in a line of text: "March 3, 2024", "3 March 2024",
//! "3. März 2024", "le 3 mars 2024", "3 de marzo de 2024", "3 марта 2024 г.",
//! "3 մարտի 2024", "2024-03-03", "03.03.2024", "3/14/2024".
//!
//! The text is cut into words (runs of letters and digits) and read by shape: a month name
//! between a day and a year in either order, or three numbers. Month names are those of
//! English, French, German, Spanish, Russian and Armenian (in the forms dates use: Russian
//! and Armenian put the month in the genitive), English also by its three-letter
//! abbreviation. A slash date is read month first (the US order) unless its first number
//! cannot be a month.

/// Month names (lower case) with their numbers. English names also match by their first
/// three letters ([`month_of`]).
const MONTH_NAMES: &[(&str, u32)] = &[
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Russian, genitive and nominative
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("январь", 1),
    ("февраль", 2),
    ("март", 3),
    ("апрель", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("сентябрь", 9),
    ("октябрь", 10),
    ("ноябрь", 11),
    ("декабрь", 12),
    // Armenian, genitive and nominative
    ("հունվարի", 1),
    ("փետրվարի", 2),
    ("մարտի", 3),
    ("ապրիլի", 4),
    ("մայիսի", 5),
    ("հունիսի", 6),
    ("հուլիսի", 7),
    ("օգոստոսի", 8),
    ("սեպտեմբերի", 9),
    ("հոկտեմբերի", 10),
    ("նոյեմբերի", 11),
    ("դեկտեմբերի", 12),
    ("հունվար", 1),
    ("փետրվար", 2),
    ("մարտ", 3),
    ("ապրիլ", 4),
    ("մայիս", 5),
    ("հունիս", 6),
    ("հուլիս", 7),
    ("օգոստոս", 8),
    ("սեպտեմբեր", 9),
    ("հոկտեմբեր", 10),
    ("նոյեմբեր", 11),
    ("դեկտեմբեր", 12),
];
/// English month names, matched by their first three letters (`Sept`, `September`, `Sep`).
const ENGLISH_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
/// Full English names, so that a longer word starting with three month letters ("Marketing",
/// "Junior") is not read as a month.
const ENGLISH_FULL: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
/// Little words between the parts of a date ("3 de marzo de 2024", "le 3 mars").
const FILLERS: &[&str] = &["de", "del", "of", "the"];
/// Years a page's date can plausibly have.
const YEARS: std::ops::RangeInclusive<u32> = 1990..=2100;

/// A date found in text: where it starts (byte offset) and its ISO form `YYYY-MM-DD`.
#[derive(Debug, PartialEq)]
pub struct TextDate {
    pub start: usize,
    pub iso: String,
}

/// A word of the text: its byte range and the text between it and the next word.
struct Word<'a> {
    start: usize,
    text: &'a str,
    gap: &'a str,
}

/// The first date in `text`.
pub fn find(text: &str) -> Option<TextDate> {
    let words = words(text);
    (0..words.len()).find_map(|i| read_at(&words, i))
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if let Some(prev) = out.last_mut() {
                    prev.gap = &text[prev.start + prev.text.len()..s];
                }
                out.push(Word {
                    start: s,
                    text: &text[s..i],
                    gap: "",
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn read_at(words: &[Word], i: usize) -> Option<TextDate> {
    let skip = |mut j: usize| {
        while words
            .get(j)
            .is_some_and(|w| FILLERS.contains(&w.text.to_lowercase().as_str()))
        {
            j += 1;
        }
        j
    };
    let at = |j: usize| words.get(j).map(|w| w.text);
    let first = words[i].text;
    let date = if let Some(month) = month_of(first) {
        // "March 3, 2024"
        let day = at(skip(i + 1)).and_then(day_of)?;
        let year = at(skip(skip(i + 1) + 1)).and_then(year_of)?;
        (year, month, day)
    } else if let Some(day) = day_of(first) {
        match at(skip(i + 1)).and_then(month_of) {
            // "3 March 2024", "3 de marzo de 2024"
            Some(month) => (at(skip(skip(i + 1) + 1)).and_then(year_of)?, month, day),
            None => numeric(words, i)?,
        }
    } else {
        numeric(words, i)?
    };
    let (year, month, day) = date;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| TextDate {
        start: words[i].start,
        iso: format!("{year:04}-{month:02}-{day:02}"),
    })
}

/// Three numbers joined by one separator: `2024-03-14`, `14.03.2024`, `3/14/2024`.
fn numeric(words: &[Word], i: usize) -> Option<(u32, u32, u32)> {
    let (a, b, c) = (words.get(i)?, words.get(i + 1)?, words.get(i + 2)?);
    let sep = a.gap;
    if !["-", "/", "."].contains(&sep) || b.gap != sep {
        return None;
    }
    let n = |w: &Word| {
        w.text
            .parse::<u32>()
            .ok()
            .filter(|_| w.text.chars().all(|c| c.is_ascii_digit()))
    };
    let (x, y, z) = (n(a)?, n(b)?, n(c)?);
    if a.text.len() == 4 && YEARS.contains(&x) {
        return Some((x, y, z));
    }
    if c.text.len() != 4 || !YEARS.contains(&z) {
        return None;
    }
    match sep {
        "/" if x <= 12 => Some((z, x, y)),
        _ => Some((z, y, x)),
    }
}

/// The month a word names, in any of the languages.
pub fn month_of(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    if let Some((_, n)) = MONTH_NAMES.iter().find(|(name, _)| *name == lower) {
        return Some(*n);
    }
    let prefix = lower.get(..3)?;
    let index = ENGLISH_MONTHS.iter().position(|m| *m == prefix)?;
    let full = ENGLISH_FULL[index];
    // "Sept" and "Sep" and "September", but not "Marketing".
    (lower.len() <= 4 || full.starts_with(lower.as_str())).then_some(index as u32 + 1)
}

/// A day of the month, with or without an English ordinal suffix ("3rd").
fn day_of(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !(suffix.is_empty() || ["st", "nd", "rd", "th"].contains(&suffix.to_lowercase().as_str())) {
        return None;
    }
    (1..=2)
        .contains(&digits.len())
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

fn year_of(word: &str) -> Option<u32> {
    (word.len() == 4)
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| YEARS.contains(y))
}

#[cfg(test)]
mod tests {
    use super::find;

    fn iso(text: &str) -> Option<String> {
        find(text).map(|d| d.iso)
    }

    #[test]
    fn languages_and_shapes() {
        assert_eq!(
            iso("Updated January 16, 2026").as_deref(),
            Some("2026-01-16")
        );
        assert_eq!(
            iso("Published 3rd Mar 2024 at noon").as_deref(),
            Some("2024-03-03")
        );
        assert_eq!(iso("le 3 mars 2024").as_deref(), Some("2024-03-03"));
        assert_eq!(iso("3. März 2024").as_deref(), Some("2024-03-03"));
        assert_eq!(iso("3 de marzo de 2024").as_deref(), Some("2024-03-03"));
        assert_eq!(iso("3 марта 2024 г.").as_deref(), Some("2024-03-03"));
        assert_eq!(iso("3 մարտի 2024").as_deref(), Some("2024-03-03"));
        assert_eq!(iso("on 2024-03-14").as_deref(), Some("2024-03-14"));
        assert_eq!(iso("14.03.2024").as_deref(), Some("2024-03-14"));
        assert_eq!(iso("3/14/2024").as_deref(), Some("2024-03-14"));
        assert_eq!(iso("Marketing 12, 2024"), None);
        assert_eq!(iso("Page 3 of 12"), None);
    }
}
