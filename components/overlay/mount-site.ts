import { backgroundClient } from '@/utils/messaging/client';
import { detectLanguage } from '@/utils/i18n';
import type { SiteAdapter } from '@/utils/sites/types';
import { mountOverlay } from './mount-overlay';
import { mountReplyGuide } from './mount-reply-guide';

/** Everything Kotae adds to one site's pages: badges, panel and reply guide. */
export function mountSite(adapter: SiteAdapter, signal: AbortSignal) {
  const options = {
    adapter,
    client: backgroundClient,
    lang: detectLanguage(),
    signal,
    root: document.body ?? document.documentElement,
  };
  mountOverlay(options);
  mountReplyGuide(options);
}
