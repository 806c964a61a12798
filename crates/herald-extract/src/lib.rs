//! Main-text extraction for herald: HTML pages to story text, and plain-text clean-up.
//!
//! This is the `clean` stage of herald's flow (`ingest → clean → analyze → ...`): what
//! comes out is the article text every later stage reads, so everything that is not the
//! story goes here, once, and is listed so a user can check what went.
//!
//! - [`extract_html`] turns a page into a [`Page`]: main text (paragraphs), title,
//!   publication date, language, site name, canonical URL, author.
//! - [`clean_text`] / [`clean_article`] / [`clean_txt`] / [`clean_page`] / [`clean_raw`]
//!   turn a body into a [`Cleaned`] text: entities repaired (`& # 39;` -> `'`), Unicode
//!   normalised, boilerplate lines dropped (ad markers, navigation words, teasers for
//!   other stories, outlet self-promotion, asset ids, credits), repeated lines printed
//!   once, paragraphs separated by a blank line.
//! - [`split_title`] is the plain-text rule "a short first line followed by a blank line
//!   is the title".
//!
//! The rules are general (line shape, length, position, repetition, digit ratio and a
//! small list of phrasings every news site uses); none of them knows a particular
//! article or outlet. Knobs live in [`Options`].

mod boilerplate;
mod clean;
mod html;
mod metadata;
mod title;

pub use boilerplate::{classify_line, Boilerplate};
pub use clean::{clean_article, clean_page, clean_raw, clean_text, clean_txt, Cleaned, Options};
pub use html::{extract_html, Page, MAX_HTML_BYTES};
pub use title::{is_title_like, split_title, MAX_TITLE_CHARS, MAX_TITLE_WORDS};
