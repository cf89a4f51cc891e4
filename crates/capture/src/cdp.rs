//! A second DevTools connection to the browser that speaks to any target session by id.
//!
//! The browser-driving library attaches to pages only; cross-site iframes run in their own
//! process (site isolation) as separate targets, reachable only through their own session.
//! This connection attaches to each tab itself, asks to be told about every child target
//! (iframes, workers) before it runs, and instruments each one before letting it go.

use std::collections::HashMap;
use std::time::Duration;

use chromiumoxide::cdp::browser_protocol::target::SessionId;
use chromiumoxide::types::{EventMessage, Message, Method, MethodId};
use chromiumoxide::{Command, Connection};
use futures::StreamExt;
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use crate::error::CaptureError;

/// Longest wait for any one command, so an unresponsive browser cannot stall a run.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(10);

/// An event from any session of this connection.
#[derive(Debug, Deserialize)]
pub(crate) struct Event {
    pub method: MethodId,
    /// The session that sent it; `None` for the browser itself.
    #[serde(rename = "sessionId", default)]
    pub session: Option<String>,
    #[serde(default)]
    pub params: Value,
}

impl Method for Event {
    fn identifier(&self) -> MethodId {
        self.method.clone()
    }
}

impl EventMessage for Event {
    fn session_id(&self) -> Option<&str> {
        self.session.as_deref()
    }
}

type Reply = oneshot::Sender<Result<Value, String>>;

struct Outgoing {
    method: MethodId,
    session: Option<String>,
    params: Value,
    reply: Option<Reply>,
}

/// Sends commands; cheap to clone. The connection closes when the browser goes away.
#[derive(Clone)]
pub(crate) struct Cdp {
    outgoing: mpsc::UnboundedSender<Outgoing>,
}

/// The task that owns the socket; stopped when dropped.
pub(crate) struct Driver(JoinHandle<()>);

impl Drop for Driver {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Cdp {
    /// Connect to the browser's DevTools address; events arrive on the returned receiver.
    pub async fn connect(
        address: &str,
    ) -> Result<(Cdp, mpsc::UnboundedReceiver<Event>, Driver), CaptureError> {
        let connection = Connection::<Event>::connect(address)
            .await
            .map_err(CaptureError::protocol)?;
        let (outgoing, commands) = mpsc::unbounded_channel();
        let (events_tx, events) = mpsc::unbounded_channel();
        let driver = tokio::spawn(drive(connection, commands, events_tx));
        Ok((Cdp { outgoing }, events, Driver(driver)))
    }

    /// Send `command` to `session` (the browser when `None`) and wait for its answer.
    pub async fn call<C: Command>(
        &self,
        session: Option<&str>,
        command: C,
    ) -> Result<C::Response, CaptureError> {
        let method = command.identifier();
        let params = serde_json::to_value(&command).map_err(CaptureError::protocol)?;
        let (reply, answer) = oneshot::channel();
        self.outgoing
            .send(Outgoing {
                method: method.clone(),
                session: session.map(str::to_string),
                params,
                reply: Some(reply),
            })
            .map_err(|_| CaptureError::BrowserClosed("the DevTools connection closed".into()))?;
        let value = match tokio::time::timeout(COMMAND_TIMEOUT, answer).await {
            Err(_) => {
                return Err(CaptureError::Protocol(format!(
                    "{method}: no answer within {} s",
                    COMMAND_TIMEOUT.as_secs()
                )))
            }
            Ok(Err(_)) => {
                return Err(CaptureError::BrowserClosed(
                    "the DevTools connection closed".into(),
                ))
            }
            Ok(Ok(Err(message))) => {
                return Err(CaptureError::protocol(format!("{method}: {message}")))
            }
            Ok(Ok(Ok(value))) => value,
        };
        serde_json::from_value(value).map_err(|e| CaptureError::Protocol(format!("{method}: {e}")))
    }

    /// Send without waiting for the answer (answers to intercepted requests, resuming).
    pub fn send<C: Command>(&self, session: Option<&str>, command: C) {
        if let Ok(params) = serde_json::to_value(&command) {
            let _ = self.outgoing.send(Outgoing {
                method: command.identifier(),
                session: session.map(str::to_string),
                params,
                reply: None,
            });
        }
    }
}

async fn drive(
    mut connection: Connection<Event>,
    mut commands: mpsc::UnboundedReceiver<Outgoing>,
    events: mpsc::UnboundedSender<Event>,
) {
    let mut waiting: HashMap<chromiumoxide::types::CallId, Reply> = HashMap::new();
    loop {
        tokio::select! {
            command = commands.recv() => {
                let Some(command) = command else { return };
                let session = command.session.map(SessionId::from);
                match connection.submit_command(command.method, session, command.params) {
                    Ok(id) => {
                        if let Some(reply) = command.reply {
                            waiting.insert(id, reply);
                        }
                    }
                    Err(e) => {
                        if let Some(reply) = command.reply {
                            let _ = reply.send(Err(e.to_string()));
                        }
                    }
                }
            }
            message = connection.next() => match message {
                None => return,
                Some(Ok(Message::Response(response))) => {
                    if let Some(reply) = waiting.remove(&response.id) {
                        let _ = reply.send(match (response.result, response.error) {
                            (_, Some(error)) => Err(error.message),
                            (result, None) => Ok(result.unwrap_or(Value::Null)),
                        });
                    }
                }
                Some(Ok(Message::Event(event))) => {
                    let _ = events.send(event);
                }
                // One unreadable message; the connection itself is still fine.
                Some(Err(chromiumoxide::error::CdpError::InvalidMessage(..))) => {}
                Some(Err(_)) => return,
            },
        }
    }
}
