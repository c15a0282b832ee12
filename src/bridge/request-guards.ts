import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** 32 random bytes, base64url: 43 characters that need no escaping in a URL, a header or an HTML attribute. */
export function newBridgeToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,128}$/;

export function isWellFormedToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/**
 * Constant-time token check. Both sides are hashed first so that timingSafeEqual always compares equal lengths and the
 * time taken says nothing about the length or prefix of the real token.
 */
export function tokenMatches(expected: string, candidate: string | string[] | null | undefined): boolean {
  if (typeof candidate !== 'string') return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(candidate));
}

/** The hosts the bridge answers to. Anything else is a DNS-rebinding attempt (a foreign name resolving to 127.0.0.1). */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isAllowedHost(headers: IncomingHttpHeaders, port: number): boolean {
  const host = headers.host?.toLowerCase();
  return host !== undefined && allowedHosts(port).includes(host);
}

/**
 * A request from another web page is refused: its Origin must be the bridge's own (tools without a browser send none).
 * Fetch metadata, when the browser sends it, must say the request came from the page itself.
 */
export function isSameOriginRequest(headers: IncomingHttpHeaders, port: number): boolean {
  const origin = headers.origin;
  if (origin !== undefined && !allowedHosts(port).some((host) => origin.toLowerCase() === `http://${host}`)) {
    return false;
  }
  const site = headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}
