//! The wasm32 [`Socket`]: the runtime's own `WebSocket` (browsers, Node ≥ 22, workerd), bound
//! with wasm-bindgen alone. Events land in a queue shared with the socket; `recv` is a future
//! woken by them (and by its timer, with [`JsWebSocket::with_timeout`]).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::poll_fn;
use std::rc::Rc;
use std::task::{Poll, Waker};
use std::time::Duration;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::driver::pgwire::{Client, Socket};
use crate::{Error, Result};

#[wasm_bindgen]
extern "C" {
    type WebSocket;
    #[wasm_bindgen(constructor, catch)]
    fn new(url: &str) -> std::result::Result<WebSocket, JsValue>;
    #[wasm_bindgen(method, setter, js_name = binaryType)]
    fn set_binary_type(this: &WebSocket, value: &str);
    #[wasm_bindgen(method, getter, js_name = readyState)]
    fn ready_state(this: &WebSocket) -> u16;
    #[wasm_bindgen(method, catch)]
    fn send(this: &WebSocket, data: &js_sys::Uint8Array) -> std::result::Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn close(this: &WebSocket) -> std::result::Result<(), JsValue>;
    // listeners rather than `on…` properties: workerd's WebSockets (a fetch upgrade's included)
    // dispatch to listeners
    #[wasm_bindgen(method, js_name = addEventListener)]
    fn add_event_listener(this: &WebSocket, kind: &str, f: &js_sys::Function);
    #[wasm_bindgen(method, js_name = removeEventListener)]
    fn remove_event_listener(this: &WebSocket, kind: &str, f: &js_sys::Function);

    type MessageEvent;
    #[wasm_bindgen(method, getter)]
    fn data(this: &MessageEvent) -> JsValue;

    type CloseEvent;
    #[wasm_bindgen(method, getter)]
    fn code(this: &CloseEvent) -> u16;
    #[wasm_bindgen(method, getter)]
    fn reason(this: &CloseEvent) -> String;
}

/// `WebSocket.OPEN` / `WebSocket.CLOSING`.
const OPEN: u16 = 1;
const CLOSING: u16 = 2;

/// What the event handlers saw, shared with the socket.
#[derive(Default)]
struct State {
    open: bool,
    messages: VecDeque<Result<Vec<u8>>>,
    /// `onerror` fired (the runtime says nothing more about it).
    failed: bool,
    /// `onclose` fired, with this code and reason.
    closed: Option<(u16, String)>,
    timed_out: bool,
    waker: Option<Waker>,
}

type Shared = Rc<RefCell<State>>;

/// Applies an event to the state, then wakes the waiting future (outside the borrow).
fn update(state: &Shared, f: impl FnOnce(&mut State)) {
    let waker = {
        let mut s = state.borrow_mut();
        f(&mut s);
        s.waker.take()
    };
    if let Some(w) = waker {
        w.wake();
    }
}

/// The handlers the `WebSocket` and the timer call, alive as long as the socket.
struct Handlers {
    open: Closure<dyn FnMut()>,
    message: Closure<dyn FnMut(MessageEvent)>,
    error: Closure<dyn FnMut()>,
    close: Closure<dyn FnMut(CloseEvent)>,
    timeout: Closure<dyn FnMut()>,
}

impl Handlers {
    /// The socket's events, in the order `attach` and `detach` walk them.
    fn each(&self) -> [(&'static str, &js_sys::Function); 4] {
        [
            ("open", self.open.as_ref().unchecked_ref()),
            ("message", self.message.as_ref().unchecked_ref()),
            ("error", self.error.as_ref().unchecked_ref()),
            ("close", self.close.as_ref().unchecked_ref()),
        ]
    }
    fn attach(&self, ws: &WebSocket) {
        for (kind, f) in self.each() {
            ws.add_event_listener(kind, f);
        }
    }
    fn detach(&self, ws: &WebSocket) {
        for (kind, f) in self.each() {
            ws.remove_event_listener(kind, f);
        }
    }
    fn new(state: &Shared) -> Self {
        let on = |f: fn(&mut State)| {
            let s = state.clone();
            Closure::<dyn FnMut()>::new(move || update(&s, f))
        };
        let s = state.clone();
        let message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            let m = match data.dyn_ref::<js_sys::ArrayBuffer>() {
                Some(b) => Ok(js_sys::Uint8Array::new(b).to_vec()),
                None if data.is_string() => Err(Error::Protocol("a text frame on a Postgres stream".into())),
                None => Err(Error::Protocol("a WebSocket message that is not an ArrayBuffer".into())),
            };
            update(&s, |s| s.messages.push_back(m));
        });
        let s = state.clone();
        let close = Closure::<dyn FnMut(CloseEvent)>::new(move |e: CloseEvent| {
            let (code, reason) = (e.code(), e.reason());
            update(&s, |s| s.closed = Some((code, reason)));
        });
        Handlers {
            open: on(|s| s.open = true),
            message,
            error: on(|s| s.failed = true),
            close,
            timeout: on(|s| s.timed_out = true),
        }
    }
}

/// A WebSocket to a Neon-compatible endpoint (`wss://host/v2`, `ws://host:port/v2`) over the
/// runtime's global `WebSocket` (wasm32 only).
pub struct JsWebSocket {
    ws: WebSocket,
    state: Shared,
    handlers: Handlers,
    url: String,
    timeout: Option<Duration>,
}

impl std::fmt::Debug for JsWebSocket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsWebSocket").field("url", &self.url).field("timeout", &self.timeout).finish()
    }
}

fn message(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

fn global_fn(name: &str) -> Result<js_sys::Function> {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| Error::Config(format!("this runtime has no global {name}")))
}

/// A running `setTimeout`, cleared when dropped.
struct Timer(JsValue);

impl Timer {
    fn start(handler: &Closure<dyn FnMut()>, after: Duration) -> Result<Self> {
        let ms = i32::try_from(after.as_millis()).unwrap_or(i32::MAX);
        let id = global_fn("setTimeout")?
            .call2(&JsValue::NULL, handler.as_ref(), &JsValue::from(ms))
            .map_err(|e| Error::Config(format!("setTimeout: {}", message(&e))))?;
        Ok(Timer(id))
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Ok(clear) = global_fn("clearTimeout") {
            let _ = clear.call1(&JsValue::NULL, &self.0);
        }
    }
}

impl JsWebSocket {
    /// Opens `url` (`wss://…` or `ws://…`); resolves once the socket is open, or fails with
    /// `Error::Connect` (a malformed URL, an endpoint that refuses or fails the handshake).
    pub async fn open(url: &str) -> Result<Self> {
        let ws = WebSocket::new(url).map_err(|e| Error::Connect(format!("{url}: {}", message(&e))))?;
        ws.set_binary_type("arraybuffer");
        let state = Shared::default();
        let handlers = Handlers::new(&state);
        handlers.attach(&ws);
        // from here on, dropping the socket closes it and detaches the handlers
        let socket = JsWebSocket { ws, state, handlers, url: url.to_owned(), timeout: None };
        poll_fn(|cx| {
            let mut s = socket.state.borrow_mut();
            if s.open {
                Poll::Ready(Ok(()))
            } else if s.failed || s.closed.is_some() {
                let code = s.closed.as_ref().map_or(String::new(), |(c, r)| format!(" (close code {c} {r})"));
                Poll::Ready(Err(Error::Connect(format!("{url}: the WebSocket could not be opened{code}"))))
            } else {
                s.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        })
        .await?;
        Ok(socket)
    }

    /// A socket over a `WebSocket` object the caller opened to `url` (and, for a workers-rs
    /// `worker::WebSocket`, accepted): `JsWebSocket::from_open(ws.as_ref().clone().into(), url)`.
    /// Its messages are read from now on; `Error::Connect` unless it is open. `url` is where a
    /// timed-out statement's CancelRequest goes (through the global `WebSocket`).
    pub fn from_open(ws: JsValue, url: &str) -> Result<Self> {
        let ws: WebSocket = ws.unchecked_into();
        if ws.ready_state() != OPEN {
            return Err(Error::Connect("the WebSocket given is not open".into()));
        }
        ws.set_binary_type("arraybuffer");
        let state = Shared::default();
        state.borrow_mut().open = true;
        let handlers = Handlers::new(&state);
        handlers.attach(&ws);
        Ok(JsWebSocket { ws, state, handlers, url: url.to_owned(), timeout: None })
    }

    /// Fails a statement whose answer takes longer than `timeout` with `Error::Timeout`; the
    /// client then cancels it on a new socket and drops the connection.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The next message, `None` once closed; `timeout` fails the wait with `Error::Timeout`.
    async fn next(&mut self, timeout: Option<Duration>) -> Result<Option<Vec<u8>>> {
        self.state.borrow_mut().timed_out = false;
        let _timer = timeout.map(|t| Timer::start(&self.handlers.timeout, t)).transpose()?;
        poll_fn(|cx| {
            let mut s = self.state.borrow_mut();
            if let Some(m) = s.messages.pop_front() {
                return Poll::Ready(m.map(Some));
            }
            if s.timed_out {
                return Poll::Ready(Err(Error::Timeout(timeout.unwrap_or_default())));
            }
            if s.failed {
                return Poll::Ready(Err(Error::Connect(format!("{}: the WebSocket failed", self.url))));
            }
            match &s.closed {
                // a normal close (or none given) is the end of the stream
                Some((1000 | 1005, _)) => return Poll::Ready(Ok(None)),
                Some((code, reason)) => {
                    return Poll::Ready(Err(Error::Connect(format!(
                        "{}: the WebSocket was closed with code {code} {reason}",
                        self.url
                    ))))
                }
                None => {}
            }
            s.waker = Some(cx.waker().clone());
            Poll::Pending
        })
        .await
    }
}

impl Socket for JsWebSocket {
    async fn send(&mut self, bytes: Vec<u8>) -> Result<()> {
        // `send` on a closing or closed WebSocket drops the data without an error
        if self.ws.ready_state() != OPEN {
            return Err(Error::Connect(format!("{}: the WebSocket is not open", self.url)));
        }
        // a copy in JS memory: workerd reads the data after `send` returns, when a view of wasm
        // memory may hold other bytes already
        let data = js_sys::Uint8Array::from(bytes.as_slice());
        self.ws.send(&data).map_err(|e| Error::Connect(message(&e)))
    }
    async fn recv(&mut self) -> Result<Option<Vec<u8>>> {
        self.next(self.timeout).await
    }
    async fn close(&mut self) {
        let _ = self.ws.close();
    }
    async fn cancel(&mut self, request: Vec<u8>) {
        if let Ok(mut s) = JsWebSocket::open(&self.url).await {
            let _ = s.send(request).await;
            // the endpoint closes the socket once it has forwarded the request
            let _ = s.next(Some(Duration::from_secs(5))).await;
        }
    }
}

impl Drop for JsWebSocket {
    fn drop(&mut self) {
        // detach the handlers before they are freed, so no late event calls a dropped closure
        self.handlers.detach(&self.ws);
        if self.ws.ready_state() < CLOSING {
            let _ = self.ws.close();
        }
    }
}

/// Opens a [`Client`] over the runtime's `WebSocket` to `url` for `connection_string` (wasm32;
/// natively, the same function opens a tokio-tungstenite socket).
///
/// ```no_run
/// # async fn f() -> edgepg::Result<()> {
/// use edgepg::driver::ws::connect;
/// let mut db = connect("wss://ep-x.neon.tech/v2", "postgresql://u:p@ep-x.neon.tech/app").await?;
/// let r = db.query("select $1::int + 1 as n", &[41.into()]).await?;
/// assert_eq!(r.rows[0][0], 42.into());
/// db.end().await;
/// # Ok(()) }
/// ```
pub async fn connect(url: &str, connection_string: &str) -> Result<Client<JsWebSocket>> {
    Client::new(JsWebSocket::open(url).await?, connection_string)
}
