//! Reading the times exports write: Unix seconds (Slack's `ts`), ISO 8601
//! with or without an offset, `YYYY-MM-DD HH:MM:SS UTC` (older Yammer
//! exports), `YYYY/MM/DD HH:MM:SS +0000` (Yammer's REST API), e-mail style
//! dates and plain dates. A time without an offset is read in the time zone
//! the user gives (UTC by default); everything is stored as UTC. Dates
//! written day or month first (`02/06/2025`) are refused as ambiguous.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone};
pub use chrono_tz::Tz;

/// 1990-01-01T00:00:00Z: nothing on a social tool is older.
pub const EARLIEST: i64 = 631_152_000;

/// Parses a time into Unix seconds. `zone` applies to times with no offset.
pub fn parse(s: &str, zone: Option<Tz>) -> Result<i64, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("no time given".into());
    }
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') && s.bytes().filter(|&b| b == b'.').count() <= 1 {
        return unix(s);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.timestamp());
    }
    // With an explicit offset, year first: ISO-like forms, and the
    // `2025/06/02 08:00:00 +0000` of Yammer's REST API.
    for f in [
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M%z",
        "%Y/%m/%d %H:%M:%S%.f %z",
        "%Y/%m/%d %H:%M:%S %z",
        "%Y/%m/%dT%H:%M:%S%.f%z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Ok(t.timestamp());
        }
    }
    // E-mail style: `Mon, 02 Jun 2025 08:00:00 +0000`.
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Ok(t.timestamp());
    }
    if let Some(why) = ambiguous(s) {
        return Err(why);
    }
    let (body, utc) = match s.strip_suffix(" UTC").or_else(|| s.strip_suffix(" GMT")) {
        Some(b) => (b, true),
        None => (s, false),
    };
    let naive = [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y/%m/%d %H:%M:%S%.f",
        "%Y/%m/%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(body, f).ok())
    .or_else(|| {
        ["%Y-%m-%d", "%Y/%m/%d"]
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(body, f).ok())
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    });
    let Some(naive) = naive else {
        return Err(format!(
            "{s:?} is not a time Chorus reads (use ISO 8601 such as 2024-03-05T14:30:00Z, \
             \"2024-03-05 14:30:00\", or Unix seconds)"
        ));
    };
    if utc {
        return Ok(naive.and_utc().timestamp());
    }
    match zone {
        None => Ok(naive.and_utc().timestamp()),
        Some(tz) => match tz.from_local_datetime(&naive) {
            chrono::LocalResult::Single(t) => Ok(t.timestamp()),
            // The hour repeated when clocks go back: the first one.
            chrono::LocalResult::Ambiguous(t, _) => Ok(t.timestamp()),
            chrono::LocalResult::None => Err(format!("{s} does not exist in {tz} (clocks went forward)")),
        },
    }
}

/// Why a date written day or month first (`02/06/2025`, `6.2.2025`) is
/// refused: the same digits are 2 June in most of the world and February 6
/// in the United States, and nothing in the file says which.
fn ambiguous(s: &str) -> Option<String> {
    let date = s.split([' ', 'T']).next().unwrap_or(s);
    let parts: Vec<&str> = date.split(['/', '.', '-']).collect();
    let numeric = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let day_or_month_first = parts.len() == 3
        && parts.iter().all(|p| numeric(p))
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && matches!(parts[2].len(), 2 | 4);
    day_or_month_first.then(|| {
        format!(
            "{s:?}: a date written day or month first is ambiguous ({date} could be read as day/month or as \
             month/day); write it year first, e.g. 2025-06-02T08:00:00Z or \"2025/06/02 08:00:00 +0000\""
        )
    })
}

/// Unix seconds, possibly with a fraction (`1355517523.000005`), truncated to
/// the second. Milliseconds (13 digits) are recognised and divided.
fn unix(s: &str) -> Result<i64, String> {
    let whole = s.split('.').next().unwrap_or(s);
    let n: i64 = whole.parse().map_err(|_| format!("{s:?} is not a time"))?;
    Ok(if whole.len() >= 13 { n / 1000 } else { n })
}

/// Checks a time is plausible: not before 1990 and not after `now` plus a day
/// (clock skew between the tool and this laptop).
pub fn check(at: i64, now: i64) -> Result<(), String> {
    if at < EARLIEST {
        return Err(format!("{} is before 1990", show(at)));
    }
    if at > now + 86_400 {
        return Err(format!("{} is in the future", show(at)));
    }
    Ok(())
}

/// A Unix time as `YYYY-MM-DD HH:MM:SS UTC`, for messages.
pub fn show(at: i64) -> String {
    match DateTime::from_timestamp(at, 0) {
        Some(t) => t.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        None => at.to_string(),
    }
}

/// Fast path for the commonest shape, `YYYY-MM-DDTHH:MM:SS` optionally
/// followed by `Z`: parsed by hand (the events CSV has millions of them).
pub fn parse_fast(s: &str, zone: Option<Tz>) -> Result<i64, String> {
    let b = s.as_bytes();
    let plain = (b.len() == 19 || (b.len() == 20 && b[19] == b'Z'))
        && b[4] == b'-'
        && b[7] == b'-'
        && (b[10] == b'T' || b[10] == b' ')
        && b[13] == b':'
        && b[16] == b':';
    if plain && (zone.is_none() || b.len() == 20) {
        let num = |r: std::ops::Range<usize>| -> Option<i64> {
            let mut n = 0i64;
            for &c in &b[r] {
                if !c.is_ascii_digit() {
                    return None;
                }
                n = n * 10 + i64::from(c - b'0');
            }
            Some(n)
        };
        if let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(sec)) =
            (num(0..4), num(5..7), num(8..10), num(11..13), num(14..16), num(17..19))
            && (1..=12).contains(&mo)
            && (1..=31).contains(&d)
            && h < 24
            && mi < 60
            && sec < 61
            && let Some(date) = NaiveDate::from_ymd_opt(y as i32, mo as u32, d as u32)
        {
            let days = super::day_of_date(date) as i64;
            return Ok(days * 86_400 + h * 3600 + mi * 60 + sec);
        }
    }
    parse(s, zone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_shapes_exports_write() {
        assert_eq!(parse("1355517523.000005", None), Ok(1_355_517_523));
        assert_eq!(parse("1355517523000", None), Ok(1_355_517_523));
        assert_eq!(parse("2012-12-14T20:38:43Z", None), Ok(1_355_517_523));
        assert_eq!(parse("2012-12-14T21:38:43+01:00", None), Ok(1_355_517_523));
        assert_eq!(parse("2012-12-14 20:38:43 UTC", None), Ok(1_355_517_523));
        assert_eq!(parse("2012-12-14 20:38:43 +0000", None), Ok(1_355_517_523));
        assert_eq!(parse("2012-12-14T20:38:43.250Z", None), Ok(1_355_517_523));
        assert_eq!(parse("2012-12-14", None), Ok(1_355_443_200));
        assert!(parse("14/12/2012", None).unwrap_err().contains("ambiguous"));
        assert!(parse("yesterday", None).unwrap_err().contains("not a time Chorus reads"));
    }

    #[test]
    fn reads_year_first_slashes_and_mail_dates_and_refuses_ambiguous_ones() {
        // Yammer's REST API writes created_at like this.
        assert_eq!(parse("2012/12/14 20:38:43 +0000", None), Ok(1_355_517_523));
        assert_eq!(parse("2012/12/14 21:38:43 +0100", None), Ok(1_355_517_523));
        assert_eq!(parse("2012/12/14 20:38:43", None), Ok(1_355_517_523));
        assert_eq!(parse("Fri, 14 Dec 2012 20:38:43 +0000", None), Ok(1_355_517_523));
        assert_eq!(parse("2012-12-14 20:38:43+00:00", None), Ok(1_355_517_523));
        for s in ["02/06/2025", "02/06/2025 08:00:00 +0000", "6.2.2025", "02-06-25"] {
            let e = parse(s, None).unwrap_err();
            assert!(e.contains("ambiguous") && e.contains("year first"), "{s}: {e}");
        }
    }

    #[test]
    fn times_without_offset_take_the_given_zone_with_daylight_saving() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        // Winter: UTC+1; summer: UTC+2.
        assert_eq!(parse("2024-01-15 10:00:00", Some(paris)), parse("2024-01-15T09:00:00Z", None));
        assert_eq!(parse("2024-07-15 10:00:00", Some(paris)), parse("2024-07-15T08:00:00Z", None));
        assert!(parse("2024-03-31 02:30:00", Some(paris)).unwrap_err().contains("does not exist"));
        // An explicit offset wins over the zone.
        assert_eq!(parse("2024-07-15T10:00:00Z", Some(paris)), parse("2024-07-15T10:00:00Z", None));
    }

    #[test]
    fn the_fast_path_agrees_with_the_general_one() {
        for s in ["2024-02-29T23:59:59Z", "1999-12-31 00:00:00", "2024-07-15T10:00:00", "2023-02-30T00:00:00Z"] {
            assert_eq!(parse_fast(s, None), parse(s, None), "{s}");
        }
        let paris: Tz = "Europe/Paris".parse().unwrap();
        assert_eq!(parse_fast("2024-07-15T10:00:00", Some(paris)), parse("2024-07-15T08:00:00Z", None));
    }

    #[test]
    fn implausible_times_are_refused() {
        let now = parse("2026-01-01T00:00:00Z", None).unwrap();
        assert!(check(parse("1989-12-31T23:59:59Z", None).unwrap(), now).unwrap_err().contains("before 1990"));
        assert!(check(now + 2 * 86_400, now).unwrap_err().contains("in the future"));
        assert!(check(now + 3600, now).is_ok());
    }
}
