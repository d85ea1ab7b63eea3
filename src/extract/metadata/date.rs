//! Dates as pages write them, normalised to ISO 8601 when they can be read.
//!
//! Pages state dates in a handful of shapes: ISO 8601 with or without a zone
//! (`2020-10-30T22:31:00+04:00`, `2020-10-30 22:31:00`, `2020-10-30`), or RFC 2822/1123
//! (`Tue, 03 Nov 2020 10:00:00 GMT`). Each is read into its parts and written back in one
//! canonical ISO form: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS[.fff][zone]` where a zero offset
//! is `Z`, any other offset `±HH:MM`, and a date without zone stays without one (the page did
//! not say which zone it meant). What cannot be read is kept as given, trimmed.

/// English month abbreviations, as RFC 2822 writes them (matched case-insensitively on
/// their first three letters, so `September` and `Sept` also work).
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Named zones RFC 2822 allows, with their offsets in minutes (US zones are obsolete in
/// the RFC but still written by some servers and CMSs).
const NAMED_ZONES: [(&str, i32); 11] = [
    ("z", 0),
    ("ut", 0),
    ("utc", 0),
    ("gmt", 0),
    ("est", -300),
    ("edt", -240),
    ("cst", -360),
    ("cdt", -300),
    ("mst", -420),
    ("pdt", -420),
    ("pst", -480),
];

/// The parts of a date with optional time of day and zone.
#[derive(Debug, Default, PartialEq)]
struct DateParts {
    year: u32,
    month: u32,
    day: u32,
    /// Hour, minute, second, and the fraction digits as written (may be empty).
    time: Option<(u32, u32, u32, String)>,
    /// Offset from UTC in minutes.
    offset: Option<i32>,
}

/// The date in canonical ISO 8601 form, or the input trimmed when it cannot be read.
pub fn normalize(raw: &str) -> String {
    let trimmed = raw.trim();
    parse_iso(trimmed)
        .or_else(|| parse_rfc2822(trimmed))
        .or_else(|| leading_day(trimmed))
        .filter(is_valid)
        .map(|p| format(&p))
        .unwrap_or_else(|| trimmed.to_string())
}

/// The `YYYY-MM-DD` that opens a text whose time or zone cannot be read
/// (`2024-05-01 10:00:00 +0100 +0100`, a template writing its zone twice): the day is sure,
/// the rest is not, and a half-read date must not reach the front matter as it was written.
fn leading_day(s: &str) -> Option<DateParts> {
    let (day, rest) = (s.get(..10)?, s.get(10..)?);
    let separated = rest.starts_with(['T', 't']) || rest.starts_with(char::is_whitespace);
    (separated && day.as_bytes()[4] == b'-')
        .then(|| parse_iso(day))
        .flatten()
}

fn is_valid(p: &DateParts) -> bool {
    let date_ok = (1..=12).contains(&p.month) && (1..=31).contains(&p.day) && p.year >= 1000;
    let time_ok = p
        .time
        .as_ref()
        .is_none_or(|(h, m, s, _)| *h < 24 && *m < 60 && *s <= 60);
    let zone_ok = p.offset.is_none_or(|o| o.abs() < 24 * 60);
    date_ok && time_ok && zone_ok
}

fn format(p: &DateParts) -> String {
    let mut out = format!("{:04}-{:02}-{:02}", p.year, p.month, p.day);
    if let Some((h, m, s, frac)) = &p.time {
        out.push_str(&format!("T{h:02}:{m:02}:{s:02}"));
        if frac.chars().any(|c| c != '0') {
            out.push('.');
            out.push_str(frac.trim_end_matches('0'));
        }
        match p.offset {
            Some(0) => out.push('Z'),
            Some(o) => {
                let sign = if o < 0 { '-' } else { '+' };
                out.push_str(&format!("{sign}{:02}:{:02}", o.abs() / 60, o.abs() % 60));
            }
            None => {}
        }
    }
    out
}

/// A small cursor over the characters of a date string.
struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    /// Exactly `n` ASCII digits as a number.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let d = self.rest.get(..n)?;
        if !d.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.rest = &self.rest[n..];
        d.parse().ok()
    }

    /// One or more ASCII digits, as written.
    fn digit_run(&mut self) -> &'a str {
        let end = self
            .rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.rest.len());
        let (run, rest) = self.rest.split_at(end);
        self.rest = rest;
        run
    }

    /// Consumes `c` if it comes next.
    fn eat(&mut self, c: char) -> bool {
        match self.rest.strip_prefix(c) {
            Some(r) => {
                self.rest = r;
                true
            }
            None => false,
        }
    }

    fn skip_space(&mut self) {
        self.rest = self.rest.trim_start();
    }

    /// A word of ASCII letters.
    fn word(&mut self) -> &'a str {
        let end = self
            .rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(self.rest.len());
        let (w, rest) = self.rest.split_at(end);
        self.rest = rest;
        w
    }
}

/// `YYYY-MM-DD`, then optionally `T` or a space and a time, then optionally a zone.
fn parse_iso(s: &str) -> Option<DateParts> {
    let mut c = Cursor { rest: s };
    let year = c.digits(4)?;
    let (month, day) = if c.eat('-') {
        let month = c.digits(2)?;
        c.eat('-').then_some(())?;
        (month, c.digits(2)?)
    } else {
        (c.digits(2)?, c.digits(2)?)
    };
    let mut parts = DateParts {
        year,
        month,
        day,
        ..DateParts::default()
    };
    if c.rest.is_empty() {
        return Some(parts);
    }
    if !(c.eat('T') || c.eat('t') || c.eat(' ')) {
        return None;
    }
    c.skip_space();
    parts.time = Some(parse_time(&mut c)?);
    c.skip_space();
    parts.offset = parse_zone(&mut c);
    c.rest.is_empty().then_some(parts)
}

/// `HH:MM[:SS[.fff]]`.
fn parse_time(c: &mut Cursor) -> Option<(u32, u32, u32, String)> {
    let h = c.digits(2)?;
    c.eat(':').then_some(())?;
    let m = c.digits(2)?;
    let mut s = 0;
    let mut frac = String::new();
    if c.eat(':') {
        s = c.digits(2)?;
        if c.eat('.') || c.eat(',') {
            frac = c.digit_run().to_string();
        }
    }
    Some((h, m, s, frac))
}

/// `Z`, a named zone, or `±HH[:MM]`/`±HHMM`; `None` when there is none (or an unknown one,
/// which the caller then sees as trailing text).
fn parse_zone(c: &mut Cursor) -> Option<i32> {
    let sign = if c.eat('+') {
        1
    } else if c.eat('-') || c.eat('\u{2212}') {
        -1
    } else {
        let before = c.rest;
        let name = c.word().to_ascii_lowercase();
        let Some(named) = NAMED_ZONES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, o)| *o)
        else {
            c.rest = before;
            return None;
        };
        // `GMT+0100` (JavaScript's `Date.toString`): an offset from the named zone.
        return Some(named + parse_zone(c).unwrap_or(0));
    };
    let h = c.digits(2)? as i32;
    c.eat(':');
    let m = c.digits(2).unwrap_or(0) as i32;
    Some(sign * (h * 60 + m))
}

/// `[Day,] D Mon YYYY [HH:MM[:SS]] [zone]` (RFC 2822 / RFC 1123), or `Day Mon D YYYY …`.
fn parse_rfc2822(s: &str) -> Option<DateParts> {
    let mut c = Cursor { rest: s };
    let first = c.word();
    if !first.is_empty() {
        c.eat(',');
    }
    c.skip_space();
    // RFC 2822 puts the day first; JavaScript's `Date.toString` the month.
    let (day, month) = match month_number(c.word()) {
        Some(month) => {
            c.skip_space();
            (day_number(&mut c)?, month)
        }
        None => {
            let day = day_number(&mut c)?;
            c.skip_space();
            (day, month_number(c.word())?)
        }
    };
    c.skip_space();
    let year = c.digits(4)?;
    let mut parts = DateParts {
        year,
        month,
        day,
        ..DateParts::default()
    };
    c.skip_space();
    if c.rest.is_empty() {
        return Some(parts);
    }
    parts.time = Some(parse_time(&mut c)?);
    c.skip_space();
    parts.offset = parse_zone(&mut c);
    c.rest.trim().is_empty().then_some(parts)
}

fn day_number(c: &mut Cursor) -> Option<u32> {
    let run = c.digit_run();
    run.parse().ok().filter(|_| (1..=2).contains(&run.len()))
}

fn month_number(word: &str) -> Option<u32> {
    let lower = word.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    MONTHS
        .iter()
        .position(|m| *m == prefix)
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn iso_forms() {
        assert_eq!(
            normalize("2020-10-30T22:31:00+04:00"),
            "2020-10-30T22:31:00+04:00"
        );
        assert_eq!(
            normalize("2021-11-01T10:52:50+0100"),
            "2021-11-01T10:52:50+01:00"
        );
        assert_eq!(
            normalize("2019-01-03T07:00:02.000Z"),
            "2019-01-03T07:00:02Z"
        );
        assert_eq!(
            normalize("2015-10-15T08:00:26+00:00"),
            "2015-10-15T08:00:26Z"
        );
        assert_eq!(normalize("2020-10-30 22:31:00"), "2020-10-30T22:31:00");
        assert_eq!(normalize("2018-04-05T06:00"), "2018-04-05T06:00:00");
        assert_eq!(normalize("2024-06-25"), "2024-06-25");
        assert_eq!(
            normalize("2017-11-03 03:01:00.000000"),
            "2017-11-03T03:01:00"
        );
    }

    #[test]
    fn rfc2822_forms() {
        assert_eq!(
            normalize("Tue, 03 Nov 2020 10:00:00 GMT"),
            "2020-11-03T10:00:00Z"
        );
        assert_eq!(
            normalize("3 Nov 2020 10:00 -0500"),
            "2020-11-03T10:00:00-05:00"
        );
        assert_eq!(normalize("Tue, 03 Nov 2020"), "2020-11-03");
        assert_eq!(
            normalize("Tue Nov 19 2019 03:05:46 GMT+0100"),
            "2019-11-19T03:05:46+01:00"
        );
    }

    #[test]
    fn unreadable_is_kept() {
        assert_eq!(normalize("  last Tuesday "), "last Tuesday");
        assert_eq!(normalize("2020-13-40"), "2020-13-40");
        assert_eq!(normalize("2020-10-30T25:00:00Z"), "2020-10-30T25:00:00Z");
    }

    #[test]
    fn a_day_with_an_unreadable_time_keeps_the_day() {
        assert_eq!(normalize("2024-05-01 10:00:00 +0100 +0100"), "2024-05-01");
        assert_eq!(normalize("2024-05-01T10:00 Europe/Paris"), "2024-05-01");
        assert_eq!(
            normalize("2024-05-01, a Wednesday"),
            "2024-05-01, a Wednesday"
        );
        assert_eq!(
            normalize("20240501 10:00:00 +0100 +0100"),
            "20240501 10:00:00 +0100 +0100"
        );
    }
}
