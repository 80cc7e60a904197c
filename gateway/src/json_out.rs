//! Streaming JSON writer for query results (docs/protocol.md §2.1, §2.3).
//!
//! The response is written by hand (not through `serde_json::Value`) to keep Neon's key order
//! (`fields, rows, command, rowCount, rowAsArray`), to repeat duplicate column names in
//! object mode as Neon does, and to check the response size after every row.

use crate::json_mode::{self, ConversionError};
use crate::json_text::push_str;
use crate::pg::{FieldDesc, RowSink};

/// Why writing a result stopped early.
#[derive(Debug)]
pub enum SinkError {
    /// The response passed the configured maximum (→ 507).
    TooLarge(usize),
    /// A value could not be converted in non-raw mode (→ 500).
    Conversion(ConversionError),
}

/// Writes one query result object into `out` as PostgreSQL sends it.
pub struct ResultWriter<'a> {
    out: &'a mut Vec<u8>,
    raw_output: bool,
    array_mode: bool,
    max_bytes: usize,
    fields: Vec<FieldDesc>,
    header_written: bool,
    rows: usize,
}

impl<'a> ResultWriter<'a> {
    /// Starts a result in `out` (which may already hold earlier batch results).
    pub fn new(out: &'a mut Vec<u8>, raw_output: bool, array_mode: bool, max_bytes: usize) -> Self {
        ResultWriter { out, raw_output, array_mode, max_bytes, fields: Vec::new(), header_written: false, rows: 0 }
    }

    fn write_header(&mut self, fields: &[FieldDesc]) {
        let out = &mut *self.out;
        out.extend_from_slice(b"{\"fields\":[");
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"name\":");
            push_str(out, &f.name);
            out.extend_from_slice(
                format!(
                    ",\"dataTypeID\":{},\"tableID\":{},\"columnID\":{},\"dataTypeSize\":{},\"dataTypeModifier\":{},\"format\":\"text\"}}",
                    f.type_oid, f.table_oid, f.column_id, f.type_size, f.type_modifier
                )
                .as_bytes(),
            );
        }
        out.extend_from_slice(b"],\"rows\":[");
        self.header_written = true;
    }

    /// Completes the object with `command`, `rowCount` and `rowAsArray`.
    pub fn finish(mut self, command_tag: Option<&str>) {
        if !self.header_written {
            self.write_header(&[]);
        }
        let (command, row_count) = parse_command_tag(command_tag.unwrap_or(""));
        let out = &mut *self.out;
        out.extend_from_slice(b"],\"command\":");
        push_str(out, command);
        out.extend_from_slice(b",\"rowCount\":");
        match row_count {
            Some(n) => out.extend_from_slice(n.to_string().as_bytes()),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(if self.array_mode { b",\"rowAsArray\":true}" } else { b",\"rowAsArray\":false}" });
    }

    fn write_cell(&mut self, value: Option<&[u8]>, type_oid: u32) -> Result<(), SinkError> {
        match value {
            None => self.out.extend_from_slice(b"null"),
            Some(bytes) => {
                let text = String::from_utf8_lossy(bytes);
                if self.raw_output {
                    push_str(self.out, &text);
                } else {
                    json_mode::write_value(self.out, &text, type_oid).map_err(SinkError::Conversion)?;
                }
            }
        }
        Ok(())
    }
}

impl RowSink for ResultWriter<'_> {
    type Error = SinkError;

    fn fields(&mut self, fields: &[FieldDesc]) -> Result<(), SinkError> {
        self.fields = fields.to_vec();
        self.write_header(fields);
        Ok(())
    }

    fn row(&mut self, values: &[Option<&[u8]>]) -> Result<(), SinkError> {
        if !self.header_written {
            self.write_header(&[]);
        }
        if self.rows > 0 {
            self.out.push(b',');
        }
        self.rows += 1;
        self.out.push(if self.array_mode { b'[' } else { b'{' });
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            let (name, type_oid) = match self.fields.get(i) {
                Some(f) => (f.name.clone(), f.type_oid),
                None => (String::new(), 25),
            };
            if !self.array_mode {
                // Duplicate column names are written twice, like Neon HEAD (§2.3).
                push_str(self.out, &name);
                self.out.push(b':');
            }
            self.write_cell(*value, type_oid)?;
        }
        self.out.push(if self.array_mode { b']' } else { b'}' });
        // Checked after each row: the body may pass the limit by less than one row (§3.4).
        if self.out.len() > self.max_bytes {
            return Err(SinkError::TooLarge(self.max_bytes));
        }
        Ok(())
    }
}

/// `command` is the first word of the tag; `rowCount` the last number (`INSERT oid n` → n),
/// or `None` (docs/protocol.md §2.1).
pub fn parse_command_tag(tag: &str) -> (&str, Option<i64>) {
    match tag.split_once(' ') {
        None => (tag, None),
        Some((name @ "INSERT", rest)) => (name, rest.split_once(' ').and_then(|(_oid, n)| n.parse().ok())),
        Some((name, rest)) => (name, rest.parse().ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_tags() {
        assert_eq!(parse_command_tag("SELECT 3"), ("SELECT", Some(3)));
        assert_eq!(parse_command_tag("INSERT 0 2"), ("INSERT", Some(2)));
        assert_eq!(parse_command_tag("CREATE TABLE"), ("CREATE", None));
        assert_eq!(parse_command_tag(""), ("", None));
        assert_eq!(parse_command_tag("BEGIN"), ("BEGIN", None));
    }

    fn field(name: &str, oid: u32) -> FieldDesc {
        FieldDesc { name: name.into(), table_oid: 0, column_id: 0, type_oid: oid, type_size: 4, type_modifier: -1 }
    }

    #[test]
    fn object_mode_keeps_duplicates() {
        let mut out = Vec::new();
        let mut w = ResultWriter::new(&mut out, true, false, 1 << 20);
        w.fields(&[field("a", 23), field("a", 23)]).unwrap();
        w.row(&[Some(b"1"), None]).unwrap();
        w.finish(Some("SELECT 1"));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"fields":[{"name":"a","dataTypeID":23,"tableID":0,"columnID":0,"dataTypeSize":4,"dataTypeModifier":-1,"format":"text"},{"name":"a","dataTypeID":23,"tableID":0,"columnID":0,"dataTypeSize":4,"dataTypeModifier":-1,"format":"text"}],"rows":[{"a":"1","a":null}],"command":"SELECT","rowCount":1,"rowAsArray":false}"#
        );
    }

    #[test]
    fn too_large() {
        let mut out = Vec::new();
        let mut w = ResultWriter::new(&mut out, true, true, 100);
        w.fields(&[field("a", 25)]).unwrap();
        assert!(matches!(w.row(&[Some(&[b'x'; 200])]), Err(SinkError::TooLarge(100))));
    }
}
