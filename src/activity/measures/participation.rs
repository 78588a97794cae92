//! Participation: who posted, who only responded, who stayed silent, and how unequal the content is.

use serde::Serialize;

use super::*;
use crate::activity::Counts;
use crate::activity::facts::Facts;

/// The participation figures of one period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Participation {
    pub population: u32,
    pub active: u32,
    pub creators: u32,
    pub contributors: u32,
    pub lurkers: u32,
    pub posts: u64,
    pub replies: u64,
    pub reactions: u64,
    pub mentions: u64,
    pub shares: u64,
    /// Share of all content (posts + replies) by the top 1 % and top 10 %.
    pub top1_share: Option<f64>,
    pub top10_share: Option<f64>,
    pub gini: Option<f64>,
    /// The Lorenz curve of content per person: (share of people, least
    /// active first; share of content), 51 points; empty without content.
    pub lorenz: Vec<(f64, f64)>,
    /// (replies + reactions) per post.
    pub engagement_rate: Option<f64>,
    /// Median seconds from a post to its first reply by someone else.
    pub median_first_reply: Option<f64>,
    pub replied_posts: u32,
}

/// The shares of creators, contributors and lurkers a community is compared
/// with.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rule {
    pub creators: f64,
    pub contributors: f64,
    pub lurkers: f64,
}

/// The 90-9-1 rule (Nielsen, 2006): in most online communities 1 % create,
/// 9 % contribute and 90 % only read.
pub const RULE_90_9_1: Rule = Rule { creators: 0.01, contributors: 0.09, lurkers: 0.90 };

/// Participation over a scope.
pub fn participation(facts: &Facts, scope: &Scope) -> Participation {
    participation_of(facts, scope, &totals(facts, scope))
}

/// Participation from each subject's totals over the scope's period.
pub fn participation_of(facts: &Facts, scope: &Scope, totals: &[Counts]) -> Participation {
    let mut p = Participation { population: scope.population, ..Default::default() };
    let mut contents: Vec<u64> = Vec::with_capacity(scope.population as usize);
    for (i, c) in totals.iter().enumerate() {
        if !scope.member[i] {
            continue;
        }
        let any = c.iter().any(|&x| x > 0);
        p.active += u32::from(any);
        if c[0] > 0 {
            p.creators += 1;
        } else if any {
            p.contributors += 1;
        }
        p.posts += u64::from(c[0]);
        p.replies += u64::from(c[1]);
        p.reactions += u64::from(c[2]);
        p.mentions += u64::from(c[3]);
        p.shares += u64::from(c[4]);
        contents.push(content(c));
    }
    p.lurkers = scope.population - p.creators - p.contributors;
    p.top1_share = top_share(&mut contents, 0.01);
    p.top10_share = top_share(&mut contents, 0.10);
    p.gini = gini(&mut contents);
    p.lorenz = lorenz(&mut contents, 50);
    p.engagement_rate = (p.posts > 0).then(|| (p.replies + p.reactions) as f64 / p.posts as f64);
    let mut delays: Vec<u32> = facts
        .replies_between(scope.from, scope.to)
        .iter()
        .filter(|r| scope.member[r.subject as usize] && scope.tool.is_none_or(|t| t == r.tool))
        .map(|r| r.seconds)
        .collect();
    p.replied_posts = delays.len() as u32;
    p.median_first_reply = median(&mut delays);
    p
}
