//! Pool of authenticated PostgreSQL sessions for SQL-over-HTTP, keyed by (user, database,
//! password), and the caps on every session the gateway opens (HTTP and WebSocket).
//!
//! A session only enters the pool after PostgreSQL accepted exactly that password, so a wrong
//! password can never be served a pooled session. Sessions come back through
//! [`Pool::put_back`]: a session that is not idle (`ReadyForQuery` status other than `I`) or
//! is broken is dropped. An idle one is reset with `DISCARD ALL`: normally sent in the same write
//! as the request's last statement, right behind it, so the session is pooled at once and the
//! reset's answer is read when it is next taken (no round trip of its own, and no new sessions
//! opened while others are being reset); otherwise in a background task before it is pooled.
//!
//! Caps: every open session (in use or idle in the pool) holds a [`SessionPermit`]: one of
//! `max_sessions` overall and one of `max_per_user` for its role (PostgreSQL's name: 63 bytes).
//! When a cap is reached, idle sessions are closed to make room; otherwise the caller waits in
//! a queue of at most
//! `max_queued`, for at most `queue_timeout`, and then gets [`ConnectError::Busy`] with a message
//! that names the cap and the flag that raises it.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::conn::{PgConn, Startup};
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
    /// Most sessions open at once (in use and idle).
    pub max_sessions: usize,
    /// Most sessions open at once for one role.
    pub max_per_user: usize,
    /// How long to wait for a session when a cap is reached.
    pub queue_timeout: Duration,
    /// Most callers waiting at once.
    pub max_queued: usize,
    /// `statement_timeout` sent with every new session (zero: none).
    pub statement_timeout: Duration,
    /// Serve sessions that PostgreSQL let in without a password.
    pub allow_trust: bool,
}

impl Default for PoolConfig {
    fn default() -> Self {
        PoolConfig {
            max_idle_per_key: 20,
            idle_timeout: Duration::from_secs(300),
            connect_timeout: Duration::from_secs(10),
            max_sessions: 90,
            max_per_user: 80,
            queue_timeout: Duration::from_secs(10),
            max_queued: 1000,
            statement_timeout: Duration::ZERO,
            allow_trust: false,
        }
    }
}

/// How often PostgreSQL checks, during a statement, that the gateway is still connected
/// (`client_connection_check_interval`, PostgreSQL 14+): a statement of a killed gateway stops
/// within this instead of running to its end.
const CONNECTION_CHECK_INTERVAL_MS: &str = "1000";

struct Idle {
    conn: PgConn,
    permit: SessionPermit,
    since: Instant,
}

/// A session taken from the pool (or newly opened) together with its place under the caps.
pub struct Pooled {
    /// The session.
    pub conn: PgConn,
    permit: SessionPermit,
}

/// One open session's place under the caps; released when dropped.
pub struct SessionPermit {
    _user: OwnedSemaphorePermit,
    _global: OwnedSemaphorePermit,
    /// Its role's entry, kept while the session is open.
    role: RoleHandle,
}

/// One role's cap: its semaphore, and how many callers wait for it.
struct Role {
    sem: Arc<Semaphore>,
    waiting: AtomicUsize,
}

/// A hold on a role's entry in [`Caps::roles`]: the entry lives while a handle does, and is
/// removed by the last one dropped, however its holder ends (an error, or a caller that gave up
/// waiting: a cancelled future drops its handle too). So role names sent by anyone cannot grow
/// the table.
struct RoleHandle {
    caps: Arc<Caps>,
    key: String,
    role: Arc<Role>,
}

impl Drop for RoleHandle {
    fn drop(&mut self) {
        let mut map = self.caps.roles.lock().unwrap_or_else(|e| e.into_inner());
        // the map's reference and this one: no other handle (handles are made under this lock)
        if Arc::strong_count(&self.role) == 2 {
            map.remove(&self.key);
        }
    }
}

/// The semaphores behind the caps.
struct Caps {
    global: Arc<Semaphore>,
    roles: Mutex<HashMap<String, Arc<Role>>>,
    /// Callers waiting for any place (bounded by `max_queued`).
    queued: AtomicUsize,
    /// Callers waiting for a place under the global cap.
    waiting_global: AtomicUsize,
}

/// PostgreSQL's name for a role: at most 63 bytes (NAMEDATALEN - 1), cut at a character.
fn role_key(user: &str) -> &str {
    let mut end = user.len().min(63);
    while !user.is_char_boundary(end) {
        end -= 1;
    }
    &user[..end]
}

/// Counts a waiter while it waits, however it stops.
struct Waiting<'a>(&'a AtomicUsize);

impl<'a> Waiting<'a> {
    fn enter(count: &'a AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Waiting(count)
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The upstream PostgreSQL and its idle sessions.
pub struct Pool {
    upstream: Upstream,
    config: PoolConfig,
    idle: Mutex<HashMap<PoolKey, Vec<Idle>>>,
    caps: Arc<Caps>,
    /// Cleared when the server rejects `client_connection_check_interval` (before 14).
    check_interval_supported: AtomicBool,
    trust_reported: AtomicBool,
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
    ) -> Result<Startup, ConnectError> {
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
        let caps = Caps {
            global: Arc::new(Semaphore::new(config.max_sessions)),
            roles: Mutex::new(HashMap::new()),
            queued: AtomicUsize::new(0),
            waiting_global: AtomicUsize::new(0),
        };
        Arc::new(Pool {
            upstream,
            config,
            idle: Mutex::new(HashMap::new()),
            caps: Arc::new(caps),
            check_interval_supported: AtomicBool::new(true),
            trust_reported: AtomicBool::new(false),
        })
    }

    /// The upstream server.
    pub fn upstream(&self) -> &Upstream {
        &self.upstream
    }

    /// How long a caller waits for a session at a cap.
    pub fn queue_timeout(&self) -> Duration {
        self.config.queue_timeout
    }

    /// An idle session for `key`, or a new one (authenticated by PostgreSQL with the key's
    /// password) once the caps allow it.
    pub async fn get(&self, key: &PoolKey) -> Result<Pooled, ConnectError> {
        while let Some(mut idle) = self.pop(key) {
            // the reset sent behind the session's last statement has answered by now (or in
            // microseconds): read it, then check the socket
            let reset = tokio::time::timeout(Duration::from_secs(5), idle.conn.finish_reset()).await;
            if reset == Ok(true) && idle.since.elapsed() < self.config.idle_timeout && idle.conn.is_alive() {
                return Ok(Pooled { conn: idle.conn, permit: idle.permit });
            }
        }
        let params = vec![
            ("user".to_string(), key.user.clone()),
            ("database".to_string(), key.database.clone()),
            ("client_encoding".to_string(), "UTF8".to_string()),
        ];
        let (startup, permit) = self.open(params, &key.password).await?;
        Ok(Pooled { conn: startup.conn, permit })
    }

    /// Opens a session with the client's startup `params` (which name the `user`) under the
    /// caps, adding the gateway's own session settings, and applies the `trust` policy.
    pub async fn open(
        &self,
        mut params: Vec<(String, String)>,
        password: &[u8],
    ) -> Result<(Startup, SessionPermit), ConnectError> {
        let user = params.iter().find(|(k, _)| k == "user").map(|(_, v)| v.clone()).unwrap_or_default();
        let permit = self.permit(&user).await?;
        let has = |params: &[(String, String)], name: &str| params.iter().any(|(k, _)| k == name);
        if !self.config.statement_timeout.is_zero() && !has(&params, "statement_timeout") {
            params.push(("statement_timeout".into(), self.config.statement_timeout.as_millis().to_string()));
        }
        let check = "client_connection_check_interval";
        let with_check = self.check_interval_supported.load(Ordering::Relaxed) && !has(&params, check);
        if with_check {
            params.push((check.into(), CONNECTION_CHECK_INTERVAL_MS.into()));
        }
        let timeout = self.config.connect_timeout;
        let mut result = self.upstream.connect(&params, Some(password), timeout).await;
        if with_check {
            if let Err(ConnectError::Db(e)) = &result {
                // PostgreSQL before 14: "unrecognized configuration parameter"
                if e.code() == "42704" && e.message().contains(check) {
                    self.check_interval_supported.store(false, Ordering::Relaxed);
                    params.retain(|(k, _)| k != check);
                    result = self.upstream.connect(&params, Some(password), timeout).await;
                }
            }
        }
        let startup = result?;
        if startup.trusted && !self.config.allow_trust {
            if !self.trust_reported.swap(true, Ordering::Relaxed) {
                eprintln!("edgepg-gateway: {}", ConnectError::trust_message(&user));
            }
            return Err(ConnectError::Trust { user });
        }
        Ok((startup, permit))
    }

    /// A hold on `user`'s role entry (created on first use).
    fn role(&self, user: &str) -> RoleHandle {
        let key = role_key(user).to_string();
        let role =
            {
                let mut map = self.caps.roles.lock().unwrap_or_else(|e| e.into_inner());
                let max = self.config.max_per_user;
                Arc::clone(map.entry(key.clone()).or_insert_with(|| {
                    Arc::new(Role { sem: Arc::new(Semaphore::new(max)), waiting: AtomicUsize::new(0) })
                }))
            };
        RoleHandle { caps: Arc::clone(&self.caps), key, role }
    }

    /// Both places at once, if free.
    fn try_permit(&self, role: &RoleHandle) -> Option<(OwnedSemaphorePermit, OwnedSemaphorePermit)> {
        let user = Arc::clone(&role.role.sem).try_acquire_owned().ok()?;
        let global = Arc::clone(&self.caps.global).try_acquire_owned().ok()?;
        Some((user, global))
    }

    /// A place under the caps for one more session of `user`: at once if there is room or an
    /// idle session can be closed to make it, else after waiting in the queue.
    async fn permit(&self, user: &str) -> Result<SessionPermit, ConnectError> {
        let caps = &self.caps;
        let role = self.role(user);
        let mut free = self.try_permit(&role);
        if free.is_none() {
            // idle sessions holding the full cap's places are closed to make room
            if role.role.sem.available_permits() == 0 {
                self.close_oldest_idle(Some(user));
            }
            if caps.global.available_permits() == 0 {
                self.close_oldest_idle(None);
            }
            free = self.try_permit(&role);
        }
        if let Some((user_permit, global)) = free {
            return Ok(SessionPermit { _user: user_permit, _global: global, role });
        }
        let _queued = Waiting::enter(&caps.queued);
        if caps.queued.load(Ordering::SeqCst) > self.config.max_queued {
            return Err(ConnectError::Busy(format!(
                "edgepg-gateway is busy: {} requests are already waiting for a PostgreSQL session (raise --max-queued \
                 or --max-sessions)",
                self.config.max_queued
            )));
        }
        let deadline = Instant::now() + self.config.queue_timeout;
        let user_permit = {
            let _waiting = Waiting::enter(&role.role.waiting);
            self.wait(&role.role.sem, Some(user), deadline).await
        };
        let Some(user_permit) = user_permit else {
            return Err(self.busy(&format!(
                "all {} PostgreSQL sessions allowed for user '{}' are in use (raise --max-sessions-per-user)",
                self.config.max_per_user,
                role_key(user)
            )));
        };
        let global = {
            let _waiting = Waiting::enter(&caps.waiting_global);
            self.wait(&caps.global, None, deadline).await
        };
        match global {
            Some(global) => Ok(SessionPermit { _user: user_permit, _global: global, role }),
            None => Err(self.busy(&format!(
                "all {} PostgreSQL sessions of the gateway are in use (raise --max-sessions)",
                self.config.max_sessions
            ))),
        }
    }

    fn busy(&self, what: &str) -> ConnectError {
        let waited = self.config.queue_timeout.as_secs_f64();
        ConnectError::Busy(format!("edgepg-gateway is busy: {what}; waited {waited} s"))
    }

    /// Waits for a permit of `sem` until `deadline`, closing idle sessions (of `user`, or any)
    /// whenever the semaphore is empty. The wait keeps its place in the semaphore's queue (first
    /// come, first served) while it checks for idle sessions every 100 ms.
    async fn wait(&self, sem: &Arc<Semaphore>, user: Option<&str>, deadline: Instant) -> Option<OwnedSemaphorePermit> {
        let acquire = Arc::clone(sem).acquire_owned();
        tokio::pin!(acquire);
        loop {
            if sem.available_permits() == 0 {
                self.close_oldest_idle(user);
            }
            let now = Instant::now();
            if now >= deadline {
                return None;
            }
            let step = (deadline - now).min(Duration::from_millis(100));
            tokio::select! {
                permit = &mut acquire => return permit.ok(),
                _ = tokio::time::sleep(step) => {}
            }
        }
    }

    /// Closes the idle session (of `user`, or of anyone) that has been idle longest.
    fn close_oldest_idle(&self, user: Option<&str>) {
        let victim = {
            let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
            let oldest = idle
                .iter()
                .filter(|(k, _)| user.is_none_or(|u| role_key(&k.user) == role_key(u)))
                .filter_map(|(k, list)| list.first().map(|i| (k.clone(), i.since)))
                .min_by_key(|(_, since)| *since)
                .map(|(k, _)| k);
            oldest.and_then(|k| {
                let list = idle.get_mut(&k)?;
                let victim = list.remove(0);
                if list.is_empty() {
                    idle.remove(&k);
                }
                Some(victim)
            })
        };
        drop(victim);
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

    /// Returns a session after a request. Non-idle or broken sessions are closed, and so is
    /// every session while others wait for room. An idle one whose reset was sent behind its
    /// last statement ([`PgConn::reset_after_next`]) is pooled at once, its reset's answer read
    /// when it is next taken; any other idle one is reset (`DISCARD ALL`) in the background
    /// first. Up to the per-key cap.
    pub fn put_back(self: &Arc<Self>, key: PoolKey, session: Pooled) {
        let Pooled { mut conn, permit } = session;
        if !conn.is_reusable() || self.wanted(&permit) {
            return;
        }
        if conn.reset_pending() {
            self.keep_idle(key, conn, permit);
            return;
        }
        let pool = Arc::clone(self);
        tokio::spawn(async move {
            let reset = tokio::time::timeout(Duration::from_secs(10), conn.simple_query(super::conn::RESET)).await;
            if matches!(reset, Ok(Ok(()))) && conn.is_reusable() && !pool.wanted(&permit) {
                pool.keep_idle(key, conn, permit);
            }
        });
    }

    /// Someone waits for a place this session holds: it is closed rather than kept idle.
    fn wanted(&self, permit: &SessionPermit) -> bool {
        self.caps.waiting_global.load(Ordering::SeqCst) > 0 || permit.role.role.waiting.load(Ordering::SeqCst) > 0
    }

    fn keep_idle(&self, key: PoolKey, conn: PgConn, permit: SessionPermit) {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        let list = idle.entry(key).or_default();
        if list.len() < self.config.max_idle_per_key {
            list.push(Idle { conn, permit, since: Instant::now() });
        }
    }

    /// Closes idle sessions past the idle timeout.
    pub fn reap(&self) {
        let timeout = self.config.idle_timeout;
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        idle.retain(|_, list| {
            list.retain_mut(|i| {
                i.since.elapsed() < timeout && i.conn.try_finish_reset() != Some(false) && i.conn.is_alive()
            });
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(max_sessions: usize) -> Arc<Pool> {
        let config = PoolConfig { max_sessions, queue_timeout: Duration::from_secs(30), ..PoolConfig::default() };
        Pool::new(Upstream { host: "127.0.0.1".into(), port: 1 }, config)
    }

    fn roles(p: &Pool) -> Vec<String> {
        let mut r: Vec<String> = p.caps.roles.lock().unwrap().keys().cloned().collect();
        r.sort();
        r
    }

    #[tokio::test]
    async fn role_entries_live_only_while_held_or_awaited_even_when_a_waiter_gives_up() {
        let p = pool(1);
        let held = p.permit("alice").await.unwrap();
        assert_eq!(roles(&p), ["alice"]);
        // 50 callers with made-up names wait for the one place and give up (a client that went
        // away: the future is dropped)
        for i in 0..50 {
            let waiting = tokio::time::timeout(Duration::from_millis(5), p.permit(&format!("made-up-{i}"))).await;
            assert!(waiting.is_err());
        }
        assert_eq!(roles(&p), ["alice"], "no entry left behind");
        assert_eq!(p.caps.queued.load(Ordering::SeqCst), 0);
        drop(held);
        assert!(roles(&p).is_empty());
        // a name is PostgreSQL's: 63 bytes
        let long = "é".repeat(40);
        let a = p.permit(&long).await.unwrap();
        assert_eq!(roles(&p), [role_key(&long).to_string()]);
        assert_eq!(role_key(&long).len(), 62);
        drop(a);
    }

    #[tokio::test]
    async fn waiters_are_served_first_come_first_served() {
        let p = pool(1);
        let held = p.permit("a").await.unwrap();
        let order = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        for i in 0..4 {
            let (p, order) = (Arc::clone(&p), Arc::clone(&order));
            tasks.push(tokio::spawn(async move {
                let permit = p.permit(&format!("w{i}")).await.unwrap();
                order.lock().unwrap().push(i);
                // hold it across a few of the waiters' 100 ms checks
                tokio::time::sleep(Duration::from_millis(150)).await;
                drop(permit);
            }));
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        drop(held);
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(*order.lock().unwrap(), [0, 1, 2, 3]);
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once_and_a_freed_place_is_handed_over() {
        let p = Arc::new(Pool::new(
            Upstream { host: "127.0.0.1".into(), port: 1 },
            PoolConfig {
                max_sessions: 1,
                max_queued: 1,
                queue_timeout: Duration::from_secs(5),
                ..PoolConfig::default()
            },
        ));
        let held = p.permit("a").await.unwrap();
        let waiter = {
            let p = Arc::clone(&p);
            tokio::spawn(async move { p.permit("b").await.map(|_| ()) })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let refused = p.permit("c").await.err().expect("the queue is full");
        assert!(refused.to_string().contains("1 requests are already waiting"), "{refused}");
        drop(held);
        waiter.await.unwrap().expect("handed the freed place");
    }
}
