// The WebSocket transport adapter for the Postgres wire protocol (pgwire.js): neonConfig's
// `webSocketConstructor`, `wsProxy` and `useSecureWebSocket` decide the socket
// (`docs/protocol.md` §5.1). Binary messages carry the protocol's bytes; their boundaries mean
// nothing.
import { connectError, failure } from './pgwire.js';

/** The WebSocket URL for `host:port` under `config` (`docs/protocol.md` §5.1). */
function wsUrl(config, host, port) {
  const proxy = config.wsProxy;
  const target = typeof proxy === 'function' ? proxy(host, port) : `${proxy}?address=${host}:${port}`;
  if (typeof target !== 'string' || target === '') throw connectError('neonConfig.wsProxy must give a URL without its scheme');
  return `${config.useSecureWebSocket ? 'wss' : 'ws'}://${target}`;
}

function openSocket(config, url) {
  const Ctor = config.webSocketConstructor ?? globalThis.WebSocket;
  if (typeof Ctor !== 'function') {
    throw connectError('no WebSocket constructor: this runtime has no global WebSocket (Node 20): set ' +
      "neonConfig.webSocketConstructor = ws (import ws from 'ws'), or pass { ws } to drizzle()");
  }
  const ws = new Ctor(url);
  ws.binaryType = 'arraybuffer';
  return ws;
}

/** The WebSocket transport for `host:port` under `config` (neonConfig merged with a client's
 * options); a bad `wsProxy` fails here, before anything opens. */
export function webSocketTransport(config) {
  return (host, port) => {
    const url = wsUrl(config, host, port);
    return {
      url,
      open(handlers) {
        const ws = openSocket(config, url);
        let blobs;
        const receive = (data) => {
          if (typeof Blob !== 'undefined' && data instanceof Blob) {
            // keep the order of messages: each Blob is read after the one before it
            blobs = (blobs ?? Promise.resolve()).then(() => data.arrayBuffer()).then(receive);
            return;
          }
          if (typeof data === 'string') {
            handlers.fail(failure({ kind: 'protocol', message: 'the server sent a text message on the WebSocket' }), true);
            return;
          }
          handlers.data(data instanceof Uint8Array ? data : new Uint8Array(data));
        };
        ws.onopen = () => handlers.open();
        ws.onmessage = (ev) => receive(ev.data);
        ws.onerror = (ev) => {
          const detail = ev?.message ?? ev?.error?.message;
          handlers.fail(connectError(`the WebSocket to ${url} failed${detail ? `: ${detail}` : ''}`), false);
        };
        ws.onclose = (ev) => {
          handlers.fail(connectError(`Connection terminated unexpectedly${ev?.code ? ` (WebSocket close ${ev.code}${ev.reason ? ` ${ev.reason}` : ''})` : ''}`), false);
        };
        return ws;
      },
      cancel(bytes) {
        try {
          const ws = openSocket(config, url);
          ws.onopen = () => {
            ws.send(bytes);
            setTimeout(() => ws.close(), 50);
          };
          ws.onerror = () => {};
        } catch {
          // best effort
        }
      },
    };
  };
}
