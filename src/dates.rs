//! Dates as the archive writes them (ISO `2026-01-15`) and as the pages show them
//! (`2026年1月15日`, no leading zeros, as GB/T 9704 writes 成文日期).

use chrono::{Datelike, NaiveDate};

/// Why a date text was refused, with the fix in the message.
#[derive(Debug, PartialEq, Eq)]
pub struct DateError {
    /// What is wrong with the date.
    pub message: String,
    /// How to write it instead.
    pub help: String,
}

/// Parses `YYYY-MM-DD`, telling a wrong form apart from a day that does not exist.
pub fn parse(text: &str) -> Result<NaiveDate, DateError> {
    let t = text.trim();
    let parts: Vec<&str> = t.split('-').collect();
    let well_formed = parts.len() == 3
        && parts[0].len() == 4
        && parts[1..].iter().all(|p| (1..=2).contains(&p.len()))
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    let nums: Option<Vec<u32>> =
        well_formed.then(|| parts.iter().filter_map(|p| p.parse().ok()).collect());
    let Some(n) = nums else {
        return Err(DateError {
            message: crate::msg::content::date_form(t),
            help: crate::msg::content::date_form_help(),
        });
    };
    let (y, m, d) = (n[0] as i32, n[1], n[2]);
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let help = match NaiveDate::from_ymd_opt(y, m, 1) {
            Some(first) => crate::msg::content::date_days_help(y, m, days_in_month(first)),
            None => crate::msg::content::date_month_help(),
        };
        DateError {
            message: crate::msg::content::date_unreal(t),
            help,
        }
    })
}

fn days_in_month(first: NaiveDate) -> u32 {
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    next.map_or(31, |n| (n - first).num_days() as u32)
}

/// `2026年1月15日`: the Chinese official form, without leading zeros.
pub fn chinese(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// `2026-01-15`.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_and_impossible_dates() {
        assert_eq!(
            parse("2026-01-15").unwrap(),
            NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
        );
        let e = parse("2025-02-30").unwrap_err();
        assert_eq!(e.message, "`2025-02-30` 不是真实存在的日期");
        assert_eq!(e.help, "2025年2月只有 28 天，请改正日");
        assert!(parse("2024-13-01").unwrap_err().help.contains("月份"));
        assert!(
            parse("2026年1月")
                .unwrap_err()
                .message
                .contains("YYYY-MM-DD")
        );
        assert!(parse("26-01-15").is_err());
    }

    #[test]
    fn chinese_form_has_no_leading_zeros() {
        assert_eq!(
            chinese(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()),
            "2026年1月5日"
        );
    }
}
