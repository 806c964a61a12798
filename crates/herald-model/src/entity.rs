use serde::{Deserialize, Serialize};

/// What kind of thing an entity names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Person,
    Organization,
    Location,
    Other,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Location => "location",
            EntityType::Other => "other",
        }
    }
}

/// One occurrence of a name in an article's story text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The name as written, without titles or possessive (`Smith` from `Gen Smith's`).
    pub text: String,
    /// The type guessed from this occurrence's context alone.
    pub kind: EntityType,
    /// A title or role written with it (`Secretary-General`, `Field Marshal`), if any.
    pub role: Option<String>,
    /// An acronym given for it in parentheses (`World Health Organization (WHO)`).
    pub acronym: Option<String>,
    pub article: String,
    /// Index of the sentence in its article.
    pub sentence: usize,
    /// Byte range in the article text.
    pub start: usize,
    pub end: usize,
}

/// Why two spellings were put into one entity: which rule fired, on what evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Merge {
    pub form: String,
    pub into: String,
    pub rule: String,
    pub evidence: String,
}

/// One real person, organisation or place across an event's articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Identifier of the real thing, the same in every event that mentions it
    /// (`person/jane-doe`); set when entities are linked across events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The best-attested full form.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Every spelling seen in story text, most frequent first.
    pub forms: Vec<String>,
    /// Occurrences in story text.
    pub mentions: usize,
    /// Number of articles that mention it.
    pub articles: usize,
    /// How the forms were merged, one entry per merged form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merges: Vec<Merge>,
}
