import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountSite } from '@/components/overlay/mount-site';
import { X_MATCHES } from '@/utils/sites/matches';
import { xAdapter } from '@/utils/sites/x';

export default defineContentScript({
  matches: X_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    mountSite(xAdapter, ctx.signal);
  },
});
