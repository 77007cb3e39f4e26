//! LOAD: the search configuration in `search-index/`: the user dictionary and the synonyms.
//!
//! Both are copied into the built index, so a search always segments and expands queries
//! exactly as the index it reads was built.

use crate::error::{Diagnostic, Failure};
use crate::{fsx, text::decode, yaml};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The folder of the search configuration and the built index, under the site root.
pub const DIR: &str = "search-index";
/// The user dictionary's file name in `search-index/`.
pub const DICTIONARY: &str = "dictionary.txt";
/// The synonyms' file name in `search-index/`.
pub const SYNONYMS: &str = "synonyms.yaml";

/// Groups of words that mean the same: a search for one also finds the others.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Synonyms {
    /// Groups of words that find each other.
    pub groups: Vec<Vec<String>>,
}

impl Synonyms {
    /// The other words of `word`'s groups (normalised), not `word` itself.
    pub fn of(&self, word: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for g in self
            .groups
            .iter()
            .filter(|g| g.iter().any(|w| crate::text::normalize(w) == word))
        {
            for w in g {
                let w = crate::text::normalize(w);
                if w != word && !out.contains(&w) {
                    out.push(w);
                }
            }
        }
        out
    }
}

/// The search configuration of a site.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// The user dictionary text (jieba format: `word [freq] [tag]` a line).
    pub dictionary: String,
    /// The synonyms.
    pub synonyms: Synonyms,
}

impl Settings {
    /// Reads `search-index/dictionary.txt` and `search-index/synonyms.yaml` under `dir`
    /// (both optional). `shown` is how `dir` is shown in diagnostics.
    pub fn load(dir: &Path, shown: &Path) -> Result<Settings, Failure> {
        let read = |name: &str| -> Result<Option<(std::path::PathBuf, String)>, Failure> {
            let path = dir.join(name);
            if !path.exists() {
                return Ok(None);
            }
            let shown = shown.join(name);
            let bytes = fsx::read(&path, &shown)?;
            Ok(Some((shown.clone(), decode::decode(&shown, &bytes, true)?)))
        };
        let dictionary = read(DICTIONARY)?;
        let synonyms = match read(SYNONYMS)? {
            Some((shown, text)) => {
                let source = yaml::Source {
                    shown: &shown,
                    file_text: &text,
                    yaml: &text,
                    first_line: 1,
                };
                let groups: Option<Vec<Vec<String>>> = source.parse()?;
                Synonyms {
                    groups: groups.unwrap_or_default(),
                }
            }
            None => Synonyms::default(),
        };
        Ok(Settings {
            dictionary: dictionary.map(|(_, t)| t).unwrap_or_default(),
            synonyms,
        })
    }

    /// Checks the user dictionary's lines (jieba itself loads only where queries are ranked).
    pub fn check_dictionary(&self) -> Result<(), Failure> {
        super::tokenizer::check_dictionary(&self.dictionary).map_err(|(line, m)| {
            Diagnostic::error(Path::new(DIR).join(DICTIONARY), m)
                .at(&self.dictionary, line, 1)
                .help(crate::msg::search::dictionary_help())
                .into()
        })
    }
}
