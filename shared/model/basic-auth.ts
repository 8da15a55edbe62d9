/**
 * HTTP Basic authentication (RFC 7617), which Jira, Freshdesk and ServiceNow take: the header value that
 * `Authorization` carries, built in one place for sending, masking and the "copy for Apono" button.
 */

/** `base64(username:password)` of the UTF-8 bytes (RFC 7617 §2.1 `charset="UTF-8"`), the credential alone. */
export function basicCredentials(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  // `btoa` exists in browsers and in Node ≥ 16; it takes the bytes as a "binary string".
  return btoa(binary);
}

/** The `Authorization` header value: `Basic base64(username:password)`. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${basicCredentials(username, password)}`;
}
