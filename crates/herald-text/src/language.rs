//! Language identification.
//!
//! whatlang's trigram model is compiled into the binary (nothing is downloaded), fast enough
//! to run on every article, and covers the languages news arrives in. Short or mixed texts
//! are left undecided rather than guessed.

const SAMPLE_BYTES: usize = 600;

/// ISO 639-1 code of the text's language, `None` when the text is too short or unclear.
pub fn detect_language(text: &str) -> Option<&'static str> {
    // The first 600 bytes decide; more adds time, not accuracy (trigram statistics settle
    // within a few hundred characters of running text). Against 1,200 bytes, on the 1,549
    // scrapinghub and Dragnet pages: one answer changed (an undecided Portuguese page with
    // a long results table became `pt`), 0.2 M fewer instructions per page.
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    // Fewer than four words is too short (counting stops at the fourth).
    sample.split_whitespace().nth(3)?;
    if plainly_english(sample) {
        return Some("en");
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    Some(iso_639_1(info.lang()))
}

/// Words English writes constantly and the other languages whatlang knows do not write
/// as words ("was", "in", "is", "to", "on" left out: German, Dutch, French or Czech words
/// too).
const ENGLISH_MARKERS: [&str; 16] = [
    "the", "and", "of", "that", "with", "for", "from", "said", "were", "have", "has", "which",
    "this", "been", "their", "would",
];

/// Plain running English: at least 30 words, one in twelve an English marker, and hardly a
/// letter outside ASCII. Such a sample is answered without the trigram model (whatlang is
/// about 8% of a whole `herald digest` run otherwise). On the 1,549 extraction pages, the
/// Multi-News, GVA, ECB+ and MultiLing articles, every sample this says is English whatlang
/// also calls English (checked by `fast_path_agrees_with_whatlang` where the data is
/// present; see the commit message for the counts).
fn plainly_english(sample: &str) -> bool {
    // One walk over the bytes, decoding only non-ASCII characters: splitting on a char
    // closure decoded every character and cost about 30 k instructions a sample, a third
    // of all language identification (callgrind, 1k-article digest).
    let bytes = sample.as_bytes();
    let mut words = 0usize;
    let mut markers = 0usize;
    let mut foreign_letters = 0usize;
    let mut letters = 0usize;
    let letter_at = |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b.is_ascii() {
            (b.is_ascii_alphabetic(), 1)
        } else {
            let c = sample[i..].chars().next().unwrap_or(' ');
            (c.is_alphabetic(), c.len_utf8())
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let (letter, width) = letter_at(i);
        if !letter {
            i += width;
            continue;
        }
        let start = i;
        let mut foreign = 0usize;
        while i < bytes.len() {
            let (letter, width) = letter_at(i);
            if !letter {
                break;
            }
            foreign += usize::from(width > 1);
            i += width;
        }
        let word = &bytes[start..i];
        words += 1;
        letters += word.len();
        if foreign > 0 {
            foreign_letters += foreign;
        } else if word.len() <= 5
            && ENGLISH_MARKERS
                .iter()
                .any(|m| m.len() == word.len() && m.as_bytes().eq_ignore_ascii_case(word))
        {
            markers += 1;
        }
    }
    words >= 30 && markers * 12 >= words && foreign_letters * 50 <= letters
}

fn iso_639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Fra => "fr",
        Deu => "de",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Nld => "nl",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Ara => "ar",
        Tur => "tr",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Hin => "hi",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Ces => "cs",
        Slk => "sk",
        Ron => "ro",
        Hun => "hu",
        Ell => "el",
        Heb => "he",
        Pes => "fa",
        Ind => "id",
        Vie => "vi",
        Tha => "th",
        Bul => "bg",
        Hrv => "hr",
        Srp => "sr",
        Slv => "sl",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Cat => "ca",
        Urd => "ur",
        Ben => "bn",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_common_languages() {
        assert_eq!(
            detect_language("The government said on Thursday that the fighting had displaced thousands of people."),
            Some("en")
        );
        assert_eq!(
            detect_language("Le gouvernement a déclaré jeudi que les combats avaient déplacé des milliers de personnes."),
            Some("fr")
        );
        assert_eq!(
            detect_language("Die Regierung erklärte am Donnerstag, die Kämpfe hätten Tausende Menschen vertrieben."),
            Some("de")
        );
    }

    #[test]
    fn the_english_shortcut_takes_only_english() {
        let english = "The government said on Thursday that the fighting, which began last week, had displaced thousands of people from their homes in the north of the country and that aid agencies were struggling to reach them.";
        assert!(plainly_english(english));
        let dutch = "De regering zei donderdag dat de gevechten, die vorige week begonnen, duizenden mensen uit hun huizen in het noorden van het land hadden verdreven en dat hulporganisaties moeite hadden om hen te bereiken. Het was een zware week.";
        assert!(!plainly_english(dutch));
        let german = "Die Regierung erklärte am Donnerstag, die Kämpfe, die vergangene Woche begonnen hatten, hätten Tausende Menschen aus ihren Häusern im Norden des Landes vertrieben, und Hilfsorganisationen hätten Mühe, sie zu erreichen. Was nun?";
        assert!(!plainly_english(german));
        // Too short to be sure without the model.
        assert!(!plainly_english("The army said that the road was open."));
    }

    /// Wherever the shortcut answers, whatlang gives the same answer, on every article of
    /// the shared evaluation sets present beside the checkout.
    #[test]
    fn fast_path_agrees_with_whatlang() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
        let files = [
            "claims/gva-dev/articles.jsonl",
            "clustering/ecbplus-dev/articles.jsonl",
            "summaries/multinews-dev/clusters.jsonl",
            "summaries/multiling2011/clusters.jsonl",
        ];
        let mut checked = 0;
        let mut shortcut = 0;
        for file in files {
            let Ok(data) = std::fs::read_to_string(root.join(file)) else {
                continue;
            };
            // Every long JSON string value of the file is a text to test.
            for text in json_strings(&data).filter(|t| t.len() > 200) {
                let mut end = text.len().min(SAMPLE_BYTES);
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                let sample = &text[..end];
                checked += 1;
                if plainly_english(sample) {
                    shortcut += 1;
                    let model = whatlang::detect(sample).map(|i| i.lang());
                    assert_eq!(model, Some(whatlang::Lang::Eng), "{sample}");
                }
            }
        }
        if checked == 0 {
            eprintln!("skipped: ../shared/eval is not beside the checkout");
            return;
        }
        eprintln!("{shortcut} of {checked} samples answered by the shortcut");
        assert!(
            shortcut * 2 > checked,
            "the shortcut should take most English news"
        );
    }

    /// The long string values of a JSON Lines document (articles, summaries).
    fn json_strings(data: &str) -> impl Iterator<Item = String> + '_ {
        fn walk(value: serde_json::Value, out: &mut Vec<String>) {
            match value {
                serde_json::Value::String(s) => out.push(s),
                serde_json::Value::Array(items) => items.into_iter().for_each(|v| walk(v, out)),
                serde_json::Value::Object(map) => map.into_iter().for_each(|(_, v)| walk(v, out)),
                _ => {}
            }
        }
        data.lines().flat_map(|line| {
            let mut out = Vec::new();
            if let Ok(value) = serde_json::from_str(line) {
                walk(value, &mut out);
            }
            out
        })
    }

    /// `plainly_english` as first written, splitting on a char closure: the reference
    /// for the byte walk.
    fn plainly_english_by_chars(sample: &str) -> bool {
        let mut words = 0usize;
        let mut markers = 0usize;
        let mut foreign_letters = 0usize;
        let mut letters = 0usize;
        for word in sample.split(|c: char| !c.is_alphabetic()) {
            if word.is_empty() {
                continue;
            }
            words += 1;
            letters += word.len();
            if !word.is_ascii() {
                foreign_letters += word.chars().filter(|c| !c.is_ascii()).count();
                continue;
            }
            if word.len() <= 5
                && ENGLISH_MARKERS
                    .iter()
                    .any(|m| m.len() == word.len() && m.eq_ignore_ascii_case(word))
            {
                markers += 1;
            }
        }
        words >= 30 && markers * 12 >= words && foreign_letters * 50 <= letters
    }

    #[test]
    fn the_byte_walk_agrees_with_the_char_split() {
        let samples = [
            "The government said on Thursday that the fighting, which began last week, had displaced thousands of people from their homes in the north of the country and that aid agencies were struggling to reach them.",
            "Die Regierung erklärte am Donnerstag, die Kämpfe, die vergangene Woche begonnen hatten, hätten Tausende Menschen aus ihren Häusern im Norden des Landes vertrieben.",
            "",
            "ÀÉÎõü the and of that with ÿ",
        ];
        for s in samples {
            assert_eq!(plainly_english(s), plainly_english_by_chars(s), "{s}");
        }
        // Random mixes of markers, other words, accents, scripts and punctuation; mostly
        // English words, so that both answers occur.
        let english = [
            "the ", "The ", "AND ", "of", " ", ", ", "said ", "with", "THEIR ", "would ", "'", "9",
            "x", "strasse ", "army ", "road ",
        ];
        let other = [
            "été ",
            "naïve ",
            "Ω ",
            "москва ",
            "—",
            "日本 ",
            "\u{301}",
            "ß",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut agreed_true = 0;
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..(state % 160) as usize + 1 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let pick = (state >> 8) as usize;
                text.push_str(if state.is_multiple_of(16) {
                    other[pick % other.len()]
                } else {
                    english[pick % english.len()]
                });
            }
            let fast = plainly_english(&text);
            assert_eq!(fast, plainly_english_by_chars(&text), "{text:?}");
            agreed_true += usize::from(fast);
        }
        assert!(agreed_true > 0, "some random texts should pass as English");
    }

    #[test]
    fn short_text_is_undecided() {
        assert_eq!(detect_language("Breaking News"), None);
        assert_eq!(detect_language(""), None);
    }
}
