//! A fast tokenizer for the markup [`crate::html`] hands to the parser, feeding
//! html5ever's own tree builder, so the tree is html5ever's.
//!
//! After stripping, a page is plain markup: no comments, no script or style bodies
//! (JSON-LD aside), start tags cut down to a few attributes. html5ever's tokenizer still
//! walks tag and attribute text one character at a time (~4 M instructions a page); this
//! one reads it a slice at a time and hands the tree builder the same tokens. Anything
//! whose tokens it is not sure to reproduce exactly (a `<!--` or `<![` left in the markup,
//! a NUL or carriage return, a named character reference without its `;` or not in the
//! table, a script body with `<!--` escapes, `<plaintext>`, an odd DOCTYPE, an end tag with
//! attributes) makes it give up: the caller then parses with html5ever as before.

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{interface::TreeSink, ns, Attribute, LocalName, QualName};
use scraper::{Html, HtmlTreeSink};

/// The tree html5ever would build from `html`, or `None` when the markup holds
/// something this tokenizer leaves to html5ever's.
pub(crate) fn parse(html: &str) -> Option<Html> {
    if html.as_bytes().contains(&b'\r') {
        // Carriage returns become line feeds before tokenizing, as in html5ever.
        return parse_lf(&html.replace("\r\n", "\n").replace('\r', "\n"));
    }
    parse_lf(html)
}

fn parse_lf(html: &str) -> Option<Html> {
    // A byte order mark opening the input is dropped, as html5ever does.
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let bytes = html.as_bytes();
    if bytes.contains(&0) {
        return None;
    }
    let builder = TreeBuilder::new(
        HtmlTreeSink::new(Html::new_document()),
        TreeBuilderOpts::default(),
    );
    let mut i = 0usize;
    let mut text = String::new();
    while i < bytes.len() {
        let Some(offset) = memchr::memchr2(b'<', b'&', &bytes[i..]) else {
            text.push_str(&html[i..]);
            break;
        };
        let at = i + offset;
        text.push_str(&html[i..at]);
        if bytes[at] == b'&' {
            i = char_ref(html, at, &mut text, false)?;
            continue;
        }
        let next = bytes.get(at + 1).copied();
        match next {
            Some(b) if b.is_ascii_alphabetic() => {
                flush(&builder, &mut text);
                let (tag, end) = start_tag(html, at + 1)?;
                let name = tag.name.clone();
                i = end;
                match builder.process_token(Token::TagToken(tag), 0) {
                    TokenSinkResult::Continue
                    | TokenSinkResult::Script(_)
                    | TokenSinkResult::EncodingIndicator(_) => {}
                    TokenSinkResult::Plaintext => return None,
                    TokenSinkResult::RawData(kind) => {
                        let close = raw_end(html, i, &name);
                        let body = &html[i..close];
                        match kind {
                            RawKind::Rcdata => {
                                let mut j = i;
                                while let Some(o) = html[j..close].find('&') {
                                    text.push_str(&html[j..j + o]);
                                    j = char_ref(&html[..close], j + o, &mut text, false)?;
                                }
                                text.push_str(&html[j..close]);
                            }
                            RawKind::Rawtext => text.push_str(body),
                            _ => {
                                if body.contains("<!--") {
                                    return None;
                                }
                                text.push_str(body);
                            }
                        }
                        flush(&builder, &mut text);
                        i = close;
                    }
                }
            }
            Some(b'/') => {
                match bytes.get(at + 2) {
                    Some(b) if b.is_ascii_alphabetic() => {}
                    _ => return None,
                }
                flush(&builder, &mut text);
                let (name, end) = end_tag(html, at + 2)?;
                i = end;
                let tag = Tag {
                    kind: TagKind::EndTag,
                    name,
                    self_closing: false,
                    attrs: Vec::new(),
                    had_duplicate_attributes: false,
                };
                let _ = builder.process_token(Token::TagToken(tag), 0);
            }
            Some(b'!') => {
                flush(&builder, &mut text);
                let (doctype, end) = doctype(html, at + 2)?;
                i = end;
                let _ = builder.process_token(Token::DoctypeToken(doctype), 0);
            }
            Some(b'?') | None => return None,
            Some(_) => {
                text.push('<');
                i = at + 1;
            }
        }
    }
    flush(&builder, &mut text);
    let _ = builder.process_token(Token::EOFToken, 0);
    builder.end();
    Some(builder.sink.finish())
}

/// Hands the text gathered so far to the tree builder.
fn flush<S: TokenSink>(builder: &S, text: &mut String) {
    if !text.is_empty() {
        let _ = builder.process_token(Token::CharacterTokens(StrTendril::from_slice(text)), 0);
        text.clear();
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c')
}

/// The tag whose name starts at `from` (just after `<`) and where it ends.
fn start_tag(html: &str, from: usize) -> Option<(Tag, usize)> {
    let bytes = html.as_bytes();
    let mut j = from;
    while j < bytes.len() && !is_space(bytes[j]) && bytes[j] != b'/' && bytes[j] != b'>' {
        j += 1;
    }
    let name = atom(&html[from..j]);
    let mut attrs: Vec<Attribute> = Vec::new();
    let mut self_closing = false;
    let mut duplicate = false;
    loop {
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        match bytes.get(j)? {
            b'>' => break,
            b'/' => {
                if bytes.get(j + 1) == Some(&b'>') {
                    self_closing = true;
                    j += 1;
                    break;
                }
                j += 1;
                continue;
            }
            _ => {}
        }
        let name_start = j;
        j += 1; // a first `=` belongs to the name
        while j < bytes.len() && !is_space(bytes[j]) && !matches!(bytes[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        let attr_name = &html[name_start..j];
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        let mut value = String::new();
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < bytes.len() && is_space(bytes[j]) {
                j += 1;
            }
            match *bytes.get(j)? {
                q @ (b'"' | b'\'') => {
                    let close = j + 1 + memchr::memchr(q, &bytes[j + 1..])?;
                    attr_value(&html[..close], j + 1, &mut value)?;
                    j = close + 1;
                }
                b'>' => {}
                _ => {
                    let start = j;
                    while j < bytes.len() && !is_space(bytes[j]) && bytes[j] != b'>' {
                        j += 1;
                    }
                    attr_value(&html[..j], start, &mut value)?;
                }
            }
        }
        let lname = atom(attr_name);
        if attrs.iter().any(|a| a.name.local == lname) {
            duplicate = true;
        } else {
            attrs.push(Attribute {
                name: QualName::new(None, ns!(), lname),
                value: StrTendril::from_slice(&value),
            });
        }
    }
    let tag = Tag {
        kind: TagKind::StartTag,
        name,
        self_closing,
        attrs,
        had_duplicate_attributes: duplicate,
    };
    Some((tag, j + 1))
}

/// `html[from..]` (an attribute value, `html` cut at its end) with character references
/// decoded, into `out`.
fn attr_value(html: &str, from: usize, out: &mut String) -> Option<()> {
    let mut j = from;
    while let Some(o) = html[j..].find('&') {
        out.push_str(&html[j..j + o]);
        j = char_ref(html, j + o, out, true)?;
    }
    out.push_str(&html[j..]);
    Some(())
}

/// The end tag whose name starts at `from` (after `</`): its name and where it ends;
/// `None` when it holds more than its name.
fn end_tag(html: &str, from: usize) -> Option<(LocalName, usize)> {
    let bytes = html.as_bytes();
    let mut j = from;
    while j < bytes.len() && !is_space(bytes[j]) && bytes[j] != b'/' && bytes[j] != b'>' {
        j += 1;
    }
    let name = atom(&html[from..j]);
    while j < bytes.len() && is_space(bytes[j]) {
        j += 1;
    }
    (bytes.get(j)? == &b'>').then_some((name, j + 1))
}

/// A lower-cased name atom.
fn atom(name: &str) -> LocalName {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        LocalName::from(name.to_ascii_lowercase())
    } else {
        LocalName::from(name)
    }
}

/// Where the end tag of a raw-text element named `name` starts (or the end of `html`).
fn raw_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(o) = html[i..].find("</") {
        let at = i + o;
        let after = &bytes[at + 2..];
        if after.len() > name.len()
            && after[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && matches!(
                after[name.len()],
                b' ' | b'\t' | b'\n' | b'\x0c' | b'/' | b'>'
            )
        {
            return at;
        }
        i = at + 2;
    }
    html.len()
}

/// `<!DOCTYPE ...>` starting after `<!`: only `html`, optionally with a quoted public and
/// system identifier.
fn doctype(html: &str, from: usize) -> Option<(Doctype, usize)> {
    let rest = &html[from..];
    if !rest.as_bytes().get(..7)?.eq_ignore_ascii_case(b"doctype") {
        return None;
    }
    let end = from + rest.find('>')?;
    let inner = &html[from + 7..end];
    let mut words = inner.split_ascii_whitespace();
    let name = words.next()?;
    if !name.eq_ignore_ascii_case("html") {
        return None;
    }
    let after_name = inner[inner.to_ascii_lowercase().find("html")? + 4..].trim_ascii();
    let (mut public_id, mut system_id) = (None, None);
    if !after_name.is_empty() {
        let keyword = after_name.get(..6)?;
        let mut ids = quoted(after_name.get(6..)?)?;
        if keyword.eq_ignore_ascii_case("public") {
            public_id = Some(ids.next()?);
            system_id = ids.next();
        } else if keyword.eq_ignore_ascii_case("system") {
            system_id = Some(ids.next()?);
        } else {
            return None;
        }
        if ids.next().is_some() {
            return None;
        }
    }
    let doctype = Doctype {
        name: Some(StrTendril::from_slice("html")),
        public_id: public_id.map(StrTendril::from_slice),
        system_id: system_id.map(StrTendril::from_slice),
        force_quirks: false,
    };
    Some((doctype, end + 1))
}

/// The quoted strings of `s` (space between them and before the first required: no
/// other text), or `None`.
fn quoted(s: &str) -> Option<std::vec::IntoIter<&str>> {
    let bytes = s.as_bytes();
    if bytes.first().is_some_and(|b| !is_space(*b)) {
        return None;
    }
    let mut out = Vec::new();
    let mut j = 0;
    loop {
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        let Some(&q) = bytes.get(j) else { break };
        if q != b'"' && q != b'\'' {
            return None;
        }
        let close = j + 1 + memchr::memchr(q, &bytes[j + 1..])?;
        out.push(&s[j + 1..close]);
        j = close + 1;
        if bytes.get(j).is_some_and(|b| !is_space(*b)) {
            return None;
        }
    }
    Some(out.into_iter())
}

/// The character reference at `html[at] == '&'` decoded into `out`; where the input goes
/// on. `None` for references html5ever resolves in ways not reproduced here.
fn char_ref(html: &str, at: usize, out: &mut String, in_attribute: bool) -> Option<usize> {
    let bytes = html.as_bytes();
    match bytes.get(at + 1) {
        Some(b'#') => {
            let (hex, start) = match bytes.get(at + 2) {
                Some(b'x' | b'X') => (true, at + 3),
                _ => (false, at + 2),
            };
            let mut j = start;
            while j < bytes.len()
                && (if hex {
                    bytes[j].is_ascii_hexdigit()
                } else {
                    bytes[j].is_ascii_digit()
                })
            {
                j += 1;
            }
            if j == start || j - start > 6 || bytes.get(j) != Some(&b';') {
                return None;
            }
            let n = u32::from_str_radix(&html[start..j], if hex { 16 } else { 10 }).ok()?;
            let c = match n {
                0x09 | 0x0a | 0x20..=0x7e | 0xa0..=0xd7ff | 0xe000..=0xfdcf | 0xfdf0..=0xfffd => {
                    char::from_u32(n)?
                }
                0x80..=0x9f => {
                    let r = C1_REPLACEMENTS[(n - 0x80) as usize];
                    r.unwrap_or(char::from_u32(n)?)
                }
                0x10000..=0x10ffff if n & 0xfffe != 0xfffe => char::from_u32(n)?,
                _ => return None,
            };
            out.push(c);
            Some(j + 1)
        }
        Some(b) if b.is_ascii_alphanumeric() => {
            // html5ever's matching: the longest entity name the input starts with (names
            // without `;` are the legacy ones).
            let (mut matched, mut k) = (None, at + 1);
            while let Some(&b) = bytes.get(k) {
                if !b.is_ascii() {
                    break;
                }
                let Some(&m) = NAMED_ENTITIES.get(&html[at + 1..=k]) else {
                    break;
                };
                if m.0 != 0 {
                    matched = Some((m, k + 1));
                }
                k += 1;
            }
            let Some(((a, b), end)) = matched else {
                out.push('&');
                return Some(at + 1);
            };
            let next_after = bytes.get(end);
            if bytes[end - 1] != b';'
                && in_attribute
                && next_after.is_some_and(|&c| c == b'=' || c.is_ascii_alphanumeric())
            {
                out.push('&');
                return Some(at + 1);
            }
            out.push(char::from_u32(a)?);
            if b != 0 {
                out.push(char::from_u32(b)?);
            }
            Some(end)
        }
        _ => {
            out.push('&');
            Some(at + 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast tokenizer's tree, serialized, equals html5ever's.
    fn same_tree(html: &str) {
        let fast = parse(html).unwrap_or_else(|| panic!("gave up on {html:?}"));
        let slow = Html::parse_document(html);
        assert_eq!(fast.html(), slow.html(), "{html:?}");
        assert_eq!(fast.quirks_mode, slow.quirks_mode, "{html:?}");
    }

    #[test]
    fn builds_the_tree_html5ever_builds() {
        for html in [
            "",
            "plain text",
            "<!DOCTYPE html><html lang=en><head><title>A &amp; B &copy</title></head><body><p>x</p></body></html>",
            "<!doctype HTML PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\"><p>a<table><tr><td>b</table>",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\"><p>a<table><tr><td>b</table>",
            "<!DOCTYPE html SYSTEM \"about:legacy-compat\"><p>x",
            "<p>one<p>two<ul><li>a<li>b</ul><dl><dt>t<dd>d</dl>",
            "<b><i>x</b>y</i>z<a href=1>q<div>r</a>s</div>",
            "<table>stray<tr><td>cell<td>two</tr>text</table>after",
            "<DIV CLASS=\"Story\" ID=main class=dup>Upper</DIV>",
            "<br/><div/>x<img src=a/>y<a b='c'd=e f>g</a><a =x>h</a><a b\"c>i</a>",
            "a < b and c<1d & e &amp; f &notit; &notin; &#39; &#x27; &#150; &#8212; &nbsp;x &copy 2012",
            "<meta content=\"a?x=1&copy=2&amp;y=3&notit;\" name=x><a title='&copy2' class=&lt;b>z</a>",
            "<pre>\nkeep\n</pre><textarea>\n&lt;t&gt;</textarea>",
            "<head><script type=\"application/ld+json\">{\"a\": \"</p>\"}</script><style>p{}</style></head><p>x",
            "<title>t</titlex></title>",
            "<p>line one\r\nline two\rthree</p>",
            "\u{feff}<!DOCTYPE html><p>bom</p>",
            "<noscript><p>inside</p></noscript><iframe>raw</iframe>",
            "<svg><circle/></svg><math><mi>x</mi></math>",
            "<p>open<h2>head</h2><li>item<p>para",
            "</p><p>after stray end</p></br>",
            "<html><body><frameset><frame></frameset>",
            "<select><option>a<option>b</select><form><input></form>",
        ] {
            same_tree(html);
        }
    }

    /// Cut anywhere (every state meets the end of input), the markup either parses to
    /// html5ever's tree or is left to html5ever; never a panic.
    #[test]
    fn every_prefix_parses_alike_or_falls_back() {
        let html =
            "\u{feff}<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"x\">\r\n<html><head>\
            <title>T &amp; &copy 2012 &#8212;</title><meta content=\"a&b=1&amp;c&notin;\" name=d>\
            <script type=\"application/ld+json\">{\"a\":1}</script></head><body class=x>\
            <p>é & ü < 3 &#x27;<b><i>x</b>y</i><table>z<tr><td>c</table><pre>\nq</pre>\
            <textarea>\n&lt;</textarea><a href=u b='v'c d=>link</a><br/></body></html>";
        for end in (0..=html.len()).filter(|&e| html.is_char_boundary(e)) {
            let prefix = &html[..end];
            if let Some(fast) = parse(prefix) {
                let slow = Html::parse_document(prefix);
                assert_eq!(fast.html(), slow.html(), "{prefix:?}");
                assert_eq!(fast.quirks_mode, slow.quirks_mode, "{prefix:?}");
            }
        }
    }

    #[test]
    fn leaves_what_it_does_not_reproduce_to_html5ever() {
        for html in [
            "<p>a<!-- c --></p>",
            "<p>a</p><![CDATA[x]]>",
            "<?xml version=\"1.0\"?><p>a",
            "<p>&#39t</p>",
            "<p>a\0b</p>",
            "<script><!--<script></script>--></script>",
            "<plaintext>a</p>",
            "<p>a</p foo>",
            "<p>a</ p>",
            "<p x=\"unclosed>",
            "<p>a<",
        ] {
            assert!(parse(html).is_none(), "{html:?}");
        }
    }
}
