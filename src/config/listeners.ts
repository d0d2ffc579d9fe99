// listeners / advertised.listeners: "NAME://host:port,..." (host may be empty = all
// interfaces, IPv6 in brackets, port 0 = ephemeral), with the listener → security protocol map.
import { ConfigError, invalidValueMessage } from './config-def';

export interface Listener {
  /** Listener name, upper case (e.g. PLAINTEXT, CONTROLLER, INTERNAL). */
  name: string;
  /** Security protocol from listener.security.protocol.map (samsa serves PLAINTEXT only). */
  securityProtocol: string;
  /** '' means all interfaces. */
  host: string;
  port: number;
}

export const DEFAULT_PROTOCOL_MAP = 'PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL';

export function parseProtocolMap(key: string, raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^:]+):([^:]+)$/.exec(part);
    if (!m) throw new ConfigError(invalidValueMessage(key, raw, `Map entry '${part}' is not of the form LISTENER:PROTOCOL`), key, raw);
    out.set(m[1].trim().toUpperCase(), m[2].trim().toUpperCase());
  }
  return out;
}

const LISTENER_RE = /^([A-Za-z0-9_.-]+):\/\/(\[[0-9a-fA-F:.%A-Za-z]*\]|[^:/\s[\]]*):(-?\d+)$/;

export function parseListeners(key: string, raw: string, protocolMap: Map<string, string>): Listener[] {
  const parts = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const out: Listener[] = [];
  for (const part of parts) {
    const m = LISTENER_RE.exec(part);
    if (!m) {
      throw new ConfigError(invalidValueMessage(key, raw,
        `'${part}' is not a listener of the form NAME://host:port`), key, raw);
    }
    const name = m[1].toUpperCase();
    let host = m[2];
    if (host.startsWith('[')) host = host.slice(1, -1);
    const port = Number(m[3]);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new ConfigError(invalidValueMessage(key, raw, `port ${m[3]} of listener ${name} is not in 0..65535`), key, raw);
    }
    const securityProtocol = protocolMap.get(name);
    if (!securityProtocol) {
      throw new ConfigError(invalidValueMessage(key, raw,
        `no security protocol is defined for listener ${name} in listener.security.protocol.map`), key, raw);
    }
    if (out.some((l) => l.name === name)) {
      throw new ConfigError(invalidValueMessage(key, raw, `listener name ${name} appears more than once`), key, raw);
    }
    out.push({ name, securityProtocol, host, port });
  }
  return out;
}

/** "host:port" for printing and bootstrap strings (brackets IPv6; empty host shown as 0.0.0.0). */
export function listenerAddress(l: { host: string; port: number }): string {
  const h = l.host === '' ? '0.0.0.0' : l.host;
  return h.includes(':') ? `[${h}]:${l.port}` : `${h}:${l.port}`;
}
