//! `--embedded DIR`: a private PostgreSQL cluster for development and tests.
//!
//! Layout: `DIR/pgdata` (the cluster), `DIR/password` (the generated password of role
//! `postgres`, mode 0600), `DIR/postgres.log`. The cluster is created once (initdb with
//! scram-sha-256 host authentication, `TimeZone=UTC`, `IntervalStyle=postgres`, loopback only,
//! no Unix socket) and reused afterwards with its saved password. It is started on a free
//! loopback port and stopped (`pg_ctl -m fast stop`) when the gateway exits.
//!
//! PostgreSQL refuses to run as root, so as root every PostgreSQL binary runs through
//! `runuser -u postgres --` and DIR is handed to the `postgres` user (PostgreSQL refuses to run as root).

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::util;

/// Settings appended to `postgresql.conf` by initdb time.
const CONFIG: &str = "
# --- added by edgepg-gateway ---
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
timezone = 'UTC'
log_timezone = 'UTC'
intervalstyle = 'postgres'
datestyle = 'ISO, MDY'
password_encryption = 'scram-sha-256'
max_connections = 200
# A throwaway development cluster: trade durability for speed.
fsync = off
synchronous_commit = off
full_page_writes = off
";

/// A running private cluster.
pub struct Embedded {
    data_dir: PathBuf,
    bin_dir: PathBuf,
    run_as_postgres: bool,
    /// Started by this process, hence stopped by it.
    owned: bool,
    /// TCP port on 127.0.0.1.
    pub port: u16,
    /// Password of role `postgres`.
    pub password: String,
}

impl Embedded {
    /// Creates (if needed) and starts the cluster in `dir`.
    pub fn start(dir: &Path) -> Result<Embedded, String> {
        let bin_dir = find_bin_dir()?;
        let run_as_postgres = is_root();
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let dir = dir.canonicalize().map_err(|e| format!("{}: {e}", dir.display()))?;
        let ids = if run_as_postgres { Some(postgres_ids()?) } else { None };
        if let Some((uid, gid)) = ids {
            std::os::unix::fs::chown(&dir, Some(uid), Some(gid))
                .map_err(|e| format!("cannot hand {} to the postgres user: {e}", dir.display()))?;
        }
        let mut e = Embedded {
            data_dir: dir.join("pgdata"),
            bin_dir,
            run_as_postgres,
            owned: false,
            port: 0,
            password: String::new(),
        };
        if run_as_postgres {
            let ok = e.run_cmd(Path::new("test"), &["-w".into(), dir.clone().into()], &dir).map(|o| o.status.success());
            if ok != Ok(true) {
                return Err(format!(
                    "the postgres user cannot write to {} (is a parent directory private?); use a directory under /tmp",
                    dir.display()
                ));
            }
        }
        let password_file = dir.join("password");
        if e.data_dir.join("PG_VERSION").exists() {
            e.password = fs::read_to_string(&password_file)
                .map_err(|err| {
                    format!("{} exists but {} cannot be read: {err}", e.data_dir.display(), password_file.display())
                })?
                .trim()
                .to_string();
        } else {
            let bytes =
                util::random_bytes::<16>().map_err(|m| format!("cannot generate the cluster's password: {m}"))?;
            e.password = util::hex(&bytes);
            write_secret(&password_file, &e.password, ids)?;
            e.initdb(&dir, &password_file)?;
        }
        if let Some(port) = e.running_port(&dir) {
            eprintln!(
                "edgepg-gateway: reusing the PostgreSQL already running in {} on port {port} (it will be left running)",
                e.data_dir.display()
            );
            e.port = port;
            return Ok(e);
        }
        let log = dir.join("postgres.log");
        let mut last_error = String::new();
        for _ in 0..3 {
            let port = free_port()?;
            let args: Vec<OsString> = vec![
                "-D".into(),
                e.data_dir.clone().into(),
                "-l".into(),
                log.clone().into(),
                "-w".into(),
                "-t".into(),
                "60".into(),
                "-o".into(),
                format!("-p {port}").into(),
                "start".into(),
            ];
            let out = e.run_cmd(&e.bin_dir.join("pg_ctl"), &args, &dir)?;
            if out.status.success() {
                e.port = port;
                e.owned = true;
                return Ok(e);
            }
            last_error = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        }
        let tail = fs::read_to_string(&log).unwrap_or_default();
        let tail: Vec<&str> = tail.lines().rev().take(10).collect();
        Err(format!(
            "could not start PostgreSQL: {}\n{}",
            last_error.trim(),
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ))
    }

    fn initdb(&self, dir: &Path, password_file: &Path) -> Result<(), String> {
        let args: Vec<OsString> = vec![
            "-D".into(),
            self.data_dir.clone().into(),
            "-U".into(),
            "postgres".into(),
            format!("--pwfile={}", password_file.display()).into(),
            "--auth=scram-sha-256".into(),
            "-E".into(),
            "UTF8".into(),
            "--no-locale".into(),
            "--no-sync".into(),
        ];
        let out = self.run_cmd(&self.bin_dir.join("initdb"), &args, dir)?;
        if !out.status.success() {
            return Err(format!(
                "initdb failed:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let conf = self.data_dir.join("postgresql.conf");
        let mut f = fs::OpenOptions::new().append(true).open(&conf).map_err(|e| format!("{}: {e}", conf.display()))?;
        f.write_all(CONFIG.as_bytes()).map_err(|e| format!("{}: {e}", conf.display()))
    }

    /// The port of a postmaster already running on this data directory, if any.
    fn running_port(&self, dir: &Path) -> Option<u16> {
        let pid_file = fs::read_to_string(self.data_dir.join("postmaster.pid")).ok()?;
        let args: Vec<OsString> = vec!["-D".into(), self.data_dir.clone().into(), "status".into()];
        let out = self.run_cmd(&self.bin_dir.join("pg_ctl"), &args, dir).ok()?;
        if !out.status.success() {
            return None;
        }
        pid_file.lines().nth(3)?.trim().parse().ok()
    }

    /// Stops the cluster if this process started it (idempotent).
    pub fn stop(&mut self) {
        if !self.owned {
            return;
        }
        self.owned = false;
        let args: Vec<OsString> =
            vec!["-D".into(), self.data_dir.clone().into(), "-m".into(), "fast".into(), "-w".into(), "stop".into()];
        let dir = self.data_dir.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("/"));
        match self.run_cmd(&self.bin_dir.join("pg_ctl"), &args, &dir) {
            Ok(out) if out.status.success() => {}
            Ok(out) => eprintln!("edgepg-gateway: pg_ctl stop failed: {}", String::from_utf8_lossy(&out.stderr).trim()),
            Err(e) => eprintln!("edgepg-gateway: pg_ctl stop failed: {e}"),
        }
    }

    fn run_cmd(&self, program: &Path, args: &[OsString], cwd: &Path) -> Result<Output, String> {
        let mut cmd = if self.run_as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        cmd.args(args).current_dir(cwd).stdin(Stdio::null()).env("LC_ALL", "C");
        cmd.output().map_err(|e| format!("cannot run {}: {e}", program.display()))
    }
}

impl Drop for Embedded {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A directory holding `initdb`, `pg_ctl` and `postgres`: from PATH, else the newest
/// `/usr/lib/postgresql/*/bin`.
fn find_bin_dir() -> Result<PathBuf, String> {
    let has_all = |d: &Path| ["initdb", "pg_ctl", "postgres"].iter().all(|b| d.join(b).is_file());
    if let Some(path) = std::env::var_os("PATH") {
        for d in std::env::split_paths(&path) {
            if has_all(&d) {
                return Ok(d);
            }
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, d)| has_all(d))
        .collect();
    versions.sort();
    versions.pop().map(|(_, d)| d).ok_or_else(|| {
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in PATH or /usr/lib/postgresql/*/bin".into()
    })
}

fn is_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("Uid:")).map(|l| l.split_whitespace().nth(2) == Some("0")))
        .unwrap_or(false)
}

/// uid and gid of the `postgres` user, from /etc/passwd.
fn postgres_ids() -> Result<(u32, u32), String> {
    let passwd = fs::read_to_string("/etc/passwd").map_err(|e| format!("/etc/passwd: {e}"))?;
    passwd
        .lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.first() == Some(&"postgres") && f.len() > 3).then(|| Some((f[2].parse().ok()?, f[3].parse().ok()?)))?
        })
        .ok_or_else(|| "running as root needs a 'postgres' user to run PostgreSQL (PostgreSQL refuses root)".into())
}

/// Writes a secret readable by its owner only, from the moment the file exists.
fn write_secret(path: &Path, secret: &str, owner: Option<(u32, u32)>) -> Result<(), String> {
    let err = |e: std::io::Error| format!("{}: {e}", path.display());
    crate::ready::write_private(path, &format!("{secret}\n")).map_err(|e| format!("{}: {e}", path.display()))?;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600)).map_err(err)?;
    if let Some((uid, gid)) = owner {
        std::os::unix::fs::chown(path, Some(uid), Some(gid)).map_err(err)?;
    }
    Ok(())
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| format!("cannot find a free port: {e}"))?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}
