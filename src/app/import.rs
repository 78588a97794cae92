//! The import pipeline, the one way activity comes in (an export's reader
//! or the demo's generator): the reader runs on one thread and feeds
//! resolved records through a bounded channel to the database writer on
//! this one, which folds them into the rollups as it writes. Memory stays
//! bounded (a few batches in flight); an error on either side, a cancel or
//! a dry run leaves the database as it was: one transaction per import.

use std::sync::mpsc;

use chrono::{DateTime, Utc};

use crate::Result;
use crate::activity::feed::{Batch, FeedCounts, FeedOptions};
use crate::activity::rollup::{Rollup, Tally, settle};
use crate::activity::{
    ActivityError, ActivityOptions, ActivityReport, ActivitySink, EventKind, ExportFormat, Feed, ReadLog, date_of_day,
    identity,
};
use crate::progress::Watch;
use crate::store::{ActivityTx, Db, ImportRecord, StoreError, ToolTarget};
use crate::text::{FastMap, FastSet};

/// Batches in flight between the reader and the writer.
const IN_FLIGHT: usize = 4;

/// Where an import's records go, and how it is recorded.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub format: ExportFormat,
    /// The file's name, as reports and problems show it.
    pub file: &'a str,
    /// The file's SHA-256, or "-" for a folder or stream.
    pub sha256: &'a str,
    pub tool: ToolTarget<'a>,
    /// Units of progress (bytes or entries), 0 when unknown.
    pub total: u64,
    /// Times up to this one (plus a day) are plausible; `None`: up to now.
    /// The demo's "today" may be later than the clock's.
    pub horizon: Option<DateTime<Utc>>,
}

/// Runs one import whose reader writes to a sink: the reader on its own
/// thread, the writer on this one.
pub fn run<F>(
    db: &mut Db,
    target: &Target,
    opts: &ActivityOptions,
    watch: Watch,
    now: DateTime<Utc>,
    read: F,
) -> Result<ActivityReport>
where
    F: FnOnce(&mut dyn ActivitySink) -> Result<(), ActivityError> + Send,
{
    let tx = db.begin_activity(target.tool)?;
    let (log, counts, rollup) = pump(&tx, target, opts, watch, now, read)?;
    conclude(tx, target, opts, now, log, counts, rollup)
}

/// Reads on a second thread while this one writes; the rollups kept.
pub(super) fn pump<F>(
    tx: &ActivityTx,
    target: &Target,
    opts: &ActivityOptions,
    watch: Watch,
    now: DateTime<Utc>,
    read: F,
) -> Result<(ReadLog, FeedCounts, Rollup)>
where
    F: FnOnce(&mut dyn ActivitySink) -> Result<(), ActivityError> + Send,
{
    let known = tx.known()?;
    let latest = target.horizon.unwrap_or(now).timestamp();
    let feed = FeedOptions { watch, total: target.total, no_excerpts: opts.no_excerpts, now: latest };
    let (send, receive) = mpsc::sync_channel::<Batch>(IN_FLIGHT);
    let mut rollup = Rollup::default();
    std::thread::scope(|s| {
        let reader = s.spawn(move || {
            // A closed channel means the writer failed; its error is the one reported.
            let deliver = move |b: Batch| send.send(b).map_err(|_| ActivityError::Cancelled);
            let mut feed = Feed::new(known, feed, Box::new(deliver));
            read(&mut feed)?;
            feed.finish()
        });
        let written = (|| -> Result<(), StoreError> {
            while let Ok(batch) = receive.recv() {
                write(tx, &batch, &mut rollup)?;
            }
            Ok(())
        })();
        drop(receive);
        let read = reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        written?;
        let (log, counts) = read?;
        Ok((log, counts, rollup))
    })
}

/// Writes one batch, folding its events into the rollups.
fn write(tx: &ActivityTx, batch: &Batch, rollup: &mut Rollup) -> Result<(), StoreError> {
    tx.add_accounts(&batch.accounts)?;
    tx.update_accounts(&batch.updates)?;
    tx.add_channels(&batch.channels)?;
    // Addressees first: from the export, else the author of a recent parent,
    // one met earlier in this batch included.
    let mut authors: FastMap<u64, i64> = FastMap::default();
    let targets: Vec<Option<i64>> = batch
        .events
        .iter()
        .map(|e| {
            let t = rollup.target(e).or_else(|| e.parent.and_then(|k| authors.get(&k).copied()));
            if matches!(e.kind, EventKind::Post | EventKind::Reply) {
                authors.insert(e.key, e.actor);
            }
            t
        })
        .collect();
    let added = tx.insert_events(&batch.events, &targets)?;
    for (e, added) in batch.events.iter().zip(added) {
        rollup.event(e, added);
    }
    for u in &batch.usage {
        rollup.usage(u);
    }
    if rollup.full() {
        tx.merge_rollups(&rollup.take())?;
    }
    Ok(())
}

/// Ends an import: the last rollups, replies to older posts, identity
/// rules, the import's record; commits unless rows were rejected (and not
/// skipped) or it is a dry run.
pub(super) fn conclude(
    tx: ActivityTx,
    target: &Target,
    opts: &ActivityOptions,
    now: DateTime<Utc>,
    log: ReadLog,
    counts: FeedCounts,
    rollup: Rollup,
) -> Result<ActivityReport> {
    let (rows, orphans, tally) = rollup.finish();
    let mut report = ActivityReport {
        file: target.file.to_owned(),
        format: Some(target.format),
        tool: target.tool.name.to_owned(),
        channels: counts.channels,
        new_accounts: counts.new_accounts,
        bots: counts.bots,
        dry_run: opts.dry_run,
        ..ActivityReport::default()
    };
    report.absorb(log);
    tally_into(&mut report, &tally);
    if report.rejected > 0 && !opts.skip_bad_rows && !opts.dry_run {
        return Err(ActivityError::Rejected(Box::new(report)).into());
    }
    tx.merge_rollups(&rows)?;
    let wanted: FastSet<u64> = orphans.iter().map(|o| o.parent).collect();
    let settled = settle(&orphans, &tx.parents(&wanted)?);
    tx.set_targets(&settled.targets)?;
    tx.merge_first_replies(&settled.first_replies)?;
    tx.merge_ties(&settled.ties)?;
    let pending = tx.pending()?;
    if !pending.is_empty() {
        let ties = identity::tie(&pending, &tx.people_keys()?);
        tx.tie(&ties)?;
        [report.matched_email, report.matched_external_id, report.matched_name] = identity::count_ties(&ties);
    }
    let written = tx.finish(&ImportRecord {
        format: target.format,
        file: target.file,
        sha256: target.sha256,
        added: report.added,
        duplicates: report.duplicates,
        rejected: report.rejected,
        rows: tally.rows,
        at: &super::stamp(now),
    })?;
    report.accounts = written.accounts;
    report.pending_review = written.pending_review;
    if opts.dry_run {
        return Ok(report); // dropping `tx` rolls back
    }
    report.import_id = Some(written.import_id);
    tx.commit()?;
    Ok(report)
}

fn tally_into(report: &mut ActivityReport, t: &Tally) {
    report.added = t.added;
    report.duplicates = t.duplicates;
    report.deleted = t.deleted;
    if let Some((a, b)) = t.span {
        report.first_day = Some(date_of_day(a).to_string());
        report.last_day = Some(date_of_day(b).to_string());
    }
}
