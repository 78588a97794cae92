//! What a report asks for, as the UI sends it, the CLI builds it and a saved
//! deck holds it ([`ReportSpec`]: names and values as a person writes them),
//! and parsed once, here, into what the storyline runs on ([`ReportRequest`]):
//! slides by name, targets as `KEY=VALUE` with their unit (`active_share=40%`,
//! `median_first_reply=2h`).

use serde::Deserialize;

use super::pptx::PptxOptions;
use super::{AddedChart, DeckSpec, SlideEdit, SlideName, Targets};
use crate::activity::measures::Filter;
use crate::charts::Brand;

/// The request as it crosses IPC and the command line.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportSpec {
    #[serde(default)]
    pub filter: Filter,
    /// Slide names in order (`summary`, `departments`, …).
    pub slides: Vec<String>,
    /// `KEY=VALUE` with the value's unit: `active_share=40%`, `active=500`,
    /// `median_first_reply=2h` or `90min`.
    #[serde(default)]
    pub targets: Vec<String>,
    #[serde(default)]
    pub edits: Vec<SlideEdit>,
    /// Dark slides (`None`: as the brand says).
    #[serde(default)]
    pub dark: Option<bool>,
    /// Charts as pictures instead of native, editable charts.
    #[serde(default)]
    pub pictures: bool,
    /// The saved deck this runs, if any.
    #[serde(default)]
    pub saved: Option<String>,
    /// Charts added with their own filters.
    #[serde(default)]
    pub added: Vec<AddedChart>,
}

/// What to put in the report, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRequest {
    pub filter: Filter,
    pub slides: Vec<SlideName>,
    pub targets: Targets,
    /// Dark slides (`None`: as the brand says).
    pub dark: Option<bool>,
    /// A brand for this report only; else the stored one.
    pub brand: Option<Brand>,
    pub pptx: PptxOptions,
    /// The strategist's changes to titles, notes and sentences.
    pub edits: Vec<SlideEdit>,
    /// The saved deck this request runs: its last run feeds the changes
    /// slide, and the export becomes its last run.
    pub saved: Option<String>,
    /// Charts added with their own filters (slides `added-1`, …).
    pub added: Vec<AddedChart>,
}

impl Default for ReportRequest {
    fn default() -> Self {
        ReportRequest {
            filter: Filter::default(),
            slides: SlideName::ALL.to_vec(),
            targets: Targets::default(),
            dark: None,
            brand: None,
            pptx: PptxOptions::default(),
            edits: Vec::new(),
            saved: None,
            added: Vec::new(),
        }
    }
}

/// Slide names parsed, in order, each once; the error lists the slides.
pub fn slides_of<S: AsRef<str>>(names: &[S]) -> Result<Vec<SlideName>, String> {
    let joined: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    SlideName::parse_list(&joined.join(","))
}

impl ReportSpec {
    /// The request, every name and value checked: the message says which is wrong.
    pub fn parse(&self) -> Result<ReportRequest, String> {
        let targets = self.targets.iter().map(|t| Targets::parse(t)).collect::<Result<Vec<_>, _>>()?;
        Ok(ReportRequest {
            filter: self.filter.clone(),
            slides: slides_of(&self.slides)?,
            targets: Targets(targets),
            dark: self.dark,
            brand: None,
            pptx: PptxOptions { native_charts: !self.pictures },
            edits: self.edits.clone(),
            saved: self.saved.clone(),
            added: self.added.clone(),
        })
    }
}

impl ReportRequest {
    /// The request a saved deck makes: its slides, order, filters, targets and edits.
    pub fn of_saved(name: &str, spec: &DeckSpec) -> Result<ReportRequest, String> {
        let slides = slides_of(&spec.slides).map_err(|e| format!("the saved deck “{name}”: {e}"))?;
        Ok(ReportRequest {
            filter: spec.filter.clone(),
            slides,
            targets: Targets(spec.targets.clone()),
            dark: spec.dark,
            brand: None,
            pptx: PptxOptions::default(),
            edits: spec.edits.clone(),
            saved: Some(name.to_owned()),
            added: spec.added.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spec_is_parsed_once_with_its_units() {
        let json = r#"{"filter": {"days": 30}, "slides": ["summary", "departments"],
            "targets": ["active_share=40%", "median_first_reply=2h"], "dark": true, "pictures": true, "saved": null}"#;
        let spec: ReportSpec = serde_json::from_str(json).expect("the UI's shape");
        let req = spec.parse().expect("valid");
        assert_eq!(req.slides, [SlideName::Summary, SlideName::Departments]);
        assert_eq!(req.targets.0, [("active_share".to_owned(), 0.4), ("median_first_reply".to_owned(), 7200.0)]);
        assert!(!req.pptx.native_charts, "pictures asked");
        assert_eq!(req.dark, Some(true));
    }

    #[test]
    fn a_bad_name_or_value_says_which() {
        let spec = |slides: &[&str], targets: &[&str]| ReportSpec {
            slides: slides.iter().map(|s| s.to_string()).collect(),
            targets: targets.iter().map(|s| s.to_string()).collect(),
            ..ReportSpec::default()
        };
        assert!(spec(&["sumary"], &[]).parse().unwrap_err().contains("no slide is called “sumary”"));
        assert!(spec(&[], &[]).parse().unwrap_err().contains("no slide chosen"));
        assert!(spec(&["summary"], &["active_share=lots"]).parse().unwrap_err().contains("“lots” is not a number"));
        assert!(spec(&["summary"], &["mood=5"]).parse().unwrap_err().contains("not a headline figure"));
        assert!(
            serde_json::from_str::<ReportSpec>(r#"{"slides": [], "colour": 1}"#).is_err(),
            "unknown fields refused"
        );
    }
}
