//! The WebSocket driver's sans-IO wire core (`edgepg::driver::pgwire`) against real
//! PostgreSQL: through the gateway's WebSocket (pipelined cleartext, as Neon's proxy asks) and
//! directly over TCP (SCRAM-SHA-256, as plain PostgreSQL asks).

mod common;

use common::ws::WsPg;
use common::{fresh_database, gateway};
use edgepg::driver::pgwire::{Connection, Event, Pipeline, Startup};
use edgepg::{Error, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn startup(conn: &str, password: Option<&str>) -> Startup {
    let (userinfo, rest) = conn.trim_start_matches("postgresql://").split_once('@').expect("userinfo");
    let (user, pw) = userinfo.split_once(':').expect("password");
    Startup {
        user: user.into(),
        password: password.unwrap_or(pw).into(),
        database: rest.rsplit('/').next().expect("database").into(),
        application_name: Some("edgepg-ws-test".into()),
        params: vec![],
    }
}

/// Reads frames until `n` statements (and the connection's readiness, if pending) are done.
async fn results(
    ws: &mut WsPg,
    c: &mut Connection,
    mut n: usize,
    mut ready: bool,
) -> Result<Vec<edgepg::Result<edgepg::driver::QueryResult>>, Error> {
    let mut out = vec![];
    while n > 0 || !ready {
        let Some(frame) = ws.recv_frame().await else {
            out.extend(c.closed("the server closed the socket").into_iter().map(|e| match e {
                Event::Done(r) => r,
                _ => unreachable!(),
            }));
            return Ok(out);
        };
        let (events, answer) = c.feed(&frame)?;
        assert!(answer.is_empty(), "a pipelined connection has nothing to answer");
        for e in events {
            match e {
                Event::Ready => ready = true,
                Event::Done(r) => {
                    out.push(r);
                    n -= 1;
                }
                Event::DoneAll(_) => unreachable!("no simple queries here"),
            }
        }
    }
    Ok(out)
}

#[tokio::test]
async fn pipelined_connect_and_first_query_leave_in_one_frame() {
    let gw = gateway();
    let conn = fresh_database(gw, "ws_wire").await;
    let mut ws = WsPg::connect(gw).await;
    let (mut c, mut first) = Connection::new(startup(&conn, None), Pipeline::Password).unwrap();
    first.extend(
        c.query("select $1::int + 1 as n, $2::text as t, null::text as z", &[Some("41".into()), Some("é".into())])
            .unwrap(),
    );
    ws.send(&first).await;
    let r = results(&mut ws, &mut c, 1, false).await.unwrap();
    let r = r[0].as_ref().unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(42), Value::Text("é".into()), Value::Null]]);
    assert_eq!(r.fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["n", "t", "z"]);
    assert_eq!((r.command.as_str(), r.row_count), ("SELECT", Some(1)));
    assert_eq!(ws.frames_sent, 1, "startup + password + first query: one flight");
    assert_eq!(c.parameter("application_name"), Some("edgepg-ws-test"));
    assert_eq!(c.auth_method(), "cleartext");

    // a transaction: begin rides with its first statement; a unique violation keeps every
    // field, fails the transaction, and the connection stays usable after rollback
    let mut flight = c.query("begin", &[]).unwrap();
    flight.extend(c.query("create table t (id int primary key)", &[]).unwrap());
    flight.extend(c.query("insert into t values ($1), ($1)", &[Some("1".into())]).unwrap());
    ws.send(&flight).await;
    let r = results(&mut ws, &mut c, 3, true).await.unwrap();
    assert_eq!(r[0].as_ref().unwrap().command, "BEGIN");
    let Err(Error::Database(e)) = &r[2] else { panic!("{:?}", r[2]) };
    assert_eq!(
        (e.code.as_deref(), e.constraint.as_deref(), e.table.as_deref()),
        (Some("23505"), Some("t_pkey"), Some("t"))
    );
    assert!(e.detail.as_deref().is_some_and(|d| d.contains("(id)=(1)")), "{e:?}");
    assert_eq!(c.transaction_status(), b'E');
    let q = c.query("rollback", &[]).unwrap();
    ws.send(&q).await;
    results(&mut ws, &mut c, 1, true).await.unwrap()[0].as_ref().unwrap();
    assert_eq!(c.transaction_status(), b'I');
    let q = c.query("select to_regclass('t') is null as gone", &[]).unwrap();
    ws.send(&q).await;
    let r = results(&mut ws, &mut c, 1, true).await.unwrap();
    assert_eq!(r[0].as_ref().unwrap().rows, vec![vec![Value::Bool(true)]], "the rolled-back table is gone");
    ws.send(&c.terminate()).await;
}

#[tokio::test]
async fn a_wrong_password_is_a_clear_error_and_what_was_queued_fails() {
    let gw = gateway();
    let mut ws = WsPg::connect(gw).await;
    let (mut c, mut first) =
        Connection::new(startup(&gw.connection_string, Some("wrong")), Pipeline::Password).unwrap();
    first.extend(c.query("select 1", &[]).unwrap());
    ws.send(&first).await;
    let err = loop {
        let frame = ws.recv_frame().await.expect("an error before the close");
        if let Err(e) = c.feed(&frame) {
            break e;
        }
    };
    assert!(err.to_string().contains("password authentication failed"), "{err}");
    let queued = c.closed("closed after the error");
    assert!(matches!(&queued[..], [Event::Done(Err(Error::Connect(_)))]), "{queued:?}");
}

/// SCRAM-SHA-256 for real: the same core over a TCP socket straight to PostgreSQL, with
/// pipelining off (the server chooses the method).
#[tokio::test]
async fn scram_against_plain_postgresql() {
    let gw = gateway();
    let direct = gw.postgres.clone();
    let hostport = direct
        .trim_start_matches("postgresql://")
        .split_once('@')
        .expect("@")
        .1
        .split('/')
        .next()
        .expect("host")
        .to_string();
    let mut tcp = tokio::net::TcpStream::connect(&hostport).await.expect("tcp to PostgreSQL");
    let (mut c, first) = Connection::new(startup(&direct, None), Pipeline::Off).unwrap();
    tcp.write_all(&first).await.unwrap();
    let mut buf = vec![0u8; 8192];
    let mut ready = false;
    while !ready {
        let n = tcp.read(&mut buf).await.unwrap();
        assert!(n > 0, "PostgreSQL closed the connection");
        let (events, answer) = c.feed(&buf[..n]).unwrap();
        tcp.write_all(&answer).await.unwrap();
        ready = events.iter().any(|e| matches!(e, Event::Ready));
    }
    assert_eq!(c.auth_method(), "scram-sha-256");
    let q = c.query("select current_user as u", &[]).unwrap();
    tcp.write_all(&q).await.unwrap();
    let mut done = None;
    while done.is_none() {
        let n = tcp.read(&mut buf).await.unwrap();
        let (events, _) = c.feed(&buf[..n]).unwrap();
        done = events.into_iter().find_map(|e| match e {
            Event::Done(r) => Some(r),
            _ => None,
        });
    }
    let r = done.unwrap().unwrap();
    assert_eq!(r.rows[0][0], Value::Text(startup(&direct, None).user));
}
