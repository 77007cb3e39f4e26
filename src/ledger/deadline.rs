//! 完成时限 as offices write it: `2026-06-30`, `2026年6月底前`, `6月底前`, `年底前`, `长期坚持`.

use crate::dates::{self, DateError};
use chrono::NaiveDate;
use serde::Serialize;

/// When a rectification is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Deadline {
    /// Due by the end of this day.
    Date(NaiveDate),
    /// 长期坚持: never due, never overdue.
    Ongoing,
}

/// The words that mean "no deadline, keep at it".
pub const ONGOING: &str = "长期坚持";

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt())
}

fn number(s: &str) -> Option<u32> {
    let s = s.trim();
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Parses a deadline of a ledger of 年度 `year`; a month without a year falls in `year + 1`,
/// the year a 年度 meeting's rectifications are carried out.
pub fn parse(text: &str, year: i32) -> Result<Deadline, DateError> {
    let t = text.trim();
    if t == ONGOING || t == "长期" || t == "持续推进" {
        return Ok(Deadline::Ongoing);
    }
    match dates::parse(t) {
        Ok(d) => return Ok(Deadline::Date(d)),
        Err(e) if t.contains('-') => return Err(e),
        Err(_) => {}
    }
    let bad = || DateError {
        message: crate::msg::ledger::deadline_bad(t),
        help: crate::msg::ledger::deadline_bad_help(),
    };
    let mut s = t;
    for suffix in ["以前", "之前", "前"] {
        s = s.strip_suffix(suffix).unwrap_or(s);
    }
    let (y, rest) = match s.split_once('年') {
        Some((y, rest)) if number(y).is_some() => {
            (number(y).map(|n| n as i32).ok_or_else(bad)?, rest)
        }
        Some(("", rest)) => (year + 1, rest),
        _ if s.contains('月') => (year + 1, s),
        _ => return Err(bad()),
    };
    let date = match rest {
        "" | "底" | "年底" => NaiveDate::from_ymd_opt(y, 12, 31),
        "上半年" => NaiveDate::from_ymd_opt(y, 6, 30),
        "下半年" => NaiveDate::from_ymd_opt(y, 12, 31),
        _ => {
            let (m, day) = rest.split_once('月').ok_or_else(bad)?;
            let m = number(m).ok_or_else(bad)?;
            match day.trim_end_matches('日').trim_end_matches('号') {
                "" | "底" | "末" => last_day(y, m),
                "中旬" => NaiveDate::from_ymd_opt(y, m, 20),
                "上旬" => NaiveDate::from_ymd_opt(y, m, 10),
                "下旬" => last_day(y, m),
                d => NaiveDate::from_ymd_opt(y, m, number(d).ok_or_else(bad)?),
            }
        }
    };
    date.map(Deadline::Date).ok_or_else(|| DateError {
        message: crate::msg::content::date_unreal(t),
        help: bad().help,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Deadline {
        Deadline::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap())
    }

    #[test]
    fn forms_offices_write() {
        assert_eq!(parse("2026-06-30", 2025), Ok(d(2026, 6, 30)));
        assert_eq!(parse("2026年6月30日", 2025), Ok(d(2026, 6, 30)));
        assert_eq!(parse("2026年6月底前", 2025), Ok(d(2026, 6, 30)));
        assert_eq!(parse("6月底前", 2025), Ok(d(2026, 6, 30)));
        assert_eq!(parse("2月底", 2023), Ok(d(2024, 2, 29)));
        assert_eq!(parse("年底前", 2025), Ok(d(2026, 12, 31)));
        assert_eq!(parse("2026年底前", 2025), Ok(d(2026, 12, 31)));
        assert_eq!(parse("2026年上半年", 2025), Ok(d(2026, 6, 30)));
        assert_eq!(parse("长期坚持", 2025), Ok(Deadline::Ongoing));
    }

    #[test]
    fn nonsense_is_refused() {
        assert!(parse("尽快", 2025).is_err());
        assert!(parse("2026年13月", 2025).is_err());
        assert!(
            parse("2025-02-30", 2025)
                .unwrap_err()
                .message
                .contains("不是真实存在的日期")
        );
    }
}
