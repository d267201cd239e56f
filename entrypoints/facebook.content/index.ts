import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountSite } from '@/components/overlay/mount-site';
import { FACEBOOK_MATCHES } from '@/utils/sites/matches';
import { facebookAdapter } from '@/utils/sites/facebook';

export default defineContentScript({
  matches: FACEBOOK_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    mountSite(facebookAdapter, ctx.signal);
  },
});
