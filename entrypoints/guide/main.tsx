import { useEffect, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { ReplyGuide } from '@/components/guide/ReplyGuide';
import { ClientContext } from '@/components/client-context';
import { mountPage } from '@/components/mount-page';
import { backgroundClient } from '@/utils/messaging/client';
import { copyToClipboardFallback } from '@/utils/composer/insert';
import { identityKeySchema, postKeySchema, REPLY_MAX_CHARS } from '@/utils/model';
import { t } from '@/utils/i18n';

// The page that opened this frame chose the hash and may post to it: both are input.
const paramsSchema = z.object({ customer: identityKeySchema, post: postKeySchema });
const draftSchema = z.object({ type: z.literal('kotae:draft'), text: z.string().check(z.maxLength(REPLY_MAX_CHARS)) });
const SITE_ORIGINS = new Set(['https://x.com', 'https://twitter.com', 'https://mobile.twitter.com', 'https://www.facebook.com']);

const hash = new URLSearchParams(location.hash.slice(1));
const params = paramsSchema.safeParse({ customer: hash.get('customer'), post: hash.get('post') });
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 30_000 } } });
const close = () => void backgroundClient.send('guide.close', {}).catch(() => undefined);

/** The draft, as the content script of the site's tab reports it. */
function useDraft(): string {
  const [draft, setDraft] = useState('');
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (!SITE_ORIGINS.has(event.origin)) return;
      const message = draftSchema.safeParse(event.data);
      if (message.success) setDraft(message.data.text);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  return draft;
}

function Guide({ identityId }: { identityId: string }) {
  const draft = useDraft();
  return <ReplyGuide identityId={identityId} draft={draft} onClose={close} copyToClipboard={copyToClipboardFallback} />;
}

mountPage((lang) => (
  <ClientContext.Provider value={backgroundClient}>
    <QueryClientProvider client={queryClient}>
      {params.success ? <Guide identityId={params.data.customer} /> : <p role="alert">{t(lang, 'error.invalidMessage')}</p>}
    </QueryClientProvider>
  </ClientContext.Provider>
));
