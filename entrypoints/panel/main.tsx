import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { CustomerPanel } from '@/components/panel/CustomerPanel';
import { ClientContext } from '@/components/client-context';
import { mountPage } from '@/components/mount-page';
import { backgroundClient } from '@/utils/messaging/client';
import { eventSchema } from '@/utils/messaging/protocol';
import { identityKeySchema, postKeySchema } from '@/utils/model';
import { t } from '@/utils/i18n';
import { customerQueryKey } from '@/components/panel/use-customer';

// The page that opened this frame chose the hash: treat it like any other input.
const paramsSchema = z.object({ customer: identityKeySchema, post: z.nullable(postKeySchema) });

const hash = new URLSearchParams(location.hash.slice(1));
const params = paramsSchema.safeParse({ customer: hash.get('customer'), post: hash.get('post') });
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 5_000 } } });

browser.runtime.onMessage.addListener((message: unknown, sender) => {
  if (sender.id !== browser.runtime.id) return undefined;
  const event = eventSchema.safeParse(message);
  if (event.success && event.data.event === 'customers.changed' && params.success) {
    if (event.data.identityIds.includes(params.data.customer)) {
      void queryClient.invalidateQueries({ queryKey: customerQueryKey(params.data.customer) });
    }
  }
  return undefined; // events only: never answer, so requests reach the background
});

const close = () => void backgroundClient.send('panel.close', {}).catch(() => window.close());

mountPage((lang) => (
  <ClientContext.Provider value={backgroundClient}>
    <QueryClientProvider client={queryClient}>
      {params.success ? (
        <CustomerPanel identityId={params.data.customer} postKey={params.data.post} onClose={close} />
      ) : (
        <p role="alert">{t(lang, 'error.invalidMessage')}</p>
      )}
    </QueryClientProvider>
  </ClientContext.Provider>
));
