import { useId } from 'react';
import { useT } from '@/components/i18n';
import { useWatchSearches } from '@/components/use-watch-searches';
import { liveSearchUrl, searchTitle } from '@/utils/watch/searches';

/** Keyword watch in the popup: each saved search opens as X's own live search in a new tab. */
export function WatchList({ openSearch }: { openSearch: (url: string) => void }) {
  const { t } = useT();
  const headingId = useId();
  const searches = useWatchSearches();
  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('watchHeading')}</h2>
      {searches && searches.length === 0 ? <p className="empty">{t('watchPopupEmpty')}</p> : null}
      <ul aria-labelledby={headingId} className="history">
        {searches?.map((search) => {
          const url = liveSearchUrl(search.query);
          return (
            <li key={search.id}>
              <a
                href={url}
                target="_blank"
                rel="noreferrer"
                title={t('watchOpenHint')}
                onClick={(event) => {
                  // The popup closes as the tab opens; the tab is made here so it always opens.
                  event.preventDefault();
                  openSearch(url);
                }}
              >
                {searchTitle(search)}
              </a>
              {search.label ? <span className="meta"> {search.query}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
