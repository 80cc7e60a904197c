//! Reading a request body under a size limit (docs/protocol.md §3.4).

use bytes::{Bytes, BytesMut};
use http_body_util::BodyExt;
use hyper::body::{Body, Incoming};

/// Why the body could not be read.
#[derive(Debug)]
pub enum ReadBodyError {
    /// Larger than the limit (from `Content-Length` or while streaming) → 413.
    TooLarge(usize),
    /// The client connection failed → 400.
    Read(hyper::Error),
}

/// Reads the whole body, failing as soon as it is known to exceed `limit` bytes.
pub async fn read_body_with_limit(mut body: Incoming, limit: usize) -> Result<Bytes, ReadBodyError> {
    // The size hint is the Content-Length when there is one.
    if body.size_hint().lower() > limit as u64 {
        return Err(ReadBodyError::TooLarge(limit));
    }
    let mut buf = BytesMut::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(ReadBodyError::Read)?;
        if let Ok(data) = frame.into_data() {
            if buf.len() + data.len() > limit {
                return Err(ReadBodyError::TooLarge(limit));
            }
            buf.extend_from_slice(&data);
        }
    }
    Ok(buf.freeze())
}
