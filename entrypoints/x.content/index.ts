import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountOverlay } from '@/components/overlay/mount-overlay';
import { mountReplyGuide } from '@/components/overlay/mount-reply-guide';
import { backgroundClient } from '@/utils/messaging/client';
import { detectLanguage } from '@/utils/i18n';
import { X_MATCHES } from '@/utils/sites/matches';
import { xAdapter } from '@/utils/sites/x';

export default defineContentScript({
  matches: X_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const options = {
      adapter: xAdapter,
      client: backgroundClient,
      lang: detectLanguage(),
      signal: ctx.signal,
      root: document.body ?? document.documentElement,
    };
    mountOverlay(options);
    mountReplyGuide(options);
  },
});
