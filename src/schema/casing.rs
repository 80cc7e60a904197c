//! drizzle's `casing` option (`drizzle({ casing: 'snake_case' | 'camelCase' })`): the database
//! name of a column declared without one (its key is its name, drizzle's `keyAsName`) is the
//! key converted to that case; columns with an explicit name keep it.

/// How keys become column names.
///
/// ```
/// use edgepg::pg::*;
/// let users = table("users").column("firstName", text("")).column("lastName", text("family_name")).build();
/// let snake = users.with_casing(Casing::SnakeCase);
/// assert_eq!(select().from(&snake).to_sql()?.sql, r#"select "first_name", "family_name" from "users""#);
/// # Ok::<(), edgepg::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Casing {
    /// `snake_case`: `firstName` → `first_name`.
    SnakeCase,
    /// `camelCase`: `first_name` → `firstName`.
    CamelCase,
}

impl Casing {
    /// The option's JS spelling (`snake_case`, `camelCase`), if it is one.
    pub fn from_js(s: &str) -> Option<Casing> {
        match s {
            "snake_case" => Some(Casing::SnakeCase),
            "camelCase" => Some(Casing::CamelCase),
            _ => None,
        }
    }

    /// `name` in this case: drizzle's `toSnakeCase` / `toCamelCase`.
    ///
    /// ```
    /// use edgepg::pg::Casing;
    /// assert_eq!(Casing::SnakeCase.apply("userIDNumber2x"), "user_id_number2x");
    /// assert_eq!(Casing::CamelCase.apply("user_id_number"), "userIdNumber");
    /// assert_eq!(Casing::SnakeCase.apply("HTMLParser"), "html_parser");
    /// ```
    pub fn apply(self, name: &str) -> String {
        let words = words(name);
        match self {
            Casing::SnakeCase => words.iter().map(|w| w.to_ascii_lowercase()).collect::<Vec<_>>().join("_"),
            Casing::CamelCase => {
                let mut out = String::with_capacity(name.len());
                for (i, w) in words.iter().enumerate() {
                    // words are ASCII letters and digits only (the regex's classes)
                    if i == 0 {
                        out.push_str(&w.to_ascii_lowercase());
                    } else if let Some(first) = w.chars().next() {
                        out.push(first.to_ascii_uppercase());
                        out.push_str(&w[1..]);
                    }
                }
                out
            }
        }
    }
}

/// drizzle's word split: `name` without `'`/`’`, matched by
/// `/[\da-z]+|[A-Z]+(?![a-z])|[A-Z][\da-z]+/g` (ASCII classes, as in JS).
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().filter(|c| *c != '\'' && *c != '\u{2019}').collect();
    let lower_or_digit = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if lower_or_digit(c) {
            let start = i;
            while i < chars.len() && lower_or_digit(chars[i]) {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else if c.is_ascii_uppercase() {
            // `[A-Z]+(?![a-z])`: the longest run of capitals not followed by a lower-case letter
            // (backtracking one capital at a time), else `[A-Z][\da-z]+`.
            let start = i;
            let mut end = i;
            while end < chars.len() && chars[end].is_ascii_uppercase() {
                end += 1;
            }
            let mut e = end;
            while e > start && e < chars.len() && chars[e].is_ascii_lowercase() {
                e -= 1;
            }
            if e > start {
                out.push(chars[start..e].iter().collect());
                i = e;
            } else if i + 1 < chars.len() && lower_or_digit(chars[i + 1]) {
                let mut j = i + 1;
                while j < chars.len() && lower_or_digit(chars[j]) {
                    j += 1;
                }
                out.push(chars[i..j].iter().collect());
                i = j;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_drizzles_regex_split() {
        // expectations printed by drizzle-orm 0.45's toSnakeCase / toCamelCase (its regex, run in Node)
        for (input, snake, camel) in [
            ("firstName", "first_name", "firstName"),
            ("first_name", "first_name", "firstName"),
            ("ID", "id", "id"),
            ("userID", "user_id", "userID"),
            ("userIDNumber2x", "user_id_number2x", "userIDNumber2x"),
            ("ABc", "a_bc", "aBc"),
            ("AB", "ab", "ab"),
            ("aBC", "a_bc", "aBC"),
            ("HTMLParser", "html_parser", "htmlParser"),
            ("a1b2", "a1b2", "a1b2"),
            ("version2Name", "version2_name", "version2Name"),
            ("it's", "its", "its"),
            ("", "", ""),
            ("__x__y", "x_y", "xY"),
        ] {
            assert_eq!(Casing::SnakeCase.apply(input), snake, "{input}");
            assert_eq!(Casing::CamelCase.apply(input), camel, "{input}");
        }
    }
}
