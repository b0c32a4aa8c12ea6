// How many HTTP connections the app opens to Asterisk's ARI at most. Asterisk's http.conf
// `sessionlimit` is rendered from it (pbx-config/render/http.ts) with room for the event socket
// and an operator's tools, so the pool never meets Asterisk's refusal.
export const ARI_MAX_CONNECTIONS = 32;

/** http.conf's sessionlimit: the pool, the event WebSocket and a margin for ops (ari CLI, probes). */
export const ARI_SESSION_LIMIT = ARI_MAX_CONNECTIONS + 16;
