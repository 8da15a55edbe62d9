/**
 * The `host[:port]` of a URL, for tables and confirmations ("Sends once to hooks.slack.com"); a URL that does
 * not parse is shown as typed, so the user sees what is wrong with it.
 */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
