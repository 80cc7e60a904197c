//! The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) with a cache of salted passwords.
//!
//! Every session the gateway opens is authenticated anew, and a WebSocket always opens one:
//! PBKDF2 with PostgreSQL's 4096 iterations is most of the gateway's CPU for a new session (as
//! `postgres_protocol`'s client computes it each time). The salted password depends only on the
//! password, the role's salt and the iteration count, so it is kept (like Neon's proxy keeps
//! SCRAM keys), once the server has proven it knows the same password, under a hash of the
//! password: a session of a role already seen costs a few HMACs. Everything else follows
//! `postgres_protocol::authentication::sasl::ScramSha256`, without channel binding (the gateway
//! reaches PostgreSQL over plain TCP).

use std::collections::HashMap;
use std::io;
use std::sync::{Mutex, OnceLock};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// Largest iteration count accepted from a server (as `postgres_protocol`).
const MAX_ITERATIONS: u32 = 100_000;
/// Salted passwords kept; the cache starts over when full.
const CACHE_ENTRIES: usize = 1024;
/// `n,,`: no channel binding, no authorization identity.
const GS2_HEADER: &str = "n,,";

/// (SHA-256 of the normalized password, salt, iterations): a fixed-size key that does not keep
/// the password itself.
type Key = ([u8; 32], Vec<u8>, u32);

fn cache() -> &'static Mutex<HashMap<Key, [u8; 32]>> {
    static CACHE: OnceLock<Mutex<HashMap<Key, [u8; 32]>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// HMAC-SHA256 keyed with `key`.
fn mac(key: &[u8]) -> Hmac<Sha256> {
    // any key length is valid for HMAC
    <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap_or_else(|_| unreachable!())
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = mac(key);
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

/// PBKDF2-HMAC-SHA256 with one block: `Hi()` of RFC 5802.
fn hi(password: &[u8], salt: &[u8], iterations: u32) -> [u8; 32] {
    let keyed = mac(password);
    let mut mac = keyed.clone();
    mac.update(salt);
    mac.update(&[0, 0, 0, 1]);
    let mut prev: [u8; 32] = mac.finalize().into_bytes().into();
    let mut out = prev;
    for _ in 1..iterations {
        let mut mac = keyed.clone();
        mac.update(&prev);
        prev = mac.finalize().into_bytes().into();
        for (o, p) in out.iter_mut().zip(prev) {
            *o ^= p;
        }
    }
    out
}

/// The salted password from the cache, or computed; `Some(key)` when it was computed, to be kept
/// once the server has shown it knows the same password ([`Scram::finish`]): wrong passwords
/// never fill the cache.
fn salted_password(password: &[u8], salt: &[u8], iterations: u32) -> ([u8; 32], Option<Key>) {
    let key = (Sha256::digest(password).into(), salt.to_vec(), iterations);
    if let Some(s) = cache().lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return (*s, None);
    }
    (hi(password, salt, iterations), Some(key))
}

fn remember(key: Key, salted: [u8; 32]) {
    let mut map = cache().lock().unwrap_or_else(|e| e.into_inner());
    if map.len() >= CACHE_ENTRIES {
        map.clear();
    }
    map.insert(key, salted);
}

/// SASLprep of the password when it is valid UTF-8 and prepares, else the bytes as they are
/// (what PostgreSQL's own verifiers do).
fn normalize(password: &[u8]) -> Vec<u8> {
    match std::str::from_utf8(password).ok().and_then(|s| stringprep::saslprep(s).ok()) {
        Some(p) => p.into_owned().into_bytes(),
        None => password.to_vec(),
    }
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, format!("SCRAM: {what}"))
}

enum State {
    First { nonce: String, password: Vec<u8>, bare: String },
    Final { salted: [u8; 32], auth_message: String, computed: Option<Key> },
    Done,
}

/// One SCRAM-SHA-256 exchange: [`message`](Self::message) for `SASLInitialResponse`, then
/// [`update`](Self::update) with `SASLContinue` and [`message`](Self::message) again for
/// `SASLResponse`, then [`finish`](Self::finish) with `SASLFinal`.
pub struct Scram {
    message: String,
    state: State,
    verified: bool,
}

impl Scram {
    /// Starts an exchange for `password` with a fresh random nonce.
    pub fn new(password: &[u8]) -> io::Result<Scram> {
        let mut raw = [0u8; 18];
        getrandom::fill(&mut raw).map_err(|e| io::Error::other(format!("random source: {e}")))?;
        Ok(Scram::with_nonce(password, "", STANDARD.encode(raw)))
    }

    fn with_nonce(password: &[u8], user: &str, nonce: String) -> Scram {
        let bare = format!("n={user},r={nonce}");
        Scram {
            message: format!("{GS2_HEADER}{bare}"),
            state: State::First { nonce, password: normalize(password), bare },
            verified: false,
        }
    }

    /// The message to send next.
    pub fn message(&self) -> &[u8] {
        self.message.as_bytes()
    }

    /// Takes the server-first-message (`r=…,s=…,i=…`) and prepares the client-final-message.
    pub fn update(&mut self, server_first: &[u8]) -> io::Result<()> {
        let State::First { nonce, password, bare } = std::mem::replace(&mut self.state, State::Done) else {
            return Err(invalid("unexpected SASLContinue"));
        };
        let text = std::str::from_utf8(server_first).map_err(|_| invalid("server-first-message is not UTF-8"))?;
        let (mut server_nonce, mut salt, mut iterations) = (None, None, None);
        for attr in text.split(',') {
            match attr.split_at_checked(2) {
                Some(("r=", v)) => server_nonce = Some(v),
                Some(("s=", v)) => salt = Some(STANDARD.decode(v).map_err(|_| invalid("salt is not base64"))?),
                Some(("i=", v)) => iterations = Some(v.parse::<u32>().map_err(|_| invalid("bad iteration count"))?),
                // a mandatory extension we do not know (RFC 5802 §5.1): the exchange must fail
                Some(("m=", _)) => return Err(invalid("unsupported mandatory extension")),
                _ => {}
            }
        }
        let (Some(server_nonce), Some(salt), Some(iterations)) = (server_nonce, salt, iterations) else {
            return Err(invalid("incomplete server-first-message"));
        };
        if !server_nonce.starts_with(&nonce) || server_nonce.len() == nonce.len() {
            return Err(invalid("invalid nonce"));
        }
        if iterations == 0 || iterations > MAX_ITERATIONS {
            return Err(invalid("iteration count out of range"));
        }
        let (salted, computed) = salted_password(&password, &salt, iterations);
        let client_key = hmac(&salted, &[b"Client Key"]);
        let stored_key: [u8; 32] = Sha256::digest(client_key).into();
        let without_proof = format!("c={},r={server_nonce}", STANDARD.encode(GS2_HEADER));
        let auth_message = format!("{bare},{text},{without_proof}");
        let signature = hmac(&stored_key, &[auth_message.as_bytes()]);
        let mut proof = client_key;
        for (p, s) in proof.iter_mut().zip(signature) {
            *p ^= s;
        }
        self.message = format!("{without_proof},p={}", STANDARD.encode(proof));
        self.state = State::Final { salted, auth_message, computed };
        Ok(())
    }

    /// Checks the server-final-message (`v=…`): the server knew the password too.
    pub fn finish(&mut self, server_final: &[u8]) -> io::Result<()> {
        let State::Final { salted, auth_message, computed } = std::mem::replace(&mut self.state, State::Done) else {
            return Err(invalid("unexpected SASLFinal"));
        };
        let text = std::str::from_utf8(server_final).map_err(|_| invalid("server-final-message is not UTF-8"))?;
        if let Some(e) = text.strip_prefix("e=") {
            return Err(invalid(&format!("server error {e}")));
        }
        let verifier = text.split(',').find_map(|a| a.strip_prefix("v=")).ok_or_else(|| invalid("no verifier"))?;
        let verifier = STANDARD.decode(verifier).map_err(|_| invalid("verifier is not base64"))?;
        let server_key = hmac(&salted, &[b"Server Key"]);
        let mut signature = mac(&server_key);
        signature.update(auth_message.as_bytes());
        signature.verify_slice(&verifier).map_err(|_| invalid("the server's signature does not match"))?;
        if let Some(key) = computed {
            remember(key, salted);
        }
        self.verified = true;
        Ok(())
    }

    /// True once [`finish`](Self::finish) checked the server's signature: an AuthenticationOk
    /// before that is a server that skipped the proof.
    pub fn verified(&self) -> bool {
        self.verified
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7677 §3's example exchange.
    #[test]
    fn rfc_7677_example() {
        let mut s = Scram::with_nonce(b"pencil", "user", "rOprNGfwEbeRWgbNEkqO".into());
        assert_eq!(s.message(), b"n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        s.update(b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096").unwrap();
        assert_eq!(
            std::str::from_utf8(s.message()).unwrap(),
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
        );
        assert!(!s.verified());
        s.finish(b"v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=").unwrap();
        assert!(s.verified());
        // and from the cache (kept once verified), the same
        let mut again = Scram::with_nonce(b"pencil", "user", "rOprNGfwEbeRWgbNEkqO".into());
        again
            .update(b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
            .unwrap();
        assert!(std::str::from_utf8(again.message())
            .unwrap()
            .ends_with("p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
    }

    #[test]
    fn bad_servers_are_errors() {
        let first = |m: &[u8]| Scram::with_nonce(b"pw", "", "abc".into()).update(m).map(|_| ());
        assert!(first(b"r=xyz,s=AAAA,i=4096").is_err(), "nonce must extend ours");
        assert!(first(b"r=abc,s=AAAA,i=4096").is_err(), "and add to it");
        assert!(first(b"r=abcd,s=!!,i=4096").is_err());
        assert!(first(b"r=abcd,s=AAAA,i=0").is_err());
        assert!(first(b"r=abcd,s=AAAA,i=1000000").is_err());
        assert!(first(b"r=abcd,s=AAAA").is_err());
        let mut s = Scram::with_nonce(b"pencil", "user", "rOprNGfwEbeRWgbNEkqO".into());
        s.update(b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096").unwrap();
        assert!(s.finish(b"v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").is_err(), "a forged server signature");
        assert!(Scram::with_nonce(b"pw", "", "abc".into()).finish(b"v=AAAA").is_err());
        assert!(first(b"r=abcd,s=AAAA,i=4096,m=ext").is_err(), "an unknown mandatory extension");
    }
}
