//! GROUND FLOOR: the rules of text every stage shares, written once. A user file's bytes
//! become UTF-8 here or get a clear error ([`decode`]); the CJK character classes
//! ([`classes`]); the traditional-to-simplified fold ([`variants`]); the normalisation and
//! character bigrams that the search index, the query and the ledger's history compare by
//! ([`normalize`]); the HTML escaper ([`html`]). Nothing here knows of the site.

pub mod classes;
pub mod decode;
pub mod html;
pub mod normalize;
pub mod variants;

pub use classes::{is_ideograph, is_wide, is_word_char};
pub use normalize::normalize;
