import { useEffect, useState } from 'react';
import { readWatchSearches, watchSearchesItem } from '@/utils/storage';
import type { SavedSearch } from '@/utils/watch/searches';

/** Keyword watch's saved searches in this browser, kept current (a pulled team list lands here too); null while loading. */
export function useWatchSearches(): SavedSearch[] | null {
  const [searches, setSearches] = useState<SavedSearch[] | null>(null);
  useEffect(() => {
    let open = true;
    const load = () => void readWatchSearches().then((list) => open && setSearches(list));
    load();
    const stop = watchSearchesItem.watch(load);
    return () => {
      open = false;
      stop();
    };
  }, []);
  return searches;
}
