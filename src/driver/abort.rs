//! Cancelling a request from outside: a small, runtime-independent abort handle.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// Aborts the requests it was given to (like a JS `AbortController` and its signal in one).
///
/// Clone it, pass it with a request ([`NeonHttp::with_abort`](crate::neon_http::NeonHttp::with_abort)),
/// and call [`abort`](Abort::abort) from anywhere: the request stops at once (the underlying
/// `fetch` is aborted on wasm) and fails with [`Error::Aborted`](crate::Error::Aborted). In the
/// npm package a JS `AbortSignal` is wired to this handle.
///
/// ```
/// let a = edgepg::driver::Abort::new();
/// assert!(!a.is_aborted());
/// a.clone().abort();
/// assert!(a.is_aborted());
/// ```
#[derive(Clone, Default, Debug)]
pub struct Abort {
    inner: Arc<Mutex<State>>,
}

#[derive(Default, Debug)]
struct State {
    aborted: bool,
    wakers: Vec<Waker>,
}

impl Abort {
    /// A handle that is not aborted yet.
    pub fn new() -> Self {
        Abort::default()
    }

    /// Aborts every request using this handle (now and later).
    pub fn abort(&self) {
        let wakers = match self.inner.lock() {
            Ok(mut s) => {
                s.aborted = true;
                std::mem::take(&mut s.wakers)
            }
            Err(_) => return,
        };
        wakers.into_iter().for_each(Waker::wake);
    }

    /// Whether [`abort`](Abort::abort) was called.
    pub fn is_aborted(&self) -> bool {
        self.inner.lock().map(|s| s.aborted).unwrap_or(true)
    }

    fn poll_aborted(&self, cx: &mut Context<'_>) -> bool {
        match self.inner.lock() {
            Ok(mut s) if !s.aborted => {
                if !s.wakers.iter().any(|w| w.will_wake(cx.waker())) {
                    s.wakers.push(cx.waker().clone());
                }
                false
            }
            _ => true,
        }
    }
}

/// Runs `fut` unless `abort` fires first; `None` when aborted (the future is then dropped,
/// which cancels the HTTP request).
pub(crate) async fn abortable<F: Future>(fut: F, abort: Option<&Abort>) -> Option<F::Output> {
    let Some(abort) = abort else { return Some(fut.await) };
    if abort.is_aborted() {
        return None;
    }
    Race { fut: Box::pin(fut), abort }.await
}

struct Race<'a, F: Future> {
    fut: Pin<Box<F>>,
    abort: &'a Abort,
}

impl<F: Future> Future for Race<'_, F> {
    type Output = Option<F::Output>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.abort.poll_aborted(cx) {
            return Poll::Ready(None);
        }
        self.fut.as_mut().poll(cx).map(Some)
    }
}
