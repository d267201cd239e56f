import { defineConfig } from 'wxt';
import { FACEBOOK_MATCHES, X_MATCHES } from './utils/sites/matches';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false,
  manifest: ({ manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'alarms'],
    // The team server: on this machine without asking (a local or test server);
    // anywhere else over https only once the person allows it when joining.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    // Manifest V2 (Firefox) has no optional host permissions: origins go in optional_permissions.
    ...(manifestVersion === 2 ? { optional_permissions: ['https://*/*'] } : { optional_host_permissions: ['https://*/*'] }),
    web_accessible_resources: [
      // The customer panel and the reply guide are extension-origin iframes, so the
      // site's scripts cannot read them.
      { resources: ['panel.html', 'guide.html'], matches: [...X_MATCHES, ...FACEBOOK_MATCHES] },
    ],
    browser_specific_settings: {
      gecko: { id: 'kotae@kotae.app', strict_min_version: '128.0' },
    },
  }),
});
