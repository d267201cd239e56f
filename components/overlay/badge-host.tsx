import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { LangContext } from '@/components/i18n';
import type { Lang } from '@/utils/i18n';
import type { SummaryStore } from '@/utils/overlay/summary-store';
import { Badge } from './Badge';
import { BADGE_CSS } from './badge-styles';

export interface BadgeTarget {
  postKey: string;
  identityId: string;
  who: string;
}

export interface BadgeHost {
  /** The element in the page: carries the DOM contract attributes and nothing else. */
  element: HTMLElement;
  target: BadgeTarget;
  /** Points this host at another post (X recycles post nodes). */
  retarget(target: BadgeTarget): void;
  focus(): void;
  unmount(): void;
}

let sharedSheet: CSSStyleSheet | null | undefined;
function badgeSheet(): CSSStyleSheet | null {
  if (sharedSheet === undefined) {
    try {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(BADGE_CSS);
    } catch {
      sharedSheet = null; // no constructable sheets here: fall back to a <style> per badge
    }
  }
  return sharedSheet;
}

/**
 * Builds a badge host whose closed shadow root is fully rendered *before* the
 * caller connects it to the page, so the badge is painted in the same frame the
 * post appears and the page's scripts cannot read what it shows.
 */
export function createBadgeHost(
  target: BadgeTarget,
  deps: { store: SummaryStore; lang: Lang; onOpen: (host: BadgeHost) => void },
): BadgeHost {
  const element = document.createElement('span');
  const shadow = element.attachShadow({ mode: 'closed' });
  const sheet = badgeSheet();
  let adopted = false;
  if (sheet) {
    try {
      shadow.adoptedStyleSheets = [sheet];
      adopted = true;
    } catch {
      adopted = false;
    }
  }
  if (!adopted) {
    const style = document.createElement('style');
    style.textContent = BADGE_CSS;
    shadow.append(style);
  }
  const root: Root = createRoot(shadow);

  const host: BadgeHost = {
    element,
    target,
    retarget(next) {
      host.target = next;
      render();
    },
    focus() {
      shadow.querySelector('button')?.focus();
    },
    unmount() {
      root.unmount();
      element.remove();
    },
  };

  function render() {
    element.setAttribute('data-kotae-post', host.target.postKey);
    element.setAttribute('data-kotae-customer', host.target.identityId);
    flushSync(() =>
      root.render(
        <LangContext.Provider value={deps.lang}>
          <Badge
            key={host.target.identityId}
            identityId={host.target.identityId}
            who={host.target.who}
            store={deps.store}
            onOpen={() => deps.onOpen(host)}
          />
        </LangContext.Provider>,
      ),
    );
  }
  render();
  return host;
}
