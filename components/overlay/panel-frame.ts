import { browser } from 'wxt/browser';
import { t, type Lang } from '@/utils/i18n';

export interface PanelRequest {
  identityId: string;
  postKey: string;
  /** Where focus returns when the panel closes. */
  returnFocus: () => void;
}

/**
 * The customer panel is an extension page in an iframe: the site's scripts see
 * an opaque cross-origin frame, never the notes inside it.
 */
export class PanelFrame {
  private frame: HTMLIFrameElement | null = null;
  private returnFocus: (() => void) | null = null;

  constructor(private readonly lang: Lang) {}

  get isOpen(): boolean {
    return this.frame?.isConnected ?? false;
  }

  open(request: PanelRequest): void {
    this.close({ restoreFocus: false });
    const params = new URLSearchParams({ customer: request.identityId, post: request.postKey });
    const frame = document.createElement('iframe');
    frame.src = `${browser.runtime.getURL('/panel.html')}#${params}`;
    frame.title = t(this.lang, 'panelFrameTitle');
    frame.setAttribute('data-kotae-panel', '');
    Object.assign(frame.style, {
      position: 'fixed',
      top: '0',
      right: '0',
      width: 'min(420px, 100vw)',
      height: '100vh',
      border: '0',
      borderLeft: '1px solid #cfd9de',
      boxShadow: '0 0 24px rgba(0,0,0,.18)',
      background: 'Canvas',
      zIndex: '2147483647',
      colorScheme: 'light dark',
    } satisfies Partial<CSSStyleDeclaration>);
    frame.addEventListener('load', () => frame.focus(), { once: true });
    document.documentElement.append(frame);
    this.frame = frame;
    this.returnFocus = request.returnFocus;
  }

  close({ restoreFocus = true } = {}): void {
    this.frame?.remove();
    this.frame = null;
    const back = this.returnFocus;
    this.returnFocus = null;
    if (restoreFocus) back?.();
  }
}
