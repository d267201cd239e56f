import { useId, useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n';
import { errorText } from '@/components/client-context';
import type { Template, TemplateVariant } from '@/utils/model';
import { TEMPLATE_CATEGORIES } from '@/utils/templates/defaults';
import type { TemplateDraft } from '@/utils/db/templates';
import { categoryLabel } from './template-labels';
import { ErrorAlert } from '@/components/ErrorAlert';

interface Props {
  template: Template | null;
  onSave: (draft: TemplateDraft) => Promise<void>;
  onCancel: () => void;
}

/** Creates or edits one template: title, category, code and a text per language. */
export function TemplateForm({ template, onSave, onCancel }: Props) {
  const { t } = useT();
  const ids = { title: useId(), category: useId(), categories: useId(), code: useId(), ja: useId(), en: useId(), scope: useId() };
  const bodyOf = (lang: TemplateVariant['lang']) => template?.variants.find((v) => v.lang === lang)?.body ?? '';
  const [title, setTitle] = useState(template?.title ?? '');
  const [category, setCategory] = useState(template?.category ?? 'acknowledge');
  const [code, setCode] = useState(template?.code ?? '');
  const [ja, setJa] = useState(bodyOf('ja'));
  const [en, setEn] = useState(bodyOf('en'));
  const [scope, setScope] = useState<Template['scope']>(template?.scope ?? 'personal');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const variants: TemplateVariant[] = [];
    if (ja.trim()) variants.push({ lang: 'ja', body: ja });
    if (en.trim()) variants.push({ lang: 'en', body: en });
    if (variants.length === 0) {
      setError(t('templateNeedsText'));
      return;
    }
    setSaving(true);
    try {
      await onSave({ title, category: category.trim(), code: code.trim() || null, variants, scope });
    } catch (failure) {
      // What the agent wrote stays in the form.
      setError(errorText(t, failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="template-form" aria-label={template ? t('editTemplate', { title: template.title }) : t('newTemplate')}>
      <div className="form-row">
        <label htmlFor={ids.title}>{t('templateTitleLabel')}</label>
        <input id={ids.title} value={title} required maxLength={120} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="form-row">
        <label htmlFor={ids.category}>{t('templateCategoryLabel')}</label>
        <input id={ids.category} list={ids.categories} value={category} required maxLength={60} onChange={(e) => setCategory(e.target.value)} />
        <datalist id={ids.categories}>
          {TEMPLATE_CATEGORIES.map((known) => (
            <option key={known} value={known}>
              {categoryLabel(t, known)}
            </option>
          ))}
        </datalist>
        <label htmlFor={ids.code}>{t('templateCodeLabel')}</label>
        <input id={ids.code} value={code} maxLength={20} pattern="[a-z0-9_\-]{1,20}" onChange={(e) => setCode(e.target.value)} />
      </div>
      <label htmlFor={ids.ja}>{t('templateBodyJaLabel')}</label>
      <textarea id={ids.ja} lang="ja" rows={4} value={ja} maxLength={5000} onChange={(e) => setJa(e.target.value)} />
      <label htmlFor={ids.en}>{t('templateBodyEnLabel')}</label>
      <textarea id={ids.en} lang="en" rows={4} value={en} maxLength={5000} onChange={(e) => setEn(e.target.value)} />
      <p className="muted">{t('templateVariablesHint')}</p>
      <div className="form-row">
        <label htmlFor={ids.scope}>{t('templateScopeLabel')}</label>
        <select id={ids.scope} value={scope} onChange={(e) => setScope(e.target.value === 'team' ? 'team' : 'personal')}>
          <option value="personal">{t('scope.personal')}</option>
          <option value="team">{t('scope.team')}</option>
        </select>
      </div>
      <ErrorAlert message={error} />
      <div className="form-row">
        <button type="submit" disabled={saving}>
          {t('saveTemplate')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
