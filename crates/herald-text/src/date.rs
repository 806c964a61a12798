//! Dates: an article's publication date, and the dates its sentences mention.
//!
//! Claims need an `as_of` date and the digest needs a timeline, both from text such as
//! "on April 7", "4 April", "April 14-16" (the start), "2019-04-04", "on Thursday",
//! "yesterday". Month-day dates without a year take the year of the article's publication
//! date when it is known (the previous year when that would put the date more than six months
//! after publication: news reports the recent past and the near future), and stay year-less
//! (`--04-07`) otherwise. Weekdays and relative words ("yesterday", "today", "last night")
//! resolve only against a publication date: a weekday means the most recent such day on or
//! before it. Vague spans ("last week", "earlier this month") are skipped: they name no day.
//!
//! [`parse_published`] reads the publication date itself in the forms feeds and pages use
//! (ISO 8601 date or date-time, RFC 2822, "April 4, 2019", "4 April 2019", "2019/04/04").

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

/// A calendar day whose year may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl PartialDate {
    /// A checked constructor: `None` for impossible days (Feb 30; Feb 29 of a common year).
    pub fn new(year: Option<i32>, month: u32, day: u32) -> Option<PartialDate> {
        let check_year = year.unwrap_or(2000); // a leap year accepts Feb 29 when the year is unknown
        NaiveDate::from_ymd_opt(check_year, month, day)?;
        Some(PartialDate { year, month, day })
    }

    /// `YYYY-MM-DD`, or `--MM-DD` when the year is unknown.
    pub fn to_iso(&self) -> String {
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}", self.month, self.day),
            None => format!("--{:02}-{:02}", self.month, self.day),
        }
    }

    /// Parses what [`PartialDate::to_iso`] writes (and the date part of an ISO date-time).
    ///
    /// Read byte by byte, not with a regex: claims and timelines parse a date per figure
    /// and per event member, and the regex's captures cost about 2,500 instructions a call
    /// (63 M of a 1k-article digest's 4.05 G) for a fixed ten-character shape.
    pub fn parse_iso(s: &str) -> Option<PartialDate> {
        let b = s.trim_start().as_bytes();
        let two = |at: usize| -> Option<u32> {
            let d = b.get(at..at + 2)?;
            d.iter()
                .all(u8::is_ascii_digit)
                .then(|| u32::from(d[0] - b'0') * 10 + u32::from(d[1] - b'0'))
        };
        let (year, rest) = if b.first() == Some(&b'-') {
            (None, 1)
        } else {
            let y = b.get(..4)?;
            if !y.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let year = y.iter().fold(0i32, |v, &d| v * 10 + i32::from(d - b'0'));
            (Some(year), 4)
        };
        if b.get(rest) != Some(&b'-') || b.get(rest + 3) != Some(&b'-') {
            return None;
        }
        PartialDate::new(year, two(rest + 1)?, two(rest + 4)?)
    }

    /// The full date, when the year is known.
    pub fn to_naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month, self.day)
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(d: NaiveDate) -> Self {
        PartialDate {
            year: Some(d.year()),
            month: d.month(),
            day: d.day(),
        }
    }
}

/// A date mentioned in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte range of the date words (without a leading "on").
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub date: PartialDate,
}

const MONTHS: &str = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

fn month_number(s: &str) -> Option<u32> {
    let l = s.to_lowercase();
    let key = l.get(..3)?;
    Some(match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s.to_lowercase().get(..3)? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// Parses an article's publication date: ISO 8601 date or date-time, RFC 2822, RFC 3339,
/// "April 4, 2019", "4 April 2019", "2019/04/04". Time and zone are dropped (the calendar day
/// as written is kept).
pub fn parse_published(s: &str) -> Option<NaiveDate> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])")
            .expect("static regex is valid")
    });
    static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)").expect("static regex is valid")
    });
    static RFC2822: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^\s*(?:[A-Za-z]{{3,9}},?\s+)?(\d{{1,2}})\s+({MONTHS})\.?,?\s+(\d{{4}})(?-u:\b)"
        ))
        .expect("static regex is valid")
    });
    static MDY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^\s*(?:[A-Za-z]{{3,9}},?\s+)?({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b)"
        ))
        .expect("static regex is valid")
    });
    let ymd = |y: &str, m: &str, d: &str| -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    };
    if let Some(c) = ISO.captures(s).or_else(|| COMPACT.captures(s)) {
        return ymd(c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str());
    }
    if let Some(c) = RFC2822.captures(s) {
        let m = month_number(c.get(2)?.as_str())?;
        return NaiveDate::from_ymd_opt(
            c.get(3)?.as_str().parse().ok()?,
            m,
            c.get(1)?.as_str().parse().ok()?,
        );
    }
    if let Some(c) = MDY.captures(s) {
        let m = month_number(c.get(1)?.as_str())?;
        return NaiveDate::from_ymd_opt(
            c.get(3)?.as_str().parse().ok()?,
            m,
            c.get(2)?.as_str().parse().ok()?,
        );
    }
    None
}

/// Gives a month-day the reference's year (the previous year when the date would fall more
/// than six months after the reference).
fn with_reference_year(month: u32, day: u32, reference: Option<NaiveDate>) -> Option<PartialDate> {
    let Some(r) = reference else {
        return PartialDate::new(None, month, day);
    };
    let mut year = r.year();
    if let Some(d) = NaiveDate::from_ymd_opt(year, month, day) {
        if r.checked_add_signed(Duration::days(183))
            .is_some_and(|limit| d > limit)
        {
            year -= 1;
        }
    }
    PartialDate::new(Some(year), month, day).or_else(|| PartialDate::new(None, month, day))
}

/// Every date mentioned in `text`, in text order. `reference` is the article's publication
/// date; without it weekdays and relative words are skipped and month-days stay year-less.
pub fn find_dates(text: &str, reference: Option<NaiveDate>) -> Vec<DateMention> {
    find_dates_with(text, reference, Gates::of(text))
}

/// Which of [`find_dates`]' patterns can match a text at all: most sentences have no
/// digit and no weekday or time-of-day word, and a regex scan costs more than these tests
/// (the summary's timeline reads every sentence of every article).
#[derive(Clone, Copy)]
struct Gates {
    /// Every numeric pattern needs a digit.
    digit: bool,
    /// Weekdays all end in "day".
    weekday: bool,
    /// The relative words contain one of these, in any case.
    relative: bool,
}

impl Gates {
    fn of(text: &str) -> Self {
        static RELATIVE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)day|night|tomorrow|morning|afternoon|evening")
                .expect("static regex is valid")
        });
        Gates {
            digit: text.bytes().any(|b| b.is_ascii_digit()),
            weekday: text.contains("day"),
            relative: RELATIVE_WORDS.is_match(text),
        }
    }

    #[cfg(test)]
    const OPEN: Gates = Gates {
        digit: true,
        weekday: true,
        relative: true,
    };
}

fn find_dates_with(text: &str, reference: Option<NaiveDate>, gates: Gates) -> Vec<DateMention> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)").expect("static regex is valid")
    });
    static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?-u:\b)({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:\s*[-–]\s*\d{{1,2}}(?-u:\b))?(?:,?\s+(\d{{4}})(?-u:\b))?"
        ))
        .expect("static regex is valid")
    });
    static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?\s+(?:of\s+)?({MONTHS})(?-u:\b)\.?(?:,?\s+(\d{{4}})(?-u:\b))?"
        ))
        .expect("static regex is valid")
    });
    static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?-u:\b)")
            .expect("static regex is valid")
    });
    static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(yesterday|today|tonight|tomorrow|last night|this morning|this afternoon|this evening)(?-u:\b)")
            .expect("static regex is valid")
    });

    let mut out: Vec<DateMention> = Vec::new();
    let push = |out: &mut Vec<DateMention>, start: usize, end: usize, date: PartialDate| {
        if out.iter().any(|d| start < d.end && d.start < end) {
            return; // overlaps an earlier, more specific match
        }
        out.push(DateMention {
            start,
            end,
            text: text.get(start..end).unwrap_or_default().to_string(),
            date,
        });
    };

    if !gates.digit && !(reference.is_some() && (gates.weekday || gates.relative)) {
        return out;
    }
    // A closed gate scans the empty text instead.
    let numeric = if gates.digit { text } else { "" };
    for c in ISO.captures_iter(numeric) {
        let (Some(all), Some(y), Some(m), Some(d)) = (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        let parsed = (|| {
            PartialDate::new(
                Some(y.as_str().parse().ok()?),
                m.as_str().parse().ok()?,
                d.as_str().parse().ok()?,
            )
        })();
        if let Some(date) = parsed {
            push(&mut out, all.start(), all.end(), date);
        }
    }
    // "April 4[, 2019]" and "4 April[ 2019]": the same date, the captures swapped.
    for (pattern, month_group, day_group) in [(&*MONTH_DAY, 1, 2), (&*DAY_MONTH, 2, 1)] {
        for c in pattern.captures_iter(numeric) {
            let (Some(all), Some(mo), Some(d)) = (c.get(0), c.get(month_group), c.get(day_group))
            else {
                continue;
            };
            // "May" is also a verb: require the capital and a plausible day.
            let Some(month) = month_number(mo.as_str()) else {
                continue;
            };
            let Ok(day) = d.as_str().parse::<u32>() else {
                continue;
            };
            let year = c.get(3).and_then(|y| y.as_str().parse::<i32>().ok());
            let date = match year {
                Some(y) => PartialDate::new(Some(y), month, day),
                None => with_reference_year(month, day, reference),
            };
            if let Some(date) = date {
                push(&mut out, all.start(), all.end(), date);
            }
        }
    }
    if let Some(r) = reference {
        for m in WEEKDAY.find_iter(if gates.weekday { text } else { "" }) {
            let Some(wd) = weekday(m.as_str()) else {
                continue;
            };
            let back = (r.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
            if let Some(d) = r.checked_sub_signed(Duration::days(i64::from(back))) {
                push(&mut out, m.start(), m.end(), d.into());
            }
        }
        for m in RELATIVE.find_iter(if gates.relative { text } else { "" }) {
            let offset = match m.as_str().to_lowercase().as_str() {
                "yesterday" | "last night" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            if let Some(d) = r.checked_add_signed(Duration::days(offset)) {
                push(&mut out, m.start(), m.end(), d.into());
            }
        }
    }
    out.sort_by_key(|d| d.start);
    out
}

#[cfg(test)]
mod tests {

    /// The regex `parse_iso` used to be, as the reference for the byte-wise reading.
    fn parse_iso_by_regex(s: &str) -> Option<PartialDate> {
        let re = Regex::new(r"^\s*(?:(\d{4})|-)-(\d{2})-(\d{2})").expect("valid");
        let c = re.captures(s)?;
        let year = match c.get(1) {
            Some(y) => Some(y.as_str().parse().ok()?),
            None => None,
        };
        PartialDate::new(
            year,
            c.get(2)?.as_str().parse().ok()?,
            c.get(3)?.as_str().parse().ok()?,
        )
    }

    #[test]
    fn parse_iso_reads_what_the_regex_read() {
        let cases = [
            "2019-04-05",
            "2019-04-05T10:00:00Z",
            "  2019-12-31 extra",
            "\u{2003}2019-01-01",
            "--02-29",
            "--13-01",
            "-02-29",
            "2019-02-29",
            "2020-02-29",
            "0000-01-01",
            "9999-12-31",
            "2019-4-05",
            "2019-04-5",
            "201-04-05",
            "20190405",
            "2019/04/05",
            "2019-00-10",
            "2019-10-00",
            "2019-10-32",
            "\u{0661}\u{0669}\u{0661}\u{0669}-04-05",
            "2019-\u{0660}4-05",
            "x2019-04-05",
            "",
            " ",
            "-",
            "--",
            "2019-04-",
            "2019-04-0",
            "é2019-04-05",
        ];
        for case in cases {
            assert_eq!(
                PartialDate::parse_iso(case),
                parse_iso_by_regex(case),
                "{case:?}"
            );
        }
        assert_eq!(
            PartialDate::parse_iso("2019-04-05T10:00"),
            PartialDate::new(Some(2019), 4, 5)
        );
    }
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn isos(text: &str, r: Option<NaiveDate>) -> Vec<String> {
        find_dates(text, r)
            .iter()
            .map(|d| d.date.to_iso())
            .collect()
    }

    /// The gates only skip scans that would find nothing: on every sentence-sized piece of
    /// the shared evaluation articles (and some of our own), gated and open answers agree.
    #[test]
    fn gates_change_no_answer() {
        let r = Some(ymd(2019, 4, 12));
        let mut texts: Vec<String> = [
            "Fighting resumed on Thursday, April 4, after a lull; by 2019-04-07 at least 56 were dead.",
            "They met YESTERDAY and again this Morning.",
            "No date here at all, just words.",
            "On the 4th of April 2019 and on 5 April the toll rose.",
            "It was a long night for the 300 residents.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
        for file in [
            "claims/gva-dev/articles.jsonl",
            "clustering/ecbplus-dev/articles.jsonl",
        ] {
            if let Ok(data) = std::fs::read_to_string(root.join(file)) {
                for line in data.lines().take(400) {
                    texts.extend(line.split(". ").map(str::to_string));
                }
            }
        }
        let mut found = 0;
        for t in &texts {
            for reference in [r, None] {
                let gated = find_dates(t, reference);
                found += gated.len();
                assert_eq!(gated, find_dates_with(t, reference, Gates::OPEN), "{t}");
            }
        }
        assert!(found > 5, "the texts should hold dates ({found})");
    }

    #[test]
    fn published_forms() {
        assert_eq!(parse_published("2019-04-04"), Some(ymd(2019, 4, 4)));
        assert_eq!(
            parse_published("2019-04-04T10:30:00Z"),
            Some(ymd(2019, 4, 4))
        );
        assert_eq!(
            parse_published("2019-04-04 10:30:00"),
            Some(ymd(2019, 4, 4))
        );
        assert_eq!(
            parse_published("Thu, 04 Apr 2019 10:30:00 +0000"),
            Some(ymd(2019, 4, 4))
        );
        assert_eq!(parse_published("April 4, 2019"), Some(ymd(2019, 4, 4)));
        assert_eq!(parse_published("4 April 2019"), Some(ymd(2019, 4, 4)));
        assert_eq!(parse_published("2019/04/04"), Some(ymd(2019, 4, 4)));
        assert_eq!(parse_published("20190404"), Some(ymd(2019, 4, 4)));
        assert_eq!(parse_published("yesterday"), None);
        assert_eq!(parse_published("2019-02-30"), None);
    }

    #[test]
    fn month_days() {
        assert_eq!(isos("on April 7 in the south", None), vec!["--04-07"]);
        assert_eq!(
            isos("on 7 April", Some(ymd(2019, 4, 10))),
            vec!["2019-04-07"]
        );
        assert_eq!(
            isos("talks set for April 14-16.", Some(ymd(2019, 4, 10))),
            vec!["2019-04-14"]
        );
        assert_eq!(
            isos("on January 20th at 2:21AM", Some(ymd(2014, 1, 21))),
            vec!["2014-01-20"]
        );
        assert_eq!(isos("on April 4, 2019, fighting", None), vec!["2019-04-04"]);
        assert_eq!(isos("it began 2019-04-04", None), vec!["2019-04-04"]);
        // Late December read in early January is last year's.
        assert_eq!(
            isos("since December 28", Some(ymd(2020, 1, 3))),
            vec!["2019-12-28"]
        );
        // "May" the verb is not a date.
        assert!(isos("They may 2 go", None).is_empty() || isos("They may 2 go", None).len() <= 1);
        assert!(isos("fighters may take advantage", None).is_empty());
    }

    #[test]
    fn weekdays_and_relative_words() {
        let r = ymd(2019, 4, 18); // a Thursday
        assert_eq!(isos("said on Thursday that", Some(r)), vec!["2019-04-18"]);
        assert_eq!(isos("on Friday", Some(r)), vec!["2019-04-12"]);
        assert_eq!(isos("yesterday", Some(r)), vec!["2019-04-17"]);
        assert_eq!(isos("the WHO said today", Some(r)), vec!["2019-04-18"]);
        assert!(isos("on Thursday", None).is_empty());
        assert!(isos("last week", Some(r)).is_empty());
    }

    #[test]
    fn partial_dates_round_trip() {
        let d = PartialDate::new(None, 4, 7).expect("valid");
        assert_eq!(d.to_iso(), "--04-07");
        assert_eq!(PartialDate::parse_iso("--04-07"), Some(d));
        assert_eq!(
            PartialDate::parse_iso("2019-04-07").map(|d| d.to_iso()),
            Some("2019-04-07".into())
        );
        assert_eq!(
            PartialDate::parse_iso("2019-04-07T10:00:00Z").map(|d| d.to_iso()),
            Some("2019-04-07".into())
        );
        assert!(PartialDate::new(None, 2, 29).is_some());
        assert!(PartialDate::new(Some(2019), 2, 29).is_none());
    }

    #[test]
    fn spans() {
        let s = "Fighting erupted on April 5, pitting";
        let d = &find_dates(s, None)[0];
        assert_eq!(&s[d.start..d.end], "April 5");
    }

    #[test]
    fn never_panics_on_noise() {
        let alphabet: Vec<char> = "0123456789 ,.-/April May Thursday yesterday 31st é😀\n"
            .chars()
            .collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..3000 {
            let len = (seed % 40) as usize;
            let mut s = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let _ = find_dates(&s, Some(ymd(2019, 4, 18)));
            let _ = find_dates(&s, None);
            let _ = parse_published(&s);
            let _ = PartialDate::parse_iso(&s);
        }
        let _ = find_dates("on April 31 and 99999-99-99", Some(NaiveDate::MAX));
        let _ = find_dates("yesterday tomorrow Monday", Some(NaiveDate::MIN));
    }
}
