//! JSON query parameters to PostgreSQL text parameters, as Neon's proxy does server side
//! (`json_to_pg_text`, docs/protocol.md §1.5).

use serde::Deserialize;
use serde_json::Value;

/// Converts every JSON parameter: `null` → SQL NULL, string → as is, bool/number/object →
/// JSON text, array → PostgreSQL array literal.
pub fn json_to_pg_text(values: Vec<Value>) -> Vec<Option<String>> {
    values.iter().map(value_to_pg_text).collect()
}

fn value_to_pg_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        v @ (Value::Bool(_) | Value::Number(_) | Value::Object(_)) => Some(v.to_string()),
        // Passed as a parameter: no escaping.
        Value::String(s) => Some(s.clone()),
        Value::Array(_) => json_array_to_pg_array(value),
    }
}

/// Array elements: strings are JSON-quoted (JSON escaping of `"` and `\` coincides with the
/// array-literal escaping), objects become quoted JSON text, `null` → `NULL`, nested arrays
/// recurse. Element types are left for PostgreSQL to check, e.g. `'{1,"2",3}'::int[]`.
fn json_array_to_pg_array(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        v @ (Value::Bool(_) | Value::Number(_) | Value::String(_)) => Some(v.to_string()),
        v @ Value::Object(_) => json_array_to_pg_array(&Value::String(v.to_string())),
        Value::Array(items) => {
            let inner: Vec<String> =
                items.iter().map(|v| json_array_to_pg_array(v).unwrap_or_else(|| "NULL".to_string())).collect();
            Some(format!("{{{}}}", inner.join(",")))
        }
    }
}

/// serde `deserialize_with` for the `params` field of a query.
pub fn deserialize_params<'de, D>(deserializer: D) -> Result<Vec<Option<String>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let values = Vec::<Value>::deserialize(deserializer)?;
    Ok(json_to_pg_text(values))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(json: &str) -> Vec<Option<String>> {
        json_to_pg_text(serde_json::from_str(json).unwrap())
    }

    #[test]
    fn scalars() {
        assert_eq!(
            conv(r#"[true, false, 42, 1.5, "foo\"", null, {"a":1}]"#),
            vec![
                Some("true".into()),
                Some("false".into()),
                Some("42".into()),
                Some("1.5".into()),
                Some("foo\"".into()),
                None,
                Some(r#"{"a":1}"#.into())
            ]
        );
    }

    #[test]
    fn arrays() {
        assert_eq!(
            conv(r#"[[true, false, null, "NULL", 42, "foo", "bar\"-\\"]]"#),
            vec![Some(r#"{true,false,NULL,"NULL",42,"foo","bar\"-\\"}"#.into())]
        );
        assert_eq!(
            conv(r#"[[[true, false], [null, 42], ["foo", "bar\"-\\"]]]"#),
            vec![Some(r#"{{true,false},{NULL,42},{"foo","bar\"-\\"}}"#.into())]
        );
        assert_eq!(conv(r#"[[{"foo": 1},{"bar": 2}]]"#), vec![Some(r#"{"{\"foo\":1}","{\"bar\":2}"}"#.into())]);
    }
}
