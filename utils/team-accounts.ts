/**
 * The team's own accounts, as a person types them in the options page: one per line,
 * `@handle` or an x.com link for X, `facebook:<id or name>` or a facebook.com link
 * for Facebook. Stored as identity keys (`x:kotae`, `facebook:1000123`).
 */
import { identityKey, isValidHandle, normaliseHandle } from '@/utils/model';
import { parseProfileUrl as facebookProfile } from '@/utils/sites/facebook/urls';
import { parseProfileUrl as xProfile } from '@/utils/sites/x';

const FACEBOOK_PREFIX = /^(?:facebook|fb):/i;
const FACEBOOK_LINK = /^(?:https?:\/\/)?(?:www\.|web\.|m\.)?facebook\.com\//i;
const X_LINK = /^(?:https?:\/\/)?(?:www\.|mobile\.)?(?:x|twitter)\.com\//i;

/** The identity key a typed line names, or null when it names no account. */
export function parseTeamAccount(line: string): string | null {
  const text = line.trim();
  if (!text) return null;
  if (FACEBOOK_PREFIX.test(text)) {
    const handle = normaliseHandle('facebook', text.replace(FACEBOOK_PREFIX, ''));
    return isValidHandle('facebook', handle) ? identityKey('facebook', handle) : null;
  }
  if (FACEBOOK_LINK.test(text)) {
    const handle = facebookProfile(/^https?:/i.test(text) ? text : `https://${text}`);
    return handle ? identityKey('facebook', handle) : null;
  }
  if (X_LINK.test(text)) {
    const handle = xProfile(/^https?:/i.test(text) ? text : `https://${text}`);
    return handle ? identityKey('x', handle) : null;
  }
  const handle = normaliseHandle('x', text);
  return isValidHandle('x', handle) ? identityKey('x', handle) : null;
}

/** How a stored key is shown for editing: `@handle` for X, `facebook:<id>` otherwise. */
export function formatTeamAccount(key: string): string {
  const sep = key.indexOf(':');
  return key.startsWith('x:') ? `@${key.slice(sep + 1)}` : key;
}
