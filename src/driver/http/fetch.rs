//! [`HttpTransport`] straight over the runtime's `fetch` (wasm32 only): what the npm package and
//! Workers use. It links none of reqwest's URL/HTTP stack, which is most of what the driver
//! adds to a wasm module (see `scripts/wasm-size.sh`); behaviour is the same as
//! [`ReqwestTransport`](super::ReqwestTransport) on wasm32: no `credentials`/`cache` options, no
//! `Content-Type`, the request is aborted when its future is dropped, and a timeout aborts it.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::transport::{BoxFuture, HttpRequest, HttpResponse, HttpTransport};
use crate::{Error, Result};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str, init: &JsValue) -> js_sys::Promise;

    type Response;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Response) -> u16;
    #[wasm_bindgen(method)]
    fn text(this: &Response) -> js_sys::Promise;

    type AbortController;
    #[wasm_bindgen(constructor)]
    fn new() -> AbortController;
    #[wasm_bindgen(method, getter)]
    fn signal(this: &AbortController) -> JsValue;
    #[wasm_bindgen(method)]
    fn abort(this: &AbortController);

    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &JsValue, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// [`HttpTransport`] over the global `fetch` (browsers, workerd, Node ≥ 18, Deno, Bun).
#[derive(Debug, Clone, Copy, Default)]
pub struct FetchTransport;

/// Aborts the fetch when the request's future is dropped (and stops its timer).
struct Guard {
    ctrl: AbortController,
    timer: Option<JsValue>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(t) = self.timer.take() {
            clear_timeout(&t);
        }
        self.ctrl.abort();
    }
}

fn message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

impl HttpTransport for FetchTransport {
    fn post(&self, req: HttpRequest) -> BoxFuture<'_, Result<HttpResponse>> {
        Box::pin(async move {
            let headers = js_sys::Object::new();
            let init = js_sys::Object::new();
            let set = |o: &js_sys::Object, k: &str, v: &JsValue| {
                let _ = js_sys::Reflect::set(o, &JsValue::from_str(k), v);
            };
            for (k, v) in &req.headers {
                set(&headers, k, &JsValue::from_str(v));
            }
            set(&init, "method", &JsValue::from_str("POST"));
            set(&init, "headers", &headers);
            set(&init, "body", &JsValue::from_str(&req.body));
            let ctrl = AbortController::new();
            set(&init, "signal", &ctrl.signal());
            let timed_out = Rc::new(Cell::new(false));
            let mut guard = Guard { ctrl, timer: None };
            if let Some(t) = req.timeout {
                let ms = i32::try_from(t.as_millis()).unwrap_or(i32::MAX);
                let (flag, ctrl) = (timed_out.clone(), guard.ctrl.clone().unchecked_into::<AbortController>());
                let handler = Closure::once_into_js(move || {
                    flag.set(true);
                    ctrl.abort();
                });
                guard.timer = Some(set_timeout(&handler, ms));
            }
            let fail = |e: JsValue| {
                if timed_out.get() {
                    Error::Timeout(req.timeout.unwrap_or_default())
                } else {
                    Error::Connect(message(&e))
                }
            };
            let resp: Response = JsFuture::from(global_fetch(&req.url, &init)).await.map_err(fail)?.unchecked_into();
            let status = resp.status();
            let body = JsFuture::from(resp.text()).await.map_err(fail)?.as_string().unwrap_or_default();
            drop(guard);
            Ok(HttpResponse { status, body })
        })
    }
}
