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
            message: format!("`{t}` is not a date in the form YYYY-MM-DD"),
            help: "write the date as YYYY-MM-DD, e.g. 2026-01-15 (二〇二六年一月十五日 becomes 2026-01-15)".into(),
        });
    };
    let (y, m, d) = (n[0] as i32, n[1], n[2]);
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let help = match NaiveDate::from_ymd_opt(y, m, 1) {
            Some(first) => format!(
                "{y}年{m}月 has {} days; correct the day",
                days_in_month(first)
            ),
            None => "the month must be 1 to 12; correct it".to_string(),
        };
        DateError {
            message: format!("`{t}` is not a real date"),
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
        assert_eq!(e.message, "`2025-02-30` is not a real date");
        assert_eq!(e.help, "2025年2月 has 28 days; correct the day");
        assert!(parse("2024-13-01").unwrap_err().help.contains("month"));
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
