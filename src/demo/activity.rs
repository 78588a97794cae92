//! A year of demo activity on three tools, for the people of the demo
//! organisation: Teams (rolled out 350 days before "today"), Viva Engage
//! (270 days before) and Slack (150 days before, taken up mostly by the
//! technical departments). What it is made to show:
//!
//! - heavy-tailed participation: more than half only read, each other
//!   person's propensity is log-normal, and posting is mostly the keenest
//!   tenth's: single-digit shares of creators, a long tail (90-9-1-like);
//! - executives mostly silent, champions among the keenest, and one
//!   department ([`LAGGING`]) behind on every tool;
//! - department clustering: each department has its own appetite for each
//!   tool and mostly talks in its own channels;
//! - an S-curve of adoption after each rollout: first-activity delays are
//!   logistic, earlier for the most active people; some never adopt;
//! - a rollout in waves: Viva Engage reached the departments in three
//!   waves ([`WAVES`]), the pilot departments first, so that the impact of
//!   its rollout can be measured against the departments not yet given it;
//! - people who stop: a few go quiet in the last three months;
//! - a handful of guest accounts that match no one (the review list) and a bot.
//!
//! Everything is drawn from the seed, and event keys are numbered, so loading
//! the demo twice adds nothing.

use chrono::NaiveDate;

use super::Rng;
use super::data::DEPARTMENTS;
use crate::activity::{
    ActivityError, ActivityOptions, ActivityReport, ActivitySink, EventKind, Member, NewEvent, ToolKind, day_of_date,
    event_key,
};
use crate::directory::PersonRecord;

struct ToolPlan {
    name: &'static str,
    kind: ToolKind,
    /// Days before "today".
    rollout: i32,
    /// Company-wide channels.
    shared: &'static [&'static str],
    /// Channel per department, with `{}` for its name.
    per_department: &'static str,
    /// Appetite of each department (by position in DEPARTMENTS), 0 = never.
    appetite: fn(&str) -> f64,
    /// A rollout in waves: departments and their own day (days before
    /// "today"); departments not listed get `rollout`.
    waves: &'static [(&'static [&'static str], i32)],
}

/// Viva Engage's waves: the pilot departments, then the commercial and
/// support ones, then the technical ones (days before "today").
pub const WAVES: &[(&[&str], i32)] = &[
    (&["Communications", "People & Culture", "Marketing", "Executive Office"], 270),
    (&["Sales", "Customer Success", "Finance", "Legal & Compliance"], 210),
    (&["Engineering", "IT", "Product", "Operations"], 150),
];

/// The tool rolled out in [`WAVES`].
pub const WAVES_TOOL: &str = "Viva Engage";

fn engage_appetite(dept: &str) -> f64 {
    match dept {
        "Communications" | "People & Culture" | "Marketing" | "Executive Office" => 1.6,
        "Sales" | "Customer Success" => 1.1,
        "Engineering" | "IT" | "Product" => 0.5,
        _ => 0.8,
    }
}

fn slack_appetite(dept: &str) -> f64 {
    match dept {
        "Engineering" | "IT" | "Product" => 1.8,
        "Customer Success" => 0.4,
        _ => 0.0,
    }
}

fn teams_appetite(dept: &str) -> f64 {
    match dept {
        "Engineering" | "Product" => 0.6,
        "Finance" | "Legal & Compliance" | "Operations" => 1.2,
        _ => 1.0,
    }
}

const TOOLS: &[ToolPlan] = &[
    ToolPlan {
        name: "Teams",
        kind: ToolKind::Teams,
        rollout: 350,
        shared: &["Announcements", "Ask IT"],
        per_department: "{} – General",
        appetite: teams_appetite,
        waves: &[],
    },
    ToolPlan {
        name: "Viva Engage",
        kind: ToolKind::Engage,
        rollout: 270,
        shared: &["All Company", "Leadership Corner", "Sustainability Champions", "Women in Tech", "Wellbeing"],
        per_department: "{} Hub",
        appetite: engage_appetite,
        waves: WAVES,
    },
    ToolPlan {
        name: "Slack",
        kind: ToolKind::Slack,
        rollout: 150,
        shared: &["general", "random", "incidents", "dev-tools"],
        per_department: "team-{}",
        appetite: slack_appetite,
        waves: &[],
    },
];

/// The department that lags on every tool: what the first deck's
/// departments slide and recommendation point at.
pub const LAGGING: &str = "Operations";

fn lag(dept: &str) -> f64 {
    if dept == LAGGING { 0.3 } else { 1.0 }
}

/// Days of activity generated, ending on "today".
pub const DAYS: i32 = 365;

/// What was loaded.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct ActivitySummary {
    pub events: u64,
    pub added: u64,
}

struct Person {
    email: String,
    name: String,
    dept: usize,
    propensity: f64,
    /// Percentile of propensity, 0 = least active.
    rank: f64,
    /// Last day they take part (some stop).
    stop: i32,
}

fn people(records: &[PersonRecord], rng: &mut Rng, today: i32) -> Vec<Person> {
    let mut out: Vec<Person> = records
        .iter()
        .map(|r| {
            let dept = DEPARTMENTS.iter().position(|d| Some(d.name) == r.department.as_deref()).unwrap_or(0);
            // More than half are near-silent readers (executives mostly
            // are); the others' appetite is log-normal with a long tail: a
            // few make most of the content. Champions are among the keenest.
            let (u1, u2) = (rng.unit().max(1e-12), rng.unit());
            let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
            let champion = r.champion == Some(true);
            let reader = match (champion, r.executive == Some(true)) {
                (true, _) => false,
                (false, true) => rng.chance(0.8),
                (false, false) => rng.chance(0.55),
            };
            let mut propensity = if reader { 0.02 } else { 0.5 * (1.5 * z).exp() }.min(80.0);
            if champion {
                propensity = propensity.max(1.5) * 2.0;
            }
            let stop = if rng.chance(0.05) { today - 1 - rng.below(90) as i32 } else { today };
            Person {
                email: r.emails.first().cloned().unwrap_or_default(),
                name: r.full_name.clone(),
                dept,
                propensity,
                rank: 0.0,
                stop,
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by(|&a, &b| out[a].propensity.total_cmp(&out[b].propensity));
    let n = out.len().max(1) as f64;
    for (i, p) in order.into_iter().enumerate() {
        out[p].rank = i as f64 / n;
    }
    out
}

/// A logistic draw with the given centre and scale.
fn logistic(rng: &mut Rng, centre: f64, scale: f64) -> f64 {
    let u = rng.unit().clamp(1e-9, 1.0 - 1e-9);
    centre + scale * (u / (1.0 - u)).ln()
}

/// A Poisson draw (Knuth for small means, normal approximation above 30).
fn poisson(rng: &mut Rng, mean: f64) -> u32 {
    if mean > 30.0 {
        let (u1, u2) = (rng.unit().max(1e-12), rng.unit());
        let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
        return (mean + z * mean.sqrt()).round().max(0.0) as u32;
    }
    let l = (-mean).exp();
    let (mut k, mut p) = (0, 1.0);
    loop {
        p *= rng.unit();
        if p <= l {
            return k;
        }
        k += 1;
    }
}

/// A tool's generated activity, written to whatever sink the loader gives.
pub type Read<'r> = dyn FnMut(&mut dyn ActivitySink) -> Result<(), ActivityError> + Send + 'r;

/// Where each tool's activity goes: given the tool's options and kind and
/// the generator, the loader imports it (`app::demo` runs the import
/// pipeline) and returns the import's report.
pub type Load<'l> = dyn FnMut(&ActivityOptions, ToolKind, &mut Read) -> crate::Result<ActivityReport> + 'l;

/// Generates the demo activity for the demo people, one tool at a time.
pub fn generate(
    records: &[PersonRecord],
    seed: u64,
    as_of: NaiveDate,
    load: &mut Load,
) -> crate::Result<ActivitySummary> {
    let mut rng = Rng::new(seed ^ 0xAC71_7E55);
    let today = day_of_date(as_of);
    let first = today - DAYS + 1;
    let folks = people(records, &mut rng, today);
    let mut summary = ActivitySummary::default();
    for (t, plan) in TOOLS.iter().enumerate() {
        let rollout = today - plan.rollout;
        let opts = ActivityOptions {
            tool: Some(plan.name.to_owned()),
            rollout: Some(crate::activity::date_of_day(rollout)),
            ..ActivityOptions::default()
        };
        // Every event of the tool: (time, person, kind, channel slot).
        let mut events: Vec<(i64, u32, EventKind, u16)> = Vec::new();
        let mut members: Vec<u32> = Vec::new();
        for (i, p) in folks.iter().enumerate() {
            let appetite = (plan.appetite)(DEPARTMENTS[p.dept].name) * lag(DEPARTMENTS[p.dept].name);
            let never_adopts = if appetite == 0.0 { rng.chance(0.97) } else { rng.chance(0.12 / appetite) };
            if never_adopts {
                if appetite > 0.0 {
                    members.push(i as u32); // an account, never used: a lurker
                }
                continue;
            }
            members.push(i as u32);
            // Adoption: logistic delay after rollout (the department's wave's,
            // in a rollout in waves), earlier for the most active.
            let dept = DEPARTMENTS[p.dept].name;
            let rollout =
                plan.waves.iter().find(|(ds, _)| ds.contains(&dept)).map(|(_, d)| today - d).unwrap_or(rollout);
            let delay = logistic(&mut rng, 15.0 + 75.0 * (1.0 - p.rank), 12.0).max(0.0);
            let start = (rollout + delay as i32).max(first);
            let end = p.stop;
            if start > end {
                continue;
            }
            let weeks = f64::from(end - start + 1) / 7.0;
            let rate = 0.2 * p.propensity * appetite.max(0.15);
            let n = poisson(&mut rng, rate * weeks);
            // Creators post (the keenest tenth, mostly); the others reply and react.
            let post_share = 0.002 + 0.6 * p.rank.powi(32);
            for k in 0..n {
                let mut day = if k == 0 { start } else { start + rng.below((end - start + 1) as usize) as i32 };
                // Fewer events at weekends (1970-01-01 was a Thursday).
                if matches!((day + 3).rem_euclid(7), 5 | 6) && rng.chance(0.8) {
                    day = (day + 2).min(end);
                }
                let at = i64::from(day) * 86_400 + 7 * 3600 + rng.below(11 * 3600) as i64;
                let x = rng.unit();
                let kind = if x < post_share {
                    EventKind::Post
                } else if x < post_share + 0.32 {
                    EventKind::Reply
                } else if x < post_share + 0.32 + 0.45 {
                    EventKind::Reaction
                } else if x < 0.97 {
                    EventKind::Mention
                } else {
                    EventKind::Share
                };
                // Mostly one's own department's channel.
                let slot = if rng.chance(0.6) { 0 } else { 1 + rng.below(plan.shared.len()) as u16 };
                events.push((at, i as u32, kind, slot));
            }
        }
        events.sort_unstable();
        let channel_names: Vec<String> =
            std::iter::once(String::new()).chain(plan.shared.iter().map(|s| s.to_string())).collect();
        let report = load(&opts, plan.kind, &mut |w: &mut dyn ActivitySink| {
            let account = |i: u32| format!("demo-{t}-{i}");
            for &i in &members {
                let p = &folks[i as usize];
                w.member(&Member { source_id: &account(i), name: Some(&p.name), email: Some(&p.email), bot: false })?;
            }
            // Guests nobody in the directory matches (each tool its own), and a bot.
            let guests: &[&str] = match plan.kind {
                ToolKind::Slack => &["Alex Morgan (agency)", "Tom Becker (contractor)"],
                ToolKind::Engage => &["Priya Raman (partner)", "Jordan Lee (freelance)"],
                _ => &["Sam Okoro (contractor)"],
            };
            for (g, name) in guests.iter().enumerate() {
                let id = format!("demo-{t}-guest-{g}");
                let email = format!("guest{t}{g}@partner.example");
                w.member(&Member { source_id: &id, name: Some(name), email: Some(&email), bot: false })?;
                let at = i64::from(today - 40 - 31 * t as i32 - g as i32 * 9) * 86_400 + 10 * 3600;
                let channel = w.channel(&format!("{t}-shared-1"), plan.shared[0], false)?;
                w.event(&NewEvent {
                    kind: EventKind::Post,
                    at,
                    actor: &id,
                    channel: Some(channel),
                    key: event_key(&[b"demo-guest", plan.name.as_bytes(), &[g as u8]]),
                    parent: None,
                    target: None,
                    deleted: false,
                    excerpt: None,
                })?;
            }
            w.member(&Member {
                source_id: &format!("demo-{t}-bot"),
                name: Some("Reminder Bot"),
                email: None,
                bot: true,
            })?;
            // Recent posts per channel, for replies, reactions and shares to answer.
            let mut recent: crate::text::FastMap<i64, Vec<(u64, u32, i64)>> = Default::default();
            for (seq, &(at, i, kind, slot)) in events.iter().enumerate() {
                let p = &folks[i as usize];
                let (source, name) = if slot == 0 {
                    let d = DEPARTMENTS[p.dept].name;
                    (format!("{t}-dept-{}", p.dept), plan.per_department.replace("{}", d))
                } else {
                    (format!("{t}-shared-{slot}"), channel_names[slot as usize].clone())
                };
                let channel = w.channel(&source, &name, false)?;
                let key = event_key(&[b"demo", plan.name.as_bytes(), &(seq as u64).to_le_bytes()]);
                let actor = account(i);
                let posts = recent.entry(channel).or_default();
                // Conversations are answered within weeks: only posts of the
                // last 21 days; a response with nothing to answer is not made.
                posts.retain(|p| p.2 >= at - 21 * 86_400);
                let (kind, parent, target) = match kind {
                    EventKind::Post => (EventKind::Post, None, None),
                    _ if posts.is_empty() => continue,
                    k => {
                        // Favour the latest posts.
                        let back = ((rng.unit().powi(3)) * posts.len() as f64) as usize;
                        let (pk, author, _) = posts[posts.len() - 1 - back.min(posts.len() - 1)];
                        let target = (k == EventKind::Mention).then(|| account(*rng.pick(&members)));
                        (k, Some(pk), target.or(Some(account(author))))
                    }
                };
                if kind == EventKind::Post {
                    posts.push((key, i, at));
                    if posts.len() > 40 {
                        posts.remove(0);
                    }
                }
                w.event(&NewEvent {
                    kind,
                    at,
                    actor: &actor,
                    channel: Some(channel),
                    key,
                    parent,
                    target: target.as_deref(),
                    deleted: false,
                    excerpt: None,
                })?;
            }
            Ok(())
        })?;
        summary.events += report.events;
        summary.added += report.added;
    }
    Ok(summary)
}
