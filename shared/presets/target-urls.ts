/**
 * How a target's real webhook URLs look, so a saved webhook's failures get that target's hints.
 *
 * Matching the preset's URL with its placeholders filled in missed real URLs: a placeholder cannot span a
 * `/` (Teams' `<guid>@<guid>/IncomingWebhook/…`), a trailing slash or another API version broke it, and
 * presets whose host is all placeholder (Splunk, Logz.io, Coralogix) could not be recognised at all. So each
 * preset names the domains its URLs live under and only a loose check of the path.
 */

/** One shape of a target's URLs; a URL matches when its host and path both fit (an unset part fits any). */
export interface TargetUrlRule {
  /** The host equals one of these or is a subdomain of it (`okta.com` takes `acme.workflows.okta.com`). */
  domains?: readonly string[];
  /** Tested against the URL's path, case-insensitively by the rule's own flags. */
  path?: RegExp;
}

/** Whether `url` fits any of `rules`; a rule that sets neither host nor path matches nothing. */
export function urlFitsRules(rules: readonly TargetUrlRule[], url: URL): boolean {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  return rules.some((rule) => {
    if (!rule.domains && !rule.path) return false;
    const hostFits = !rule.domains || rule.domains.some((d) => host === d || host.endsWith(`.${d}`));
    return hostFits && (!rule.path || rule.path.test(url.pathname));
  });
}
