//! `annals new [YEAR]`: a year folder with the usual documents' skeletons and a ledger that
//! carries over every open problem of the years before.
//!
//! The skeletons are drafts (never published) whose `【待补充】` and `*月*日` placeholders
//! `annals check` reports until the clerk has filled them in.

use crate::error::{Diagnostic, Failure};
use crate::fsx;
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

/// What `new` made.
#[derive(Debug)]
pub struct Created {
    /// The 年度 created.
    pub year: i32,
    /// Its folder under `content/`.
    pub folder: PathBuf,
    /// The files written.
    pub files: Vec<PathBuf>,
    /// How many open records were carried over.
    pub carried: usize,
}

/// The year `new` makes when none is given: the 年度 whose meeting is still to come. Early in
/// 2026 that is 2025 (its meeting is held in January or February 2026), unless the archive
/// already has 2025, then 2026.
pub fn default_year(root: &Path, today: NaiveDate) -> i32 {
    let last = today.year() - 1;
    if root.join("content").join(last.to_string()).exists() {
        today.year()
    } else {
        last
    }
}

const REPORT: &str = "---
title: {unit}{year}年度民主生活会召开情况报告
type: 召开情况报告
date: {next}-01-31   # 成文日期：改为实际日期
draft: true          # 完成后删去此行
---
根据【待补充】要求，{unit}领导班子于{next}年\\*月\\*日召开{year}年度民主生活会。现将会议召开情况报告如下。

## 一、会前准备情况

### （一）学习研讨

集中学习\\*次，交流研讨\\*次。【待补充】

### （二）征求意见

共征求意见建议\\*条，梳理归纳为\\*个方面。【待补充】

### （三）谈心谈话

【待补充】

## 二、会议召开情况

【待补充】

## 三、整改工作安排

【待补充】
";

const CHECK: &str = "---
title: {unit}领导班子{year}年度民主生活会对照检查材料
type: 对照检查材料
date: {next}-01-20   # 成文日期：改为实际日期
draft: true          # 完成后删去此行
---
## 一、上年度民主生活会整改落实情况

【待补充】

## 二、存在的主要问题

### （一）【待补充】方面

1.【待补充】。

## 三、问题产生的原因

【待补充】

## 四、整改措施

【待补充】
";

const PLAN: &str = "---
title: {unit}领导班子{year}年度民主生活会整改方案
type: 整改方案
date: {next}-02-15   # 成文日期：改为实际日期
draft: true          # 完成后删去此行
---
## 一、总体要求

【待补充】

## 二、整改任务

【待补充】（各项任务见本年度整改台账 rectifications.yaml）

## 三、工作要求

【待补充】
";

const INDEX: &str = "---
title: {year}年度民主生活会
# date: {next}-01-20      # 召开日期：会后填写
theme: 【待补充】
---
";

/// Creates `content/YEAR/` under `root`; refuses an existing folder.
pub fn create(root: &Path, year: i32, today: Option<NaiveDate>) -> Result<Created, Failure> {
    let folder = root.join("content").join(year.to_string());
    let shown = Path::new("content").join(year.to_string());
    crate::content::discover::check_year(year).map_err(|why| {
        Diagnostic::error(&shown, why).help(crate::msg::commands::new_year_help())
    })?;
    if folder.exists() {
        return Err(
            Diagnostic::error(&shown, crate::msg::commands::year_exists(year))
                .help(crate::msg::commands::year_exists_help())
                .into(),
        );
    }
    let inputs = crate::load(root, today)?;
    let site = &inputs.site;
    let unit = &site.config.organisation;
    let fill = |t: &str| {
        t.replace("{unit}", unit)
            .replace("{year}", &year.to_string())
            .replace("{next}", &(year + 1).to_string())
    };
    // Open records not yet carried into a later year, oldest year first, in ledger order.
    let mut open: Vec<&crate::model::ledger::Entry> = site
        .ledger
        .entries
        .iter()
        .filter(|e| e.record.year < year && !e.closed && e.history.later.is_empty())
        .collect();
    open.sort_by_key(|e| e.record.year);
    // A new id, `recurs` to the old one, status, wording and owners kept; what belongs to the
    // old year (deadline, source, progress, dates) left for the clerk to write anew.
    let carried: Vec<crate::ledger::Record> = open
        .iter()
        .enumerate()
        .map(|(i, e)| {
            // Last year's evidence and outcome are not this year's.
            let mut kept = e.record.kept.clone();
            kept.remove("evidence");
            kept.remove("outcome");
            crate::ledger::Record {
                id: format!("{year}-{:02}", i + 1),
                year,
                recurs: Some(e.record.id.clone()),
                source: None,
                deadline: None,
                deadline_text: None,
                progress: Vec::new(),
                completed_on: None,
                closed_on: None,
                kept,
                ..e.record.clone()
            }
        })
        .collect();
    let ledger = if carried.is_empty() {
        "# 本年度整改台账。每条记录以 `- id:` 开始，字段见 README。\n[]\n".to_string()
    } else {
        let yaml = crate::ledger::to_yaml::to_yaml(&carried);
        format!(
            "# 本年度整改台账：以下 {} 条为往年未完成、转入本年度继续整改的问题（recurs 为原编号）。\n# 请补充 deadline、source，并续写本年度新查摆的问题。\n{yaml}",
            carried.len()
        )
    };
    let files = [
        ("_index.md", fill(INDEX)),
        ("召开情况报告.md", fill(REPORT)),
        ("对照检查材料.md", fill(CHECK)),
        ("整改方案.md", fill(PLAN)),
        ("rectifications.yaml", ledger),
    ];
    let mut written = Vec::new();
    for (name, text) in files {
        fsx::write(&folder.join(name), text.as_bytes())?;
        written.push(shown.join(name));
    }
    Ok(Created {
        year,
        folder: shown,
        files: written,
        carried: carried.len(),
    })
}
