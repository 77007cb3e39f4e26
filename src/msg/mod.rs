//! The message catalogue: every sentence annals says to a person, in Simplified Chinese (the
//! default) and English (`--lang en`, or `LANG`/`LC_ALL` starting with `en`), written once here.
//!
//! A message is a function named for what it says, taking the values it quotes; the call site
//! never holds the text. `annals check --format json` keeps its stable English `code`s whatever
//! the language, so scripts do not depend on the wording. The catalogue is split by the stage
//! that says it (its files follow the pipeline), and `tests` below check that every message
//! has both texts and quotes the same values in both.

use std::sync::atomic::{AtomicU8, Ordering};

/// The language messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese, the default.
    Zh,
    /// English, for the IT colleague reading logs.
    En,
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

impl Lang {
    /// The language the environment asks for: English when the first set of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` (POSIX's order) starts with `en`, Chinese otherwise (also for
    /// `C`/`POSIX`, the usual setting of a server or a CI runner, where the users still read
    /// Chinese).
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        Lang::parse(&locale).unwrap_or(Lang::Zh)
    }

    /// Reads `zh`, `zh-CN`, `zh_CN.UTF-8`, `en`, `en_US.UTF-8` …; `None` for any other.
    pub fn parse(name: &str) -> Option<Lang> {
        let name = name.to_ascii_lowercase();
        if name.starts_with("en") {
            Some(Lang::En)
        } else if name.starts_with("zh") || name == "c" || name.starts_with("c.") || name == "posix"
        {
            Some(Lang::Zh)
        } else {
            None
        }
    }
}

/// A message that quotes no value, named where a table of them is kept.
pub type Message = fn() -> String;

/// Sets the language of every message from now on (the binary does it once, first thing).
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are written in now.
pub fn current() -> Lang {
    if CURRENT.load(Ordering::Relaxed) == Lang::En as u8 {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// Defines messages: `name(arg: Type, …) { zh: "…{arg}…", en: "…{arg}…" }` becomes a function
/// returning the text in the current language, with the arguments formatted in place.
macro_rules! catalogue {
    ($( $(#[$doc:meta])* $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) { zh: $zh:literal, en: $en:literal $(,)? } )*) => {
        $(
            $(#[$doc])*
            #[doc = $en]
            #[allow(clippy::useless_format)]
            pub fn $name($($arg: $ty),*) -> String {
                match $crate::msg::current() {
                    $crate::msg::Lang::Zh => format!($zh),
                    $crate::msg::Lang::En => format!($en),
                }
            }
        )*
        /// Every message of this file as (name, Chinese template, English template), for the
        /// catalogue's own tests.
        #[cfg(test)]
        pub(crate) const ALL: &[(&str, &str, &str)] = &[$((stringify!($name), $zh, $en)),*];
    };
}

pub mod report;
pub mod files;
pub mod content;
pub mod ledger;
pub mod publish;
pub mod search;
pub mod commands;
pub mod cli;

#[cfg(test)]
mod tests {
    use super::*;

    fn every() -> Vec<(&'static str, &'static str, &'static str)> {
        [
            report::ALL,
            files::ALL,
            content::ALL,
            ledger::ALL,
            publish::ALL,
            search::ALL,
            commands::ALL,
            cli::ALL,
        ]
        .concat()
    }

    /// The `{name}`s a template quotes, sorted.
    fn quoted(template: &str) -> Vec<String> {
        let mut names: Vec<String> = template
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}'))
            .map(|(name, _)| name.split(':').next().unwrap_or("").to_string())
            .filter(|n| !n.is_empty())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Chinese characters or full-width punctuation, or no words at all outside the values
    /// and `code` it quotes (`{field}：{message}` is a Chinese frame; `the file is empty` is not).
    fn is_chinese(text: &str) -> bool {
        let mut words = String::new();
        let (mut value, mut code) = (false, false);
        for c in text.chars() {
            match c {
                '{' => value = true,
                '}' => value = false,
                '`' => code = !code,
                c if !value && !code => words.push(c),
                _ => {}
            }
        }
        words.chars().any(|c| {
            ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)
        }) || !words.chars().any(|c| c.is_ascii_alphabetic())
    }

    #[test]
    fn every_message_has_both_texts_quoting_the_same_values() {
        let mut seen = std::collections::BTreeSet::new();
        for (name, zh, en) in every() {
            assert!(seen.insert(name), "`{name}` is defined twice");
            assert!(
                !zh.trim().is_empty() && !en.trim().is_empty(),
                "`{name}` lacks a text"
            );
            assert_eq!(
                quoted(zh),
                quoted(en),
                "`{name}` quotes different values in zh and en"
            );
            assert!(
                is_chinese(zh),
                "`{name}`: the Chinese text reads as English: {zh}"
            );
        }
    }

    #[test]
    fn the_environment_chooses_english_only_when_it_says_en() {
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("C.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr_FR"), None);
    }
}
