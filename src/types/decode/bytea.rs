//! `bytea` text output, decoded as postgres-bytea 1.0.0 does.
//!
//! - Hex format (`bytea_output = hex`, the default): `\x` followed by two hex digits per byte.
//!   Like Node's `Buffer.from(s, 'hex')`, decoding stops at the first pair that is not two hex
//!   digits (so an odd trailing digit is dropped).
//! - Escape format (`bytea_output = escape`): printable bytes as themselves, `\\` for a
//!   backslash, `\ooo` (three octal digits) for any byte. As in postgres-bytea, every other
//!   character stands for its UTF-16 code unit(s) truncated to a byte (Node's `latin1`), and a
//!   `\ooo` above `\377` keeps its low byte. A lone backslash not followed by three octal digits
//!   makes postgres-bytea loop forever; here it is an error.

/// Decodes `bytea` text.
pub(crate) fn decode(text: &str) -> Result<Vec<u8>, &'static str> {
    match text.strip_prefix("\\x") {
        Some(hex) => Ok(decode_hex(hex.as_bytes())),
        None => decode_escape(text),
    }
}

/// The value of one hexadecimal digit (either case).
pub fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn decode_hex(hex: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(hex.len() / 2);
    for pair in hex.chunks_exact(2) {
        match (pair.first().copied().and_then(hex_digit), pair.get(1).copied().and_then(hex_digit)) {
            (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
            _ => break,
        }
    }
    out
}

fn octal3(b: &[u8]) -> Option<u8> {
    match b {
        [a @ b'0'..=b'7', b @ b'0'..=b'7', c @ b'0'..=b'7', ..] => {
            // Up to 0o777 = 511: the low byte, as Buffer.from(…, 'latin1') keeps it.
            let v = u16::from(a - b'0') << 6 | u16::from(b - b'0') << 3 | u16::from(c - b'0');
            Some(v.to_le_bytes()[0])
        }
        _ => None,
    }
}

fn decode_escape(text: &str) -> Result<Vec<u8>, &'static str> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'\\' {
            if let Some(byte) = bytes.get(i + 1..).and_then(octal3) {
                out.push(byte);
                i += 4;
                continue;
            }
            let run = bytes.get(i..).map_or(0, |rest| rest.iter().take_while(|&&c| c == b'\\').count());
            if run < 2 {
                return Err("invalid escape in bytea: a backslash must be doubled or start \\ooo");
            }
            out.extend(std::iter::repeat_n(b'\\', run / 2));
            i += run / 2 * 2;
        } else if b.is_ascii() {
            out.push(b);
            i += 1;
        } else {
            // A non-ASCII character: its UTF-16 code units, each truncated to a byte.
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                return Err("bytea text is not valid UTF-8");
            };
            let mut units = [0u16; 2];
            out.extend(c.encode_utf16(&mut units).iter().map(|u| u.to_le_bytes()[0]));
            i += c.len_utf8();
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex() {
        assert_eq!(decode("\\x"), Ok(vec![]));
        assert_eq!(decode("\\xdeadbeef"), Ok(vec![0xde, 0xad, 0xbe, 0xef]));
        assert_eq!(decode("\\xDEADbeef"), Ok(vec![0xde, 0xad, 0xbe, 0xef]));
        assert_eq!(decode("\\x00ff7f80"), Ok(vec![0, 0xff, 0x7f, 0x80]));
    }

    #[test]
    fn hex_stops_like_node_buffer() {
        assert_eq!(decode("\\x414"), Ok(vec![0x41]));
        assert_eq!(decode("\\x4g41"), Ok(vec![]));
        assert_eq!(decode("\\x41G1"), Ok(vec![0x41]));
        assert_eq!(decode("\\x41é"), Ok(vec![0x41]));
    }

    #[test]
    fn escape_format() {
        assert_eq!(decode(""), Ok(vec![]));
        assert_eq!(decode("hello"), Ok(b"hello".to_vec()));
        assert_eq!(decode(r"\000\001\\'A\377\177 "), Ok(vec![0, 1, b'\\', b'\'', b'A', 0xff, 0x7f, b' ']));
        assert_eq!(decode(r"\\\\123"), Ok(b"\\\\123".to_vec()));
        assert_eq!(decode(r"\\123"), Ok(b"\\123".to_vec()));
        assert_eq!(decode(r"\\\123"), Ok(b"\\S".to_vec()));
        assert_eq!(decode(r"\\\\\\"), Ok(b"\\\\\\".to_vec()));
        assert_eq!(decode(r"\303\251"), Ok("é".as_bytes().to_vec()));
    }

    #[test]
    fn escape_format_quirks() {
        // Octal above \377 keeps the low byte; non-ASCII characters become latin1 bytes.
        assert_eq!(decode(r"\777"), Ok(vec![0xff]));
        assert_eq!(decode("é€"), Ok(vec![0xe9, 0xac]));
        assert_eq!(decode("😀"), Ok(vec![0x3d, 0x00]));
        assert_eq!(decode(r"\12"), Err("invalid escape in bytea: a backslash must be doubled or start \\ooo"));
        assert!(decode(r"a\b").is_err());
        assert!(decode("\\").is_err());
        assert!(decode(r"\\\").is_err());
    }
}
