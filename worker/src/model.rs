//! The tables (the schema of `docs/worker-api.md`) and the JSON shapes of the API.

use serde::Serialize;

edgepg::pg_table! {
    pub users = "users" {
        id: serial("id").primary_key(),
        name: text("name").not_null(),
        email: text("email").not_null().unique(),
        created_at: timestamp("created_at").with_timezone().default_now().not_null(),
    }
}

edgepg::pg_table! {
    pub posts = "posts" {
        id: serial("id").primary_key(),
        user_id: integer("user_id").not_null().references("users", "id"),
        title: text("title").not_null(),
        body: text("body").not_null().default(""),
        created_at: timestamp("created_at").with_timezone().default_now().not_null(),
    }
}

/// `User` of the API.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub created_at: String,
}

impl From<users::Row> for User {
    fn from(r: users::Row) -> Self {
        User { id: r.id, name: r.name, email: r.email, created_at: iso_timestamp(&r.created_at) }
    }
}

/// `Post` of the API.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Post {
    pub id: i32,
    pub user_id: i32,
    pub title: String,
    pub body: String,
    pub created_at: String,
}

impl From<posts::Row> for Post {
    fn from(r: posts::Row) -> Self {
        Post { id: r.id, user_id: r.user_id, title: r.title, body: r.body, created_at: iso_timestamp(&r.created_at) }
    }
}

/// PostgreSQL's text of a `timestamptz` (`2026-04-01 12:34:56.789012+00`, in the session's time
/// zone) as JavaScript's `Date.prototype.toISOString()` writes it (`2026-04-01T12:34:56.789Z`),
/// which is what a TypeScript Worker returning a `Date` sends. Text that does not parse is
/// returned unchanged.
pub fn iso_timestamp(pg: &str) -> String {
    parse_timestamptz(pg).map_or_else(|| pg.to_string(), format_utc_millis)
}

/// Milliseconds since the Unix epoch.
fn parse_timestamptz(s: &str) -> Option<i64> {
    let num = |t: &str| -> Option<i64> {
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    let (date, rest) = s.split_once(' ').or_else(|| s.split_once('T'))?;
    let mut d = date.splitn(3, '-');
    let (y, m, day) = (num(d.next()?)?, num(d.next()?)?, num(d.next()?)?);
    // The offset starts at the last '+' or '-' of the time part.
    let at = rest.rfind(['+', '-'])?;
    let (time, offset) = rest.split_at(at);
    let (clock, frac) = time.split_once('.').unwrap_or((time, ""));
    let mut c = clock.splitn(3, ':');
    let (h, mi, sec) = (num(c.next()?)?, num(c.next()?)?, num(c.next()?)?);
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let millis = if frac.is_empty() { 0 } else { num(&format!("{frac:0<3}")[..3])? };
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let mut o = offset[1..].splitn(3, ':');
    let oh = num(o.next()?)?;
    let om = o.next().map_or(Some(0), num)?;
    let os = o.next().map_or(Some(0), num)?;
    // PostgreSQL's range (years up to 294276) keeps the arithmetic far from overflowing.
    if y > 294_276
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&day)
        || h > 24
        || mi > 59
        || sec > 60
        || oh > 24
        || om > 59
        || os > 59
    {
        return None;
    }
    let local = ((days_from_civil(y, m, day) * 24 + h) * 60 + mi) * 60 + sec;
    Some((local - sign * (oh * 3600 + om * 60 + os)) * 1000 + millis)
}

fn format_utc_millis(ms: i64) -> String {
    let (secs, millis) = (ms.div_euclid(1000), ms.rem_euclid(1000));
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z", sod / 3600, sod / 60 % 60, sod % 60)
}

// Howard Hinnant's algorithms (proleptic Gregorian calendar).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::iso_timestamp;

    #[test]
    fn timestamptz_text_becomes_iso_8601_utc() {
        assert_eq!(iso_timestamp("2026-04-01 12:34:56.789012+00"), "2026-04-01T12:34:56.789Z");
        assert_eq!(iso_timestamp("2026-04-01 12:34:56+00"), "2026-04-01T12:34:56.000Z");
        assert_eq!(iso_timestamp("2026-04-01 00:30:00.5+02"), "2026-03-31T22:30:00.500Z");
        assert_eq!(iso_timestamp("2024-02-29 23:00:00-05:30"), "2024-03-01T04:30:00.000Z");
        assert_eq!(iso_timestamp("1970-01-01 00:00:00+00"), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_timestamp("infinity"), "infinity");
        assert_eq!(iso_timestamp("2026-04-01 12:34:56"), "2026-04-01 12:34:56");
        assert_eq!(iso_timestamp("99999999999999999-01-01 00:00:00+00"), "99999999999999999-01-01 00:00:00+00");
        assert_eq!(iso_timestamp("2026-04-01 12:34:56.7é+00"), "2026-04-01 12:34:56.7é+00");
    }
}
