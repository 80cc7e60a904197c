//! Pool of authenticated PostgreSQL sessions for SQL-over-HTTP, keyed by (user, database,
//! password).
//!
//! A session only enters the pool after PostgreSQL accepted exactly that password, so a wrong
//! password can never be served a pooled session. Sessions come back through
//! [`Pool::put_back`]: a session that is not idle (`ReadyForQuery` status other than `I`) or
//! is broken is dropped; an idle one is reset with `DISCARD ALL` in a background task (off the
//! request's critical path) and only then made available again.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::conn::PgConn;
use super::error::ConnectError;

/// Identifies interchangeable sessions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PoolKey {
    /// Role name.
    pub user: String,
    /// Database name.
    pub database: String,
    /// The password PostgreSQL verified for these sessions.
    pub password: Vec<u8>,
}

/// Pool settings.
#[derive(Debug, Clone, Copy)]
pub struct PoolConfig {
    /// Idle sessions kept per key.
    pub max_idle_per_key: usize,
    /// Idle sessions older than this are closed.
    pub idle_timeout: Duration,
    /// Limit for TCP connect + startup + authentication.
    pub connect_timeout: Duration,
}

impl Default for PoolConfig {
    fn default() -> Self {
        PoolConfig {
            max_idle_per_key: 20,
            idle_timeout: Duration::from_secs(300),
            connect_timeout: Duration::from_secs(10),
        }
    }
}

struct Idle {
    conn: PgConn,
    since: Instant,
}

/// The upstream PostgreSQL and its idle sessions.
pub struct Pool {
    upstream: Upstream,
    config: PoolConfig,
    idle: Mutex<HashMap<PoolKey, Vec<Idle>>>,
}

/// Where PostgreSQL listens (resolved on every new connection).
#[derive(Debug, Clone)]
pub struct Upstream {
    /// Host name or IP literal (no brackets).
    pub host: String,
    /// TCP port.
    pub port: u16,
}

impl Upstream {
    /// Resolves the address.
    pub async fn resolve(&self) -> std::io::Result<SocketAddr> {
        tokio::net::lookup_host((self.host.as_str(), self.port))
            .await?
            .next()
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, format!("cannot resolve {}", self.host)))
    }

    /// Opens and authenticates a new session with `params`, within `timeout`.
    pub async fn connect(
        &self,
        params: &[(String, String)],
        password: Option<&[u8]>,
        timeout: Duration,
    ) -> Result<super::conn::Startup, ConnectError> {
        let fut = async {
            let addr = self.resolve().await?;
            PgConn::connect(addr, params, password).await
        };
        match tokio::time::timeout(timeout, fut).await {
            Ok(r) => r,
            Err(_) => Err(ConnectError::Io(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "timed out connecting to PostgreSQL",
            ))),
        }
    }
}

impl Pool {
    /// Creates an empty pool in front of `upstream`.
    pub fn new(upstream: Upstream, config: PoolConfig) -> Arc<Pool> {
        Arc::new(Pool { upstream, config, idle: Mutex::new(HashMap::new()) })
    }

    /// The upstream server.
    pub fn upstream(&self) -> &Upstream {
        &self.upstream
    }

    /// An idle session for `key`, or a new one (authenticated by PostgreSQL with the key's
    /// password).
    pub async fn get(&self, key: &PoolKey) -> Result<PgConn, ConnectError> {
        while let Some(idle) = self.pop(key) {
            if idle.since.elapsed() < self.config.idle_timeout && idle.conn.is_alive() {
                return Ok(idle.conn);
            }
        }
        let params = vec![
            ("user".to_string(), key.user.clone()),
            ("database".to_string(), key.database.clone()),
            ("client_encoding".to_string(), "UTF8".to_string()),
        ];
        let startup = self.upstream.connect(&params, Some(&key.password), self.config.connect_timeout).await?;
        Ok(startup.conn)
    }

    fn pop(&self, key: &PoolKey) -> Option<Idle> {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        let list = idle.get_mut(key)?;
        let conn = list.pop();
        if list.is_empty() {
            idle.remove(key);
        }
        conn
    }

    /// Returns a session after a request. Non-idle or broken sessions are closed; idle ones
    /// are reset (`DISCARD ALL`) in the background and then pooled, up to the per-key cap.
    pub fn put_back(self: &Arc<Self>, key: PoolKey, mut conn: PgConn) {
        if !conn.is_reusable() {
            return;
        }
        let pool = Arc::clone(self);
        tokio::spawn(async move {
            // Neon's pool runs ROLLBACK; CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL;
            // DEALLOCATE ALL; UNLISTEN *; pg_advisory_unlock_all(); DISCARD TEMP/SEQUENCES
            // (neon-protocol.md §1.7); DISCARD ALL does all of that (the session is idle, so
            // there is nothing to roll back).
            let reset = tokio::time::timeout(Duration::from_secs(10), conn.simple_query("DISCARD ALL")).await;
            if !matches!(reset, Ok(Ok(()))) || !conn.is_reusable() {
                return;
            }
            let mut idle = pool.idle.lock().unwrap_or_else(|e| e.into_inner());
            let list = idle.entry(key).or_default();
            if list.len() < pool.config.max_idle_per_key {
                list.push(Idle { conn, since: Instant::now() });
            }
        });
    }

    /// Closes idle sessions past the idle timeout.
    pub fn reap(&self) {
        let timeout = self.config.idle_timeout;
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        idle.retain(|_, list| {
            list.retain(|i| i.since.elapsed() < timeout && i.conn.is_alive());
            !list.is_empty()
        });
    }

    /// Closes every idle session.
    pub fn clear(&self) {
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// Starts a task that reaps idle sessions every 30 seconds.
    pub fn spawn_reaper(self: &Arc<Self>) {
        let pool = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(30));
            loop {
                tick.tick().await;
                match pool.upgrade() {
                    Some(p) => p.reap(),
                    None => return,
                }
            }
        });
    }
}
