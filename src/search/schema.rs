//! The index schema: every field in one struct, so the indexer and the query side agree.

use super::tokenizer::BIGRAM;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Bumped when the schema changes; an index of another version is rebuilt, not misread.
pub const VERSION: u32 = 8;

/// The fields of a search entry.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `document` or `record` (sections are found in a document's outline).
    pub kind: Field,
    /// Site-relative URL.
    pub url: Field,
    /// Shown title: the document's title, or a record's id and problem.
    pub title: Field,
    /// The normalised plain text, stored for snippets, not indexed.
    pub text: Field,
    /// For a document: its headed sections as JSON `[{id, heading, start, end}]`, character
    /// ranges of `text`, so a hit links to its best section without another query.
    pub outline: Field,
    /// What the hit's date is (成文日期, 完成时限, 召开日期) and the date as the page shows it.
    pub date_label: Field,
    /// The date as shown, stored.
    pub date_text: Field,
    /// The title's character bigrams.
    pub title_bigrams: Field,
    /// The text's character bigrams (what decides a match).
    pub body_bigrams: Field,
    /// A document's headings: a text in a heading weighs more than one in the body.
    pub heading_bigrams: Field,
    /// The 年度, a fast field for `year:`.
    pub year: Field,
    /// `YYYYMMDD` for sorting by date.
    pub date: Field,
    /// The document type, for `type:`.
    pub doc_type: Field,
    /// The unit, for `unit:`.
    pub unit: Field,
    /// A record's category, for `category:`.
    pub category: Field,
    /// A record's status, for `status:`.
    pub status: Field,
    /// The entry's number in the build (the static bundle reads the index's lists by it).
    pub entry: Field,
    /// Facets `/year/2025`, `/type/…`, `/category/…`, `/status/…` for the counts.
    pub facets: Field,
}

/// The searched fields: character bigrams at their character offsets, with positions (a phrase
/// is bigrams at consecutive offsets).
fn bigram_options() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(BIGRAM)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

impl Fields {
    /// The schema and its fields.
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let fields = Fields {
            kind: b.add_text_field("kind", STRING | STORED | FAST),
            url: b.add_text_field("url", STRING | STORED),
            title: b.add_text_field("title", STORED),
            text: b.add_text_field("text", STORED),
            outline: b.add_text_field("outline", STORED),
            date_label: b.add_text_field("date_label", STORED),
            date_text: b.add_text_field("date_text", STORED),
            title_bigrams: b.add_text_field("title_bigrams", bigram_options()),
            body_bigrams: b.add_text_field("body_bigrams", bigram_options()),
            heading_bigrams: b.add_text_field("heading_bigrams", bigram_options()),
            year: b.add_i64_field("year", INDEXED | STORED | FAST),
            date: b.add_i64_field("date", INDEXED | STORED | FAST),
            doc_type: b.add_text_field("type", STRING | STORED),
            unit: b.add_text_field("unit", STRING | STORED),
            category: b.add_text_field("category", STRING | STORED),
            status: b.add_text_field("status", STRING | STORED),
            entry: b.add_u64_field("entry", FAST),
            facets: b.add_facet_field("facets", INDEXED),
        };
        (b.build(), fields)
    }
}
