//! Boilerplate lines: what a page wraps around a story, recognised by shape.
//!
//! A line is judged on its own, after Unicode and entity clean-up and whitespace
//! collapsing. The rules look at the line's *shape* (length, words, digit and punctuation
//! ratio, brackets, a trailing photo credit) and at a small set of phrasings that every
//! news site uses (ad markers, "Read more:", "Subscribe to our newsletter", navigation
//! words). Nothing here knows any particular article or outlet: an outlet's name in a
//! self-promotion line ("more people are reading X than ever") is matched by the
//! sentence around it, never by the name.
//!
//! Position and repetition (a title printed twice, a tail of navigation fragments) need
//! the whole article and live in `clean.rs`.

use std::sync::LazyLock;

use regex::Regex;

/// Why a line was judged boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boilerplate {
    /// A CMS shortcode or ad slot marker (`[ad_1]`, `[caption]`, `[/embed]`), or template
    /// syntax printed unrendered (`{* email *}`, `{{ name }}`).
    Marker,
    /// Only navigation and widget words: "Breaking News", "Share", "Skip to content".
    Navigation,
    /// A pointer to another story: "More news: ...", "Read more: ...", "Related: ...".
    Teaser,
    /// The outlet talking about itself: subscriptions, newsletters, apps, donations,
    /// cookies, copyright.
    Promotion,
    /// An access wall standing where the story should be: sign-in, registration,
    /// e-mail verification, subscription and delivery-area notices.
    Wall,
    /// A bare id, hash, UUID, time stamp or run of digits (video or asset ids).
    Identifier,
    /// A bare URL or e-mail address.
    Url,
    /// No letters or digits at all: `***`, `---`, `•`.
    Separator,
    /// Newsroom credits and bylines: "With reporting by ...", "(Editing by ...)",
    /// "By Jane Doe".
    Credit,
    /// A photo caption recognised by its trailing credit: "... (Agency)", "(Photo: Jane Doe)".
    Caption,
}

/// Words that make up navigation, sharing and section-label lines.
///
/// A short line made only of these is a widget, not prose. Words in [`WEAK_WORDS`]
/// count as navigation too but cannot make a line navigation on their own.
const NAVIGATION_WORDS: &[&str] = &[
    "accessibility",
    "account",
    "ad",
    "ads",
    "advertisement",
    "advertising",
    "article",
    "articles",
    "audio",
    "back",
    "breaking",
    "business",
    "click",
    "close",
    "comment",
    "comments",
    "contact",
    "content",
    "cookies",
    "copy",
    "copied",
    "coverage",
    "culture",
    "e-mail",
    "email",
    "entertainment",
    "facebook",
    "follow",
    "gallery",
    "health",
    "home",
    "image",
    "images",
    "instagram",
    "latest",
    "lifestyle",
    "link",
    "links",
    "linkedin",
    "listen",
    "live",
    "loading",
    "log",
    "login",
    "logout",
    "main",
    "menu",
    "messenger",
    "navigation",
    "newsletter",
    "newsletters",
    "news",
    "next",
    "opinion",
    "photo",
    "photos",
    "pinterest",
    "play",
    "podcast",
    "politics",
    "previous",
    "print",
    "privacy",
    "read",
    "reddit",
    "register",
    "related",
    "science",
    "search",
    "see",
    "settings",
    "share",
    "shares",
    "sharing",
    "sign",
    "skip",
    "source",
    "sponsored",
    "sport",
    "sports",
    "stories",
    "story",
    "subscribe",
    "tag",
    "tags",
    "technology",
    "telegram",
    "terms",
    "top",
    "topics",
    "travel",
    "trending",
    "tweet",
    "twitter",
    "updates",
    "url",
    "video",
    "videos",
    "view",
    "watch",
    "weather",
    "whatsapp",
    "world",
    "youtube",
];

/// Navigation filler that does not make a navigation line by itself.
const WEAK_WORDS: &[&str] = &[
    "a", "all", "also", "and", "for", "here", "in", "more", "now", "of", "on", "our", "the",
    "this", "to", "up", "us", "with", "your", "you",
];

// Word boundaries below are ASCII ones, `(?-u:\b)`: the phrasings are English, and a
// Unicode boundary stops the fast DFA at the first curly quote, leaving a slow engine.

/// `[ad_1]`, `[caption id="x"]`, `[/embed]`: a whole line in square brackets, shortcode-like.
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\[/?[A-Za-z][A-Za-z0-9_-]{0,30}(?:\s[^\]]*)?\]$").expect("constant regex")
});

/// "More news: ...", "Read more - ...", "ALSO READ | ...": a teaser label before a headline.
static TEASER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:more news|more stories|more from [^:|]+|read more|read also|also read|read|see also|related|related articles?|related stories|related news|related coverage|recommended(?: for you)?|must read|don'?t miss|watch|watch now|video|listen|trending(?: now)?|top stories|popular|editor'?s picks?|you may also like|you might also like|further reading|more on this story)\s*[:|»›>–—-]+\s*\S",
    )
    .expect("constant regex")
});

/// Template syntax a page printed unrendered: `{* emailAddress *}`, `{{ user.name }}`,
/// `{% if %}`: the widget around the story, never its prose.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\*[^{}]{0,80}\*\}|\{\{[^{}]{0,80}\}\}|\{%[^{}]{0,80}%\}")
        .expect("constant regex")
});

/// Teaser labels standing alone on their line.
static TEASER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:you (?:may|might) (?:also )?(?:like|be interested in)|more on this story|further reading|editor'?s picks?|recommended for you|most (?:read|popular|viewed)|don'?t miss)\s*:?$",
    )
    .expect("constant regex")
});

/// The outlet promoting itself: common phrasings across news sites.
static PROMOTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        more\ (?:people|readers)\ (?:are\ )?(?:reading|visiting|subscribing\ to)(?-u:\b).*(?-u:\b)than\ ever
        | ^subscribe(?-u:\b)
        | (?-u:\b)subscribe\ (?:now|today|here|for\ free|to\ (?:our|the))(?-u:\b)
        | (?-u:\b)sign\ up(?-u:\b).*(?-u:\b)(?:newsletters?|briefing|alerts?|updates)(?-u:\b)
        | (?-u:\b)(?:get|receive)\ (?:our|the)(?-u:\b).*(?-u:\b)newsletters?(?-u:\b)
        | (?-u:\b)newsletters?(?-u:\b).*(?-u:\b)(?:in\ your\ inbox|delivered)(?-u:\b)
        | (?-u:\b)click\ here(?-u:\b)
        | (?-u:\b)(?:follow|like|join)\ us\ on(?-u:\b)
        | (?-u:\b)follow\ (?:the\ )?[\w\ ]*\ on\ (?:twitter|facebook|instagram|telegram|whatsapp|x)(?-u:\b)
        | (?-u:\b)download\ (?:our|the)\ (?:free\ )?(?:\w+\ )?app(?-u:\b)
        | (?-u:\b)(?:support|fund)\ (?:our|independent|quality)\ journalism(?-u:\b)
        | (?-u:\b)become\ a\ (?:member|subscriber|supporter|patron)(?-u:\b)
        | (?-u:\b)(?:make|consider\ making)\ a\ (?:donation|contribution)(?-u:\b)
        | (?-u:\b)all\ rights\ reserved(?-u:\b)
        | ^(?:©|\(c\)\ \d{4}|copyright\ (?:©\ )?\d{4})
        | (?-u:\b)(?:we\ use|this\ (?:site|website)\ uses)\ cookies(?-u:\b)
        | (?-u:\b)enable\ javascript(?-u:\b)
        | (?-u:\b)share\ (?:this|the)\ (?:article|story|post|page)(?-u:\b)
        | (?-u:\b)share\ on\ (?:facebook|twitter|whatsapp|linkedin|x)(?-u:\b)
        | (?-u:\b)originally\ (?:published|appeared)\ (?:on|in|at)(?-u:\b)
        | (?-u:\b)sponsored\ (?:content|by)(?-u:\b)
        | (?-u:\b)report\ (?:a|an)\ (?:typo|error|mistake)(?-u:\b)
        ",
    )
    .expect("constant regex")
});

/// An access wall: what a site prints instead of the story to a reader it wants to sign
/// in, register or subscribe. Phrasings of account and subscription systems, not of
/// reporting: a story line rarely asks the reader to verify an e-mail address.
static WALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?-u:\b)verification\ (?:e-?mail|message|link|code)(?-u:\b)
        | (?-u:\b)(?:activate|verify|confirm|set\ up|manage|update)\ your\ (?:free\ )?(?:account|profile|subscription|membership|e-?mail\ address)(?-u:\b)
        | (?-u:\b)create\ (?:your|a)\ free\ (?:account|profile)(?-u:\b)
        | (?-u:\b)(?:confirm|verify)\ or\ \w+\ the\ e-?mail\ address(?-u:\b)
        | (?-u:\b)(?:spam|junk)\ (?:or\ (?:spam|junk)\ )?(?:folder|mail)(?-u:\b)
        | (?-u:\b)thank\ you\ for\ (?:registering|signing\ up|subscribing|your\ subscription)(?-u:\b)
        | (?-u:\b)(?:to\ )?complete\ your\ (?:registration|sign-?up|subscription)(?-u:\b)
        | (?-u:\b)(?:sign|log)\ ?in\ (?:to|and)\ (?:continue|keep\ reading|read|view|access|update|manage|comment)(?-u:\b)
        | (?-u:\b)(?:sign|log)\ ?in\ if\ you\ (?:already\ )?have(?-u:\b)
        | (?-u:\b)(?:sign|log)\ ?in\ (?:using|with)\ (?:your|you)\ (?:\w+\ )?(?:account|profile|e-?mail)(?-u:\b)
        | ^(?:welcome\ back\W+)?please\ (?:sign|log)\ ?in(?-u:\b)
        | (?-u:\b)already\ have\ an\ account(?-u:\b)
        | (?-u:\b)by\ submitting\ your\ (?:registration|information|details|e-?mail)(?-u:\b)
        | (?-u:\b)(?:subscribe|register|sign\ up)\ (?:now\ )?to\ (?:continue\ reading|keep\ reading|read\ (?:more|the\ (?:full|rest)|this))(?-u:\b)
        | (?-u:\b)(?:get|sign\ up\ for|subscribe\ for|buy|purchase)\ (?:digital|full|unlimited|premium|online)\ access(?-u:\b)
        | (?-u:\b)(?:digital|full|unlimited|premium)\ access\ (?:subscriber|subscription|member)s?(?-u:\b)
        | (?-u:\b)not\ in\ our\ (?:deliverable|delivery|service)\ area(?-u:\b)
        | (?-u:\b)(?:subscribers?|members?)[\ -]only(?-u:\b)
        | (?-u:\b)(?:is|are)\ (?:only\ )?(?:available\ )?(?:to|for)\ (?:paying\ |registered\ |digital\ )?(?:subscribers|members|registered\ users)(?-u:\b)
        | (?-u:\b)(?:reached|used\ (?:up\ )?(?:all\ )?)\ ?(?:your|the)\ (?:\w+\ )?(?:limit|allowance|maximum)\ of\ (?:free\ )?(?:articles|stories|page\ ?views)(?-u:\b)
        | (?-u:\b)free\ articles?\ (?:left|remaining)(?-u:\b)
        | (?-u:\b)(?:articles?|stories|clicks|views|reads)\ (?:used|left|remaining)\ this\ (?:month|week)(?-u:\b)
        | (?-u:\b)(?:get|receive|sign\ up\ for)\ (?:e-?mail|push|text)\ (?:notifications|alerts)(?-u:\b)
        | (?-u:\b)delivered\ to\ your\ inbox(?-u:\b)
        | (?-u:\b)already\ (?:a\ )?(?:subscriber|member|registered)(?-u:\b)
        ",
    )
    .expect("constant regex")
});

/// Newsroom credits and bylines.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\(?\s*(?:with\ )?(?:additional\ )?(?:reporting|writing|editing|research|compiled|translated|contributions?|produced)(?:\ and\ (?:writing|editing|reporting))?\ (?:by|from)(?-u:\b)",
    )
    .expect("constant regex")
});

/// `By Jane Doe`, `By Jane Doe and Sam Roe`: a byline standing alone.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:By|BY)\s+[\p{Lu}][\p{L}.'’-]+(?:,?\s+(?:and\s+)?[\p{Lu}][\p{L}.'’-]+)*$")
        .expect("constant regex")
});

/// A trailing photo credit in parentheses: `(Agency)`, `(Photo/Jane Doe)`.
static CAPTION_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(\s*[\p{Lu}][\p{L}\p{N}.&'’/ -]*\)$").expect("constant regex"));

/// A photo credit that is explicit about being one.
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^(?:image|photo|picture|video)\s+(?:copyright|credit|source)(?-u:\b)|\((?:photo|image|picture|file photo)(?-u:\b)[^)]*\)$|\([^)]*(?-u:\b)(?:photo|images?)(?-u:\b)[^)]*\)$)",
    )
    .expect("constant regex")
});

/// A bare URL or e-mail address.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+)$")
        .expect("constant regex")
});

/// A UUID anywhere in the line.
static UUID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?-u:\b)")
        .expect("constant regex")
});

/// Longest line the phrase rules look at: longer lines are story paragraphs.
const MAX_PHRASE_LINE: usize = 320;

/// Judges one line (already normalised and whitespace-collapsed); `None` means "story".
pub fn classify_line(line: &str) -> Option<Boilerplate> {
    classify_with_words(line, None)
}

/// [`classify_line`] with the line's [`lower_words`] key when the caller has it already.
pub(crate) fn classify_with_words(line: &str, key: Option<&str>) -> Option<Boilerplate> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    if !line.chars().any(is_alphanumeric) {
        return Some(Boilerplate::Separator);
    }
    // Cheap shape checks first: the regexes only run where they could match.
    if line.starts_with('[') && line.ends_with(']') && line.len() <= 240 && MARKER.is_match(line) {
        return Some(Boilerplate::Marker);
    }
    if line.contains('{') && PLACEHOLDER.is_match(line) {
        return Some(Boilerplate::Marker);
    }
    if !line.contains(char::is_whitespace) && URL.is_match(line) {
        return Some(Boilerplate::Url);
    }
    if is_identifier(line) {
        return Some(Boilerplate::Identifier);
    }
    if line.len() > MAX_PHRASE_LINE {
        return None;
    }
    let owned;
    let key = match key {
        Some(k) => k,
        None => {
            owned = lower_words(line);
            &owned
        }
    };
    let words = Words(key);
    if is_navigation(key) || (words.len() <= 8 && TEASER_LABEL.is_match(line)) {
        return Some(Boilerplate::Navigation);
    }
    if line.contains([':', '|', '»', '›', '>', '–', '—', '-']) && TEASER.is_match(line) {
        return Some(Boilerplate::Teaser);
    }
    if WALL.is_match(line) {
        return Some(Boilerplate::Wall);
    }
    if PROMOTION.is_match(line) {
        return Some(Boilerplate::Promotion);
    }
    if (words.len() <= 40 && CREDIT.is_match(line))
        || ((line.starts_with("By ") || line.starts_with("BY "))
            && words.len() <= 16
            && BYLINE.is_match(line))
    {
        return Some(Boilerplate::Credit);
    }
    if is_caption(line, words.len()) {
        return Some(Boilerplate::Caption);
    }
    None
}

/// The words of a [`lower_words`] key.
#[derive(Clone, Copy)]
struct Words<'a>(&'a str);

impl Words<'_> {
    fn len(self) -> usize {
        if self.0.is_empty() {
            0
        } else {
            self.0.bytes().filter(|&b| b == b' ').count() + 1
        }
    }
}

/// [`char::is_alphanumeric`] without the Unicode table search (~300 instructions) for
/// the characters most news text is made of: ASCII, accented Latin and Cyrillic letters,
/// and typographic punctuation (dashes, curly quotes, ellipsis).
fn is_alphanumeric(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{a0}' | '\u{d7}' | '\u{f7}' | '\u{2010}'..='\u{205e}' => false,
        '\u{c0}'..='\u{24f}' | '\u{400}'..='\u{481}' | '\u{48a}'..='\u{52f}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Lower-cased words (runs of letters, digits, apostrophes and inner hyphens), joined by
/// one space: the line's key for repeats, and what the word rules read.
pub(crate) fn lower_words(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    push_lower_words(&mut key, line);
    key
}

/// Appends [`lower_words`] of `line` to `key`.
///
/// One pass over the bytes, decoding a `char` only at a non-ASCII byte: a `str::split`
/// on a `char` predicate followed by `trim_matches` decoded every character twice
/// (1k digest: 97.1 M → 89.9 M instructions in this function).
pub(crate) fn push_lower_words(key: &mut String, line: &str) {
    let start = key.len();
    let bytes = line.as_bytes();
    // The character at `i` and its length in bytes.
    let char_at = |i: usize| match bytes[i] {
        b if b.is_ascii() => (char::from(b), 1),
        _ => line[i..]
            .chars()
            .next()
            .map_or(('\0', 1), |c| (c, c.len_utf8())),
    };
    let mut i = 0;
    while i < bytes.len() {
        // A run of word characters (letters, digits, apostrophes, hyphens), trimmed to
        // its first and last letter or digit.
        let mut word: Option<(usize, usize)> = None;
        loop {
            if i >= bytes.len() {
                break;
            }
            let (c, n) = char_at(i);
            if is_alphanumeric(c) {
                word = Some((word.map_or(i, |(first, _)| first), i + n));
            } else if !matches!(c, '\'' | '’' | '-') {
                // The separator that ended the run.
                i += n;
                break;
            }
            i += n;
        }
        if let Some((first, end)) = word {
            if key.len() > start {
                key.push(' ');
            }
            let word = &line[first..end];
            if word.is_ascii() {
                let from = key.len();
                key.push_str(word);
                key[from..].make_ascii_lowercase();
            } else {
                key.push_str(&word.to_lowercase());
            }
        }
    }
}

/// A short line of navigation words with at least one that is not filler.
fn is_navigation(key: &str) -> bool {
    let n = Words(key).len();
    if n == 0 || n > 8 {
        return false;
    }
    let is_nav = |w: &str| NAVIGATION_WORDS.contains(&w);
    let is_weak = |w: &str| WEAK_WORDS.contains(&w);
    key.split(' ').all(|w| is_nav(w) || is_weak(w)) && key.split(' ').any(is_nav)
}

/// A line with no real word and mostly digits and punctuation, or a UUID or a long digit
/// run among at most a couple of words.
fn is_identifier(line: &str) -> bool {
    // Both rules below need no word at all or a short line: a long line with a word
    // is decided on its first words.
    let mut tokens: Vec<&str> = Vec::new();
    let mut has_word = false;
    for t in line.split_whitespace() {
        has_word = has_word || is_plain_word(t);
        tokens.push(t);
        if has_word && tokens.len() > 8 {
            return false;
        }
    }
    let non_space = line.chars().filter(|c| !c.is_whitespace()).count().max(1);
    let digits_punct = line
        .chars()
        .filter(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
        .count();
    if !has_word && digits_punct * 2 >= non_space {
        return true;
    }
    let words = tokens.iter().filter(|t| is_plain_word(t)).count();
    let long_digits = tokens
        .iter()
        .any(|t| t.chars().filter(char::is_ascii_digit).count() >= 10 && !t.contains(','));
    words <= 2 && tokens.len() <= 8 && (long_digits || (line.contains('-') && UUID.is_match(line)))
}

/// A token made of letters (with inner apostrophes, hyphens, dots), at least two of them.
fn is_plain_word(token: &str) -> bool {
    let core = token.trim_matches(|c: char| !is_alphanumeric(c));
    core.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && core
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
}

/// A descriptive line without a final full stop that ends in a photo credit.
fn is_caption(line: &str, words: usize) -> bool {
    let photo_word = || {
        let head: String = line.chars().take(8).collect::<String>().to_lowercase();
        ["image", "photo", "picture", "video"]
            .iter()
            .any(|w| head.starts_with(w))
    };
    // The regexes leave lengths open (bounded repeats of Unicode classes are costly to
    // build); the bounds are checked here.
    if (line.ends_with(')') || photo_word())
        && PHOTO_CREDIT
            .find(line)
            .is_some_and(|m| m.start() == 0 || m.as_str().len() <= 120)
    {
        return true;
    }
    let ends_sentence = line.ends_with(['.', '!', '?', '"', '”', '’', ':']);
    if ends_sentence || words < 8 || !line.ends_with(')') {
        return false;
    }
    CAPTION_CREDIT
        .find(line)
        .is_some_and(|m| m.as_str().len() <= 50 && m.as_str().split_whitespace().count() <= 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_alphanumeric_agrees_with_the_standard_one() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// The key as first written: split on a `char` predicate, then trimmed.
    fn lower_words_by_split(line: &str) -> String {
        let mut key = String::new();
        for word in line
            .split(|c: char| !(is_alphanumeric(c) || c == '\'' || c == '’' || c == '-'))
            .map(|w| w.trim_matches(|c: char| !is_alphanumeric(c)))
            .filter(|w| !w.is_empty())
        {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(&word.to_lowercase());
        }
        key
    }

    #[test]
    fn one_pass_words_agree_with_split_words() {
        let mut lines: Vec<String> = [
            "",
            "Don't -- miss it, 'quoted' words-with-hyphens -x- y-",
            "  A1 b2:C3|'- -' ''x'' Ab-'Cd' 2024-01-02 e-mail",
            "---",
            "’Tis É’s ÀB-’cd’ naïve – “Quoted” ΣΑΣ Ärger…x ’’",
            "’",
        ]
        .map(String::from)
        .to_vec();
        let all: String = (0..0x3000u32).filter_map(char::from_u32).collect();
        lines.push(all.clone());
        lines.push(all.chars().rev().collect());
        for line in &lines {
            assert_eq!(lower_words(line), lower_words_by_split(line), "{line}");
        }
    }

    fn kind(line: &str) -> Option<Boilerplate> {
        classify_line(line)
    }

    #[test]
    fn unrendered_template_syntax_is_a_marker() {
        for line in [
            "We sent a link to {* data_email *}: open it to go on.",
            "Hello {{ user.first_name }}, your saved stories",
            "{% if logged_in %} Manage alerts {% endif %}",
        ] {
            assert_eq!(kind(line), Some(Boilerplate::Marker), "{line}");
        }
        assert_eq!(kind("The set {1, 2, 3} was used in the draw."), None);
    }

    #[test]
    fn markers() {
        for line in [
            "[ad_1]",
            "[ad_2]",
            "[caption id=\"x\" align=\"left\"]",
            "[/embed]",
        ] {
            assert_eq!(kind(line), Some(Boilerplate::Marker), "{line}");
        }
        assert_eq!(kind("[Editor's note: the talks resumed later.]"), None);
    }

    #[test]
    fn navigation_lines() {
        for line in [
            "Advertisement",
            "Source link",
            "Skip to content",
            "Skip to main content",
            "Share this",
            "Share Tweet Email",
            "Follow us",
            "video",
            "Top Stories",
            "Latest News",
            "Breaking News",
            "Accessibility links",
            "Related Articles",
            "You may also like",
        ] {
            assert_eq!(kind(line), Some(Boilerplate::Navigation), "{line}");
        }
    }

    #[test]
    fn subheadings_are_not_navigation() {
        for line in [
            "Rising tensions",
            "Expand the port",
            "A new offensive",
            "Share prices fall",
        ] {
            assert_eq!(kind(line), None, "{line}");
        }
    }

    #[test]
    fn teasers() {
        for line in [
            "More news: Famous singer releases new album",
            "Read more: Markets tumble on trade fears",
            "ALSO READ | Storm hits the coast",
            "Related: How the ceasefire collapsed",
            "Watch: Crowds gather in the square",
        ] {
            assert_eq!(kind(line), Some(Boilerplate::Teaser), "{line}");
        }
        assert_eq!(
            kind("Read the full statement below, officials said on Monday."),
            None
        );
    }

    #[test]
    fn promotion() {
        for line in [
            "As you can imagine, more people are reading The Daily Example than ever before.",
            "Subscribe to our newsletter for the full story",
            "Sign up for our daily newsletter to get the latest headlines.",
            "Click here to read the full report",
            "Follow us on Twitter for live updates from the scene",
            "Download our free app",
            "Support independent journalism today.",
            "© 2024 Example Media. All rights reserved.",
            "This article originally appeared on Example News.",
        ] {
            assert_eq!(kind(line), Some(Boilerplate::Promotion), "{line}");
        }
    }

    #[test]
    fn access_walls() {
        for line in [
            "We just e-mailed you a verification link: open it to finish signing up.",
            "Click the button to activate your account.",
            "Nothing arrived? Look in your junk folder.",
            "Thank you for subscribing to the morning edition!",
            "Please sign in to continue reading.",
            "Log in if you already have an account.",
            "Subscribe now to keep reading this story.",
            "Get unlimited access for 99 cents a week.",
            "Sorry, your address is not in our delivery area.",
            "This story is available to paying subscribers.",
            "You have reached your monthly limit of free articles.",
            "Already a member? Sign in here.",
            "To complete your registration, choose a password.",
            "Sign in with your newsroom account",
            "Welcome back. Please log in",
            "Already have an account? Log in.",
            "By submitting your details you accept the terms of use.",
            "4 of 5 free stories used this month",
            "Get email alerts on this topic",
            "A digest of the day's stories, delivered to your inbox each morning.",
        ] {
            assert_eq!(kind(line), Some(Boilerplate::Wall), "{line}");
        }
        for line in [
            "Police said the suspect had been asked to verify his identity at the gate.",
            "The newspaper's subscribers had complained about the delays.",
            "She signed in at the front desk before the shooting, staff said.",
        ] {
            assert_eq!(kind(line), None, "{line}");
        }
    }

    #[test]
    fn identifiers() {
        for line in [
            "6012345678901 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed",
            "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed",
            "20240101-123456",
            "12:45",
            "id 123456789012",
        ] {
            assert_eq!(kind(line), Some(Boilerplate::Identifier), "{line}");
        }
        for line in [
            "At least 12 people died on 3 May.",
            "2,800 displaced, officials say",
        ] {
            assert_eq!(kind(line), None, "{line}");
        }
    }

    #[test]
    fn urls_and_separators() {
        assert_eq!(kind("https://example.com/a/b?c=1"), Some(Boilerplate::Url));
        assert_eq!(kind("www.example.org"), Some(Boilerplate::Url));
        assert_eq!(kind("news@example.org"), Some(Boilerplate::Url));
        assert_eq!(kind("* * *"), Some(Boilerplate::Separator));
    }

    #[test]
    fn credits() {
        for line in [
            "With reporting by two wire agencies",
            "(Reporting by Jane Doe; Editing by Sam Roe)",
            "Additional reporting by Jane Doe in the capital",
            "By Jane Doe",
            "By Jane Doe and Sam Roe",
        ] {
            assert_eq!(kind(line), Some(Boilerplate::Credit), "{line}");
        }
        assert_eq!(kind("By nightfall the streets were empty."), None);
    }

    #[test]
    fn captions() {
        assert_eq!(
            kind("Soldiers stand guard at a checkpoint near the old city walls (Wire Agency)"),
            Some(Boilerplate::Caption)
        );
        assert_eq!(
            kind("A man walks past the damaged building. (Example Photo/Jane Doe)"),
            Some(Boilerplate::Caption)
        );
        assert_eq!(
            kind("The agency said the toll had risen to 40 people (UNX)."),
            None
        );
    }

    #[test]
    fn story_lines_are_kept() {
        for line in [
            "The council met on Friday and called for calm.",
            "\"We will not stop,\" he said.",
            "Fighting erupted on 5 May, according to officials.",
        ] {
            assert_eq!(kind(line), None, "{line}");
        }
    }
}
