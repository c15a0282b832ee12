/**
 * How a caller reaches the loopback bridge's API (src/bridge): the page's bridge client, and the crash trials that
 * drive a real bridge process over HTTP. Each call is a POST of `{"input": …}` to the prefix plus the method's name,
 * with the launch's token in the header and, from a browser, the bridge's own Origin.
 */
export const BRIDGE_API_PREFIX = '/__kiosk/api/';
export const BRIDGE_TOKEN_HEADER = 'X-Kiosk-Token';
/** What `npm run start:web` prints once it serves: the page's address, the launch's token in its query. */
export const BRIDGE_READY_LINE = /^Kiosk ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43})$/m;
