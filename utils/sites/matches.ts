// Pages each content script runs on. Dependency-free: wxt.config.ts reads it too.
export const X_MATCHES = ['https://x.com/*', 'https://twitter.com/*', 'https://mobile.twitter.com/*'];
export const FACEBOOK_MATCHES = ['https://www.facebook.com/*', 'https://facebook.com/*', 'https://web.facebook.com/*'];
