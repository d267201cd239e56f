import type { MessageKey } from '@/utils/i18n';
import { TEMPLATE_CATEGORIES } from '@/utils/templates/defaults';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Known categories in the reader's language; a team's own words as they wrote them. */
export function categoryLabel(t: Translate, category: string): string {
  return (TEMPLATE_CATEGORIES as readonly string[]).includes(category) ? t(`category.${category}` as MessageKey) : category;
}
