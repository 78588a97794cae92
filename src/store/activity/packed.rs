//! How rollups are packed: one row per account and month holds that month's
//! days (day of the month, then the five counts as LEB128 varints), and one
//! row per account and year holds the channels it was active in (channel id
//! as a varint delta, then the twelve months as bits). Far fewer rows than
//! one per day or per channel, so an import upserts a tenth of the rows.

use crate::activity::Counts;

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// A month's days: (day of the month from 0, counts), sorted by day.
pub(crate) type MonthDays = Vec<(u8, Counts)>;

pub(crate) fn encode_days(days: &[(u8, Counts)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(days.len() * 7);
    for (d, counts) in days {
        out.push(*d);
        for c in counts {
            put_varint(&mut out, u64::from(*c));
        }
    }
    out
}

/// The days of a packed month; `None` for bytes that are not one.
pub(crate) fn decode_days(bytes: &[u8]) -> Option<MonthDays> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let d = bytes[at];
        at += 1;
        let mut counts: Counts = [0; 5];
        for c in counts.iter_mut() {
            *c = u32::try_from(get_varint(bytes, &mut at)?).ok()?;
        }
        out.push((d, counts));
    }
    Some(out)
}

/// Adds `more` into `days` (both sorted by day).
pub(crate) fn add_days(days: &mut MonthDays, more: &[(u8, Counts)]) {
    for (d, counts) in more {
        match days.binary_search_by_key(d, |x| x.0) {
            Ok(i) => {
                for (a, b) in days[i].1.iter_mut().zip(counts) {
                    *a = a.saturating_add(*b);
                }
            }
            Err(i) => days.insert(i, (*d, *counts)),
        }
    }
}

/// An account's channels in a year: (channel id, months as bits), sorted.
pub(crate) type YearChannels = Vec<(i64, u16)>;

pub(crate) fn encode_channels(channels: &[(i64, u16)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(channels.len() * 4);
    let mut last = 0i64;
    for (ch, months) in channels {
        put_varint(&mut out, (ch - last) as u64);
        out.extend_from_slice(&months.to_le_bytes());
        last = *ch;
    }
    out
}

pub(crate) fn decode_channels(bytes: &[u8]) -> Option<YearChannels> {
    let mut out = Vec::new();
    let (mut at, mut last) = (0, 0i64);
    while at < bytes.len() {
        last += i64::try_from(get_varint(bytes, &mut at)?).ok()?;
        let months = u16::from_le_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]);
        at += 2;
        out.push((last, months));
    }
    Some(out)
}

/// Ors `more` into `channels` (both sorted by channel).
pub(crate) fn add_channels(channels: &mut YearChannels, more: &[(i64, u16)]) {
    for (ch, months) in more {
        match channels.binary_search_by_key(ch, |x| x.0) {
            Ok(i) => channels[i].1 |= months,
            Err(i) => channels.insert(i, (*ch, *months)),
        }
    }
}

/// A year of one account's ties: (target account, month 0–11, count),
/// sorted by target then month.
pub(crate) type YearTies = Vec<(i64, u8, u32)>;

/// Target as a varint delta, month as a byte, count as a varint.
pub(crate) fn encode_ties(ties: &[(i64, u8, u32)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(ties.len() * 4);
    let mut last = 0i64;
    for &(to, month, count) in ties {
        put_varint(&mut out, (to - last) as u64);
        out.push(month);
        put_varint(&mut out, u64::from(count));
        last = to;
    }
    out
}

/// Calls `each` for every tie of a packed year; `None` when the bytes are not ties.
pub(crate) fn each_tie(bytes: &[u8], mut each: impl FnMut(i64, u8, u32)) -> Option<()> {
    let (mut at, mut last) = (0, 0i64);
    while at < bytes.len() {
        last += i64::try_from(get_varint(bytes, &mut at)?).ok()?;
        let month = *bytes.get(at)?;
        at += 1;
        let count = u32::try_from(get_varint(bytes, &mut at)?).ok()?;
        each(last, month, count);
    }
    Some(())
}

pub(crate) fn decode_ties(bytes: &[u8]) -> Option<YearTies> {
    let mut out = Vec::new();
    each_tie(bytes, |to, m, c| out.push((to, m, c)))?;
    Some(out)
}

/// Adds `more` into `ties` (both sorted by target and month).
pub(crate) fn add_ties(ties: &mut YearTies, more: &[(i64, u8, u32)]) {
    let mut merged: YearTies = Vec::with_capacity(ties.len() + more.len());
    let (mut i, mut j) = (0, 0);
    while i < ties.len() || j < more.len() {
        let take_old = j >= more.len() || (i < ties.len() && (ties[i].0, ties[i].1) <= (more[j].0, more[j].1));
        let next = if take_old {
            i += 1;
            ties[i - 1]
        } else {
            j += 1;
            more[j - 1]
        };
        match merged.last_mut() {
            Some(l) if (l.0, l.1) == (next.0, next.1) => l.2 += next.2,
            _ => merged.push(next),
        }
    }
    *ties = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_round_trip_and_add_up() {
        let mut t: YearTies = vec![(3, 0, 2), (3, 5, 1), (900, 11, 7)];
        assert_eq!(decode_ties(&encode_ties(&t)), Some(t.clone()));
        add_ties(&mut t, &[(3, 5, 4), (4, 1, 1)]);
        assert_eq!(t, [(3, 0, 2), (3, 5, 5), (4, 1, 1), (900, 11, 7)]);
        assert_eq!(decode_ties(&[0x80]), None, "a cut varint is not ties");
    }

    #[test]
    fn days_round_trip_and_add_up() {
        let mut days: MonthDays = vec![(0, [1, 0, 0, 0, 0]), (30, [0, 200, 70_000, 3, u32::MAX])];
        assert_eq!(decode_days(&encode_days(&days)), Some(days.clone()));
        add_days(&mut days, &[(0, [2, 1, 0, 0, 0]), (14, [0, 0, 5, 0, 0])]);
        assert_eq!(days, [(0, [3, 1, 0, 0, 0]), (14, [0, 0, 5, 0, 0]), (30, [0, 200, 70_000, 3, u32::MAX])]);
        assert_eq!(decode_days(&[3, 0x80]), None, "a cut varint is not a month");
        assert_eq!(decode_days(&[]), Some(vec![]));
    }

    #[test]
    fn channels_round_trip_and_merge_by_or() {
        let mut ch: YearChannels = vec![(7, 0b1), (300, 0b1000_0000_0000), (1 << 40, 0xfff)];
        assert_eq!(decode_channels(&encode_channels(&ch)), Some(ch.clone()));
        add_channels(&mut ch, &[(7, 0b10), (8, 0b1)]);
        assert_eq!(ch[..3], [(7, 0b11), (8, 0b1), (300, 0b1000_0000_0000)]);
        assert_eq!(decode_channels(&[5, 1]), None, "a cut entry is not a year");
    }
}
