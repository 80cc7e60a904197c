//! Counters served at `GET /_edgepg/stats`, globally and per database name.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// One set of counters.
#[derive(Debug, Default)]
pub struct Counters {
    /// HTTP `POST /sql` requests.
    pub requests: AtomicU64,
    /// Statements executed for clients over HTTP (batch statements counted individually;
    /// the gateway's own START TRANSACTION/COMMIT/ROLLBACK are not counted).
    pub queries: AtomicU64,
    /// Accepted WebSocket connections.
    pub ws_connections: AtomicU64,
    /// Data frames received from WebSocket clients.
    pub ws_frames_in: AtomicU64,
    /// Data frames sent to WebSocket clients.
    pub ws_frames_out: AtomicU64,
}

impl Counters {
    fn write_json(&self, out: &mut String) {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        out.push_str(&format!(
            "\"requests\":{},\"queries\":{},\"wsConnections\":{},\"wsFramesIn\":{},\"wsFramesOut\":{}",
            get(&self.requests),
            get(&self.queries),
            get(&self.ws_connections),
            get(&self.ws_frames_in),
            get(&self.ws_frames_out)
        ));
    }
}

/// Which counter to bump.
#[derive(Debug, Clone, Copy)]
pub enum Counter {
    /// `requests`.
    Requests,
    /// `queries`.
    Queries,
    /// `wsConnections`.
    WsConnections,
    /// `wsFramesIn`.
    WsFramesIn,
    /// `wsFramesOut`.
    WsFramesOut,
}

fn pick(c: &Counters, which: Counter) -> &AtomicU64 {
    match which {
        Counter::Requests => &c.requests,
        Counter::Queries => &c.queries,
        Counter::WsConnections => &c.ws_connections,
        Counter::WsFramesIn => &c.ws_frames_in,
        Counter::WsFramesOut => &c.ws_frames_out,
    }
}

/// All counters of the gateway.
#[derive(Debug, Default)]
pub struct Stats {
    total: Counters,
    by_db: Mutex<HashMap<String, Arc<Counters>>>,
}

impl Stats {
    /// Bumps a global counter only (used before the database is known).
    pub fn bump_global(&self, which: Counter, n: u64) {
        pick(&self.total, which).fetch_add(n, Ordering::Relaxed);
    }

    /// The counters of database `name`.
    pub fn db(&self, name: &str) -> Arc<Counters> {
        let mut map = self.by_db.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(map.entry(name.to_string()).or_default())
    }

    /// The stats document: `{"requests":…,"queries":…,"wsConnections":…,"wsFramesIn":…,
    /// "wsFramesOut":…,"databases":{"<db>":{same five keys}}}` (databases sorted by name).
    pub fn to_json(&self) -> String {
        let mut out = String::from("{");
        self.total.write_json(&mut out);
        out.push_str(",\"databases\":{");
        let map = self.by_db.lock().unwrap_or_else(|e| e.into_inner());
        let sorted: BTreeMap<&String, &Arc<Counters>> = map.iter().collect();
        for (i, (name, counters)) in sorted.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::Value::String(name.to_string()).to_string());
            out.push_str(":{");
            counters.write_json(&mut out);
            out.push('}');
        }
        out.push_str("}}");
        out
    }
}

/// Counters of one database plus the global ones: every bump goes to both.
#[derive(Debug, Clone)]
pub struct DbStats {
    stats: Arc<Stats>,
    db: Arc<Counters>,
}

impl DbStats {
    /// The handle for database `name`.
    pub fn new(stats: &Arc<Stats>, name: &str) -> Self {
        DbStats { stats: Arc::clone(stats), db: stats.db(name) }
    }

    /// Adds `n` to the database's counter only (the global one was already bumped).
    pub fn bump_db_only(&self, which: Counter, n: u64) {
        pick(&self.db, which).fetch_add(n, Ordering::Relaxed);
    }

    /// Adds one to the database's and the global counter.
    pub fn bump(&self, which: Counter) {
        self.stats.bump_global(which, 1);
        self.bump_db_only(which, 1);
    }
}
