//! The date and interval parsers of pg-types 2.2 (postgres-date 1.0.7, postgres-interval 1.2.0),
//! re-done in Rust for [`js_value`](super::js_value), with the ECMAScript `Date` arithmetic
//! (ECMA-262 §21.4.1) they rely on.
//!
//! Both libraries work with regular expressions; the matchers below follow those expressions
//! step by step (leftmost match, greedy quantifiers, JavaScript's `\s` and `.`), so that the
//! result is the same for any text, not only for the text PostgreSQL prints.

const MS_PER_DAY: f64 = 86_400_000.0;

/// What postgres-date's `parseDate` returns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum PgDate {
    /// `infinity` / `-infinity`: the number `Infinity` / `-Infinity`.
    Infinite(f64),
    /// A `Date` (possibly an invalid one).
    Date(JsDate),
    /// Text it does not understand: `null`.
    Null,
}

// ---- ECMAScript Date arithmetic ----------------------------------------------------------------

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month 1-12, day) of a day number (H. Hinnant's `civil_from_days`).
pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `MakeTime(hour, min, sec, ms)`.
fn make_time(h: f64, m: f64, s: f64, ms: f64) -> f64 {
    if !(h.is_finite() && m.is_finite() && s.is_finite() && ms.is_finite()) {
        return f64::NAN;
    }
    ((h.trunc() * 3_600_000.0 + m.trunc() * 60_000.0) + s.trunc() * 1000.0) + ms.trunc()
}

/// `MakeDay(year, month, date)` (month 0-based, any value).
fn make_day(year: f64, month: f64, date: f64) -> f64 {
    if !(year.is_finite() && month.is_finite() && date.is_finite()) {
        return f64::NAN;
    }
    let (m, dt) = (month.trunc(), date.trunc());
    let ym = year.trunc() + (m / 12.0).floor();
    // V8 gives up beyond a million years; such dates are out of range for TimeClip anyway.
    if ym.abs() > 1_000_000.0 {
        return f64::NAN;
    }
    let mn = m.rem_euclid(12.0);
    days_from_civil(ym as i64, mn as i64 + 1, 1) as f64 + dt - 1.0
}

/// `MakeDate(day, time)`.
fn make_date(day: f64, time: f64) -> f64 {
    let tv = day * MS_PER_DAY + time;
    if tv.is_finite() {
        tv
    } else {
        f64::NAN
    }
}

/// `TimeClip(time)`: NaN outside ±8.64e15 ms.
fn time_clip(t: f64) -> f64 {
    if !t.is_finite() || t.abs() > 8.64e15 {
        return f64::NAN;
    }
    t.trunc() + 0.0
}

/// `Date.UTC(year, month, day, h, m, s, ms)`, which is also `new Date(year, month, …)` when
/// the runtime's time zone is UTC: years 0 to 99 mean 1900 to 1999.
fn date_utc(year: f64, month: f64, day: f64, h: f64, m: f64, s: f64, ms: f64) -> f64 {
    let yi = year.trunc();
    let year = if (0.0..=99.0).contains(&yi) { 1900.0 + yi } else { year };
    time_clip(make_date(make_day(year, month, day), make_time(h, m, s, ms)))
}

/// `date.setUTCFullYear(year)` (also `setFullYear` in UTC): keeps month, day and time of day.
fn set_full_year(t: f64, year: f64) -> f64 {
    let t = if t.is_nan() { 0.0 } else { t };
    let (_, m, d) = civil_from_days((t / MS_PER_DAY).floor() as i64);
    time_clip(make_date(make_day(year, (m - 1) as f64, d as f64), t.rem_euclid(MS_PER_DAY)))
}

/// The epoch ms of [`JsDate::Local`] in a UTC runtime: `new Date(y, m - 1, d, h, mi, s, ms)`,
/// then `setFullYear(y)` for years 0 to 99 (as postgres-date does).
pub(crate) fn local_epoch_ms_in_utc(year: i64, month: i32, day: i32, h: i32, m: i32, s: i32, ms: i32) -> f64 {
    let y = year as f64;
    let t = date_utc(y, f64::from(month) - 1.0, day.into(), h.into(), m.into(), s.into(), ms.into());
    if (0..=99).contains(&year) {
        set_full_year(t, y)
    } else {
        t
    }
}

// ---- postgres-date 1.0.7 -----------------------------------------------------------------------

/// The captures of postgres-date's
/// `/(\d{1,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,})?.*?( BC)?$/`.
struct DateTime<'a> {
    year: &'a str,
    month: &'a str,
    day: &'a str,
    hour: &'a str,
    minute: &'a str,
    second: &'a str,
    fraction: Option<&'a str>,
    bc: bool,
}

fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

fn digits_at(b: &[u8], from: usize) -> usize {
    b.get(from..).map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
}

/// `Some(text[at..at + 2])` when those are two ASCII digits.
fn two_digits(text: &str, at: usize) -> Option<&str> {
    text.get(at..at + 2).filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
}

fn byte_is(b: &[u8], at: usize, c: u8) -> bool {
    b.get(at) == Some(&c)
}

fn match_date_time(text: &str) -> Option<DateTime<'_>> {
    let b = text.as_bytes();
    // `.*?` cannot cross a line terminator and the match runs to the end of the text.
    let tail_from =
        text.char_indices().rev().find(|&(_, c)| is_line_terminator(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let mut i = 0;
    while i < b.len() {
        let run = digits_at(b, i);
        if run == 0 {
            i += 1;
            continue;
        }
        // Any start inside this run of digits leaves the same text after it: trying its
        // first digit (the leftmost start) is enough.
        let p = i + run;
        let fields = (|| {
            let ok = byte_is(b, p, b'-')
                && byte_is(b, p + 3, b'-')
                && byte_is(b, p + 6, b' ')
                && byte_is(b, p + 9, b':')
                && byte_is(b, p + 12, b':');
            if !ok {
                return None;
            }
            let m = DateTime {
                year: text.get(i..p)?,
                month: two_digits(text, p + 1)?,
                day: two_digits(text, p + 4)?,
                hour: two_digits(text, p + 7)?,
                minute: two_digits(text, p + 10)?,
                second: two_digits(text, p + 13)?,
                fraction: None,
                bc: false,
            };
            let mut end = p + 15;
            let frac = if byte_is(b, end, b'.') { digits_at(b, end + 1) } else { 0 };
            let fraction = if frac > 0 { text.get(end..end + 1 + frac) } else { None };
            end += fraction.map_or(0, str::len);
            if end < tail_from {
                return None;
            }
            Some(DateTime { fraction, bc: text.get(end..)?.ends_with(" BC"), ..m })
        })();
        if fields.is_some() {
            return fields;
        }
        i = p;
    }
    None
}

/// postgres-date's `timeZoneOffset`: the offset in ms, `None` when the text has none.
fn time_zone_offset(text: &str) -> Option<f64> {
    if text.ends_with("+00") {
        return Some(0.0);
    }
    // `isoDate.split(' ')[1]`, searched with /([Z+-])(\d{2})?:?(\d{2})?:?(\d{2})?/
    let token = text.split(' ').nth(1)?;
    let at = token.find(['Z', '+', '-'])?;
    let zone = token.get(at..)?;
    let sign = match zone.as_bytes().first() {
        Some(b'Z') => return Some(0.0),
        Some(b'-') => -1.0,
        _ => 1.0,
    };
    let mut p = 1;
    let group = |p: &mut usize| {
        let g = two_digits(zone, *p).and_then(|d| d.parse::<f64>().ok());
        if g.is_some() {
            *p += 2;
        }
        g
    };
    let hours = group(&mut p);
    p += usize::from(byte_is(zone.as_bytes(), p, b':'));
    let minutes = group(&mut p);
    p += usize::from(byte_is(zone.as_bytes(), p, b':'));
    let seconds = group(&mut p);
    let offset = hours.unwrap_or(f64::NAN) * 3600.0 + minutes.unwrap_or(0.0) * 60.0 + seconds.unwrap_or(0.0);
    Some(offset * sign * 1000.0)
}

/// `parseInt` of a run of ASCII digits (saturating: such years are out of range anyway).
fn int(digits: &str) -> i64 {
    digits.parse::<i64>().unwrap_or(i64::MAX)
}

/// postgres-date's `bcYearToNegativeYear`: 1 BC is year 0.
fn bc_year(year: i64, bc: bool) -> i64 {
    if bc {
        year.saturating_sub(1).saturating_neg()
    } else {
        year
    }
}

/// Small two-digit fields.
fn small(digits: &str) -> i32 {
    digits.parse::<i32>().unwrap_or(0)
}

/// postgres-date 1.0.7's `parseDate(text)`.
pub(crate) fn parse_date(text: &str) -> PgDate {
    match text {
        "infinity" => return PgDate::Infinite(f64::INFINITY),
        "-infinity" => return PgDate::Infinite(f64::NEG_INFINITY),
        _ => {}
    }
    let Some(m) = match_date_time(text) else { return parse_date_only(text) };
    let year = bc_year(int(m.year), m.bc);
    let month = small(m.month);
    let (day, hour, minute, second) = (small(m.day), small(m.hour), small(m.minute), small(m.second));
    // `1000 * parseFloat('.123')`; Date truncates it to whole milliseconds.
    let ms = m.fraction.and_then(|f| f.parse::<f64>().ok()).map_or(0.0, |f| 1000.0 * f);
    match time_zone_offset(text) {
        Some(offset) => {
            let y = year as f64;
            let (h, mi, s) = (hour.into(), minute.into(), second.into());
            let mut t = date_utc(y, f64::from(month) - 1.0, day.into(), h, mi, s, ms);
            if (0..=99).contains(&year) {
                t = set_full_year(t, y);
            }
            if offset != 0.0 {
                t = time_clip(t - offset);
            }
            PgDate::Date(JsDate::EpochMs(t))
        }
        None => PgDate::Date(JsDate::Local { year, month, day, hour, minute, second, millisecond: ms.trunc() as i32 }),
    }
}

/// postgres-date's `getDate`: `/^(\d{1,})-(\d{2})-(\d{2})( BC)?$/`, at local midnight.
fn parse_date_only(text: &str) -> PgDate {
    let b = text.as_bytes();
    let run = digits_at(b, 0);
    let (Some(month), Some(day)) = (two_digits(text, run + 1), two_digits(text, run + 4)) else {
        return PgDate::Null;
    };
    let rest = text.get(run + 6..).unwrap_or("x");
    if run == 0 || !byte_is(b, run, b'-') || !byte_is(b, run + 3, b'-') || !(rest.is_empty() || rest == " BC") {
        return PgDate::Null;
    }
    let year = bc_year(int(text.get(..run).unwrap_or("")), !rest.is_empty());
    let (month, day) = (small(month), small(day));
    PgDate::Date(JsDate::Local { year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 })
}

// ---- postgres-interval 1.2.0 -------------------------------------------------------------------

/// JavaScript's `\s` (also the white space `parseFloat` skips).
pub(crate) fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}'
    )
}

fn skip_spaces(text: &str, p: usize) -> usize {
    p + text.get(p..).map_or(0, |r| r.chars().take_while(|&c| is_js_space(c)).map(char::len_utf8).sum())
}

/// `([+-]?\d+)\s+<unit>s?` at `p`: the end of the match and the number.
fn unit<'a>(text: &'a str, p: usize, word: &str) -> Option<(usize, &'a str)> {
    let b = text.as_bytes();
    let sign = usize::from(matches!(b.get(p), Some(b'+' | b'-')));
    let digits = digits_at(b, p + sign);
    if digits == 0 {
        return None;
    }
    let number_end = p + sign + digits;
    let word_at = skip_spaces(text, number_end);
    if word_at == number_end || !text.get(word_at..)?.starts_with(word) {
        return None;
    }
    let end = word_at + word.len();
    Some((end + usize::from(byte_is(b, end, b's')), text.get(p..number_end)?))
}

/// The captures of `([+-])?([\d]*):(\d\d):(\d\d)\.?(\d{1,6})?` at `p`.
fn time_part(text: &str, p: usize) -> Option<(bool, &str, &str, &str, Option<&str>)> {
    let b = text.as_bytes();
    let negative = byte_is(b, p, b'-');
    let q = p + usize::from(negative || byte_is(b, p, b'+'));
    let h_end = q + digits_at(b, q);
    if !byte_is(b, h_end, b':') || !byte_is(b, h_end + 3, b':') {
        return None;
    }
    let (hours, minutes, seconds) = (text.get(q..h_end)?, two_digits(text, h_end + 1)?, two_digits(text, h_end + 4)?);
    let f = h_end + 6 + usize::from(byte_is(b, h_end + 6, b'.'));
    let frac = digits_at(b, f).min(6);
    Some((negative, hours, minutes, seconds, if frac > 0 { text.get(f..f + frac) } else { None }))
}

/// postgres-interval 1.2.0's `parse(text)`: the non-zero parts, in the order (and with the
/// names) of the object it builds. `milliseconds` carries the microseconds as a fraction; the
/// time parts take the sign in front of the time.
pub(crate) fn parse_interval(text: &str) -> Vec<(&'static str, f64)> {
    let mut parts = Vec::new();
    let mut p = 0;
    let mut numbers: [Option<&str>; 3] = [None; 3];
    for (slot, word) in numbers.iter_mut().zip(["year", "mon", "day"]) {
        if let Some((end, n)) = unit(text, p, word) {
            *slot = Some(n);
            p = end;
        }
        p = skip_spaces(text, p);
    }
    let parse = |n: &str| n.parse::<f64>().unwrap_or(0.0);
    for (name, n) in ["years", "months", "days"].into_iter().zip(numbers) {
        if let Some(v) = n.map(parse).filter(|&v| v != 0.0) {
            parts.push((name, v));
        }
    }
    let Some((negative, hours, minutes, seconds, fraction)) = time_part(text, p) else { return parts };
    let sign = if negative { -1.0 } else { 1.0 };
    for (name, n) in [("hours", hours), ("minutes", minutes), ("seconds", seconds)] {
        if let Some(v) = Some(n).filter(|n| !n.is_empty()).map(parse).filter(|&v| v != 0.0) {
            parts.push((name, v * sign));
        }
    }
    // parseMilliseconds: the fraction padded to microseconds, divided by 1000.
    if let Some(f) = fraction {
        let micros = f.parse::<u32>().unwrap_or(0) * 10u32.pow(6u32.saturating_sub(f.len() as u32));
        if micros != 0 {
            parts.push(("milliseconds", f64::from(micros) / 1000.0 * sign));
        }
    }
    parts
}

/// The `Date` postgres-date 1.0.7 constructs.
///
/// ```
/// use edgepg::types::{js_value, oid, JsDate, JsForm};
/// use edgepg::Value;
/// // timestamptz: an exact instant.
/// let js = js_value(oid::TIMESTAMPTZ, &Value::Timestamptz("2024-01-31 18:04:56.789+05:30".into()));
/// assert_eq!(js, JsForm::Date(JsDate::EpochMs(1706704496789.0)));
/// // timestamp: local time of the JS runtime.
/// let js = js_value(oid::TIMESTAMP, &Value::Timestamp("0044-03-15 12:00:00.5 BC".into()));
/// let JsForm::Date(d) = js else { panic!() };
/// assert_eq!(d, JsDate::Local { year: -43, month: 3, day: 15, hour: 12, minute: 0, second: 0, millisecond: 500 });
/// assert_eq!(d.epoch_ms_in_utc(), -63517780799500.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum JsDate {
    /// A date and time in the runtime's local time zone (`date`, `timestamp`: the text has no
    /// offset). Build it as postgres-date does:
    /// `d = new Date(year, month - 1, day, hour, minute, second, millisecond)`, then, when
    /// `0 <= year <= 99`, `d.setFullYear(year)` (the constructor maps those years to 1900-1999).
    /// The fields are as printed, so they can be out of range (a `00` month is `month: 0`), which
    /// `Date` normalises. `year` is astronomical: 1 BC is 0, 44 BC is -43.
    Local {
        /// The year (astronomical numbering).
        year: i64,
        /// The month, 1-based as printed.
        month: i32,
        /// The day of the month.
        day: i32,
        /// Hours.
        hour: i32,
        /// Minutes.
        minute: i32,
        /// Seconds.
        second: i32,
        /// Milliseconds (the fraction of a second, truncated as `Date` does).
        millisecond: i32,
    },
    /// An exact instant: `new Date(ms)` (`timestamptz`, or any text with an offset). `NaN` for an
    /// instant outside `Date`'s range, which makes an invalid `Date`.
    EpochMs(f64),
}

impl JsDate {
    /// What `getTime()` returns for this `Date` in a runtime whose time zone is UTC: the epoch
    /// milliseconds, or `NaN` for an invalid `Date`.
    ///
    /// ```
    /// use edgepg::types::JsDate;
    /// let d = JsDate::Local { year: 1970, month: 1, day: 2, hour: 0, minute: 0, second: 0, millisecond: 5 };
    /// assert_eq!(d.epoch_ms_in_utc(), 86_400_005.0);
    /// assert!(JsDate::EpochMs(f64::NAN).epoch_ms_in_utc().is_nan());
    /// ```
    pub fn epoch_ms_in_utc(&self) -> f64 {
        match *self {
            JsDate::Local { year, month, day, hour, minute, second, millisecond } => {
                local_epoch_ms_in_utc(year, month, day, hour, minute, second, millisecond)
            }
            JsDate::EpochMs(ms) => ms,
        }
    }

    /// `date.toISOString()` when the runtime's time zone is UTC (`2024-01-02T03:04:05.678Z`;
    /// years outside 0–9999 as `±YYYYYY`); `None` for an invalid date (where JS throws).
    ///
    /// ```
    /// use edgepg::types::{decode_text, js_value, oid, JsForm};
    /// let v = decode_text(oid::TIMESTAMPTZ, "2024-02-29 23:00:00.5-05:30")?;
    /// let JsForm::Date(d) = js_value(oid::TIMESTAMPTZ, &v) else { unreachable!() };
    /// assert_eq!(d.to_iso_string().as_deref(), Some("2024-03-01T04:30:00.500Z"));
    /// # Ok::<(), edgepg::Error>(())
    /// ```
    pub fn to_iso_string(&self) -> Option<String> {
        let ms = self.epoch_ms_in_utc();
        if !ms.is_finite() || ms.abs() > 8.64e15 {
            return None;
        }
        let ms = ms.trunc() as i64;
        let (secs, millis) = (ms.div_euclid(1000), ms.rem_euclid(1000));
        let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let (y, m, d) = civil_from_days(days);
        let year = if (0..=9999).contains(&y) {
            format!("{y:04}")
        } else {
            format!("{}{:06}", if y < 0 { '-' } else { '+' }, y.abs())
        };
        Some(format!("{year}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z", sod / 3600, sod / 60 % 60, sod % 60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn epoch(text: &str) -> Option<f64> {
        match parse_date(text) {
            PgDate::Date(d) => Some(d.epoch_ms_in_utc()),
            _ => None,
        }
    }

    #[test]
    fn civil_round_trip() {
        for day in [-800_000, -719_528, -1, 0, 1, 59, 60, 10_956, 2_932_896] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn dates() {
        assert_eq!(epoch("1970-01-01"), Some(0.0));
        assert_eq!(epoch("2024-01-31 12:34:56.123456+00"), Some(1_706_704_496_123.0));
        assert_eq!(epoch("2024-01-31 18:04:56.789+05:30"), Some(1_706_704_496_789.0));
        assert_eq!(epoch("2024-01-31 04:34:56.789-08"), Some(1_706_704_496_789.0));
        assert_eq!(epoch("1900-01-01 00:19:32+00:19:32"), Some(-2_208_988_800_000.0));
        // 1 BC is year 0; 1900 is not a leap year, so Feb 29 of year 0 moves to March 1.
        assert_eq!(epoch("0001-02-29 BC"), epoch("0001-03-01 BC"));
        assert_eq!(parse_date("infinity"), PgDate::Infinite(f64::INFINITY));
        assert_eq!(parse_date("2024-01-31x"), PgDate::Null);
        assert_eq!(parse_date(""), PgDate::Null);
        assert!(epoch("294276-12-31 23:59:59.999999+00").is_some_and(f64::is_nan));
        // An offset without two-digit hours is NaN in postgres-date.
        assert!(epoch("2024-01-31 12:00:00+5").is_some_and(f64::is_nan));
    }

    #[test]
    fn date_time_regex_is_unanchored_at_the_start() {
        assert_eq!(epoch("x 2024-01-31 00:00:00+00"), Some(1_706_659_200_000.0));
        assert_eq!(epoch("ab2024-01-31 00:00:00Z"), Some(1_706_659_200_000.0));
        // After a newline the match must start on the last line.
        assert!(epoch("2024-01-31 00:00:00\n").is_none());
    }

    #[test]
    fn intervals() {
        assert_eq!(
            parse_interval("1 year -2 mons +3 days -04:05:06.789"),
            [
                ("years", 1.0),
                ("months", -2.0),
                ("days", 3.0),
                ("hours", -4.0),
                ("minutes", -5.0),
                ("seconds", -6.0),
                ("milliseconds", -789.0)
            ]
        );
        assert_eq!(parse_interval("00:00:00"), []);
        assert_eq!(parse_interval("-00:00:00.000001"), [("milliseconds", -0.001)]);
        assert_eq!(parse_interval("2 mons"), [("months", 2.0)]);
        assert_eq!(parse_interval("P1Y"), []);
        assert_eq!(parse_interval(""), []);
    }
}
