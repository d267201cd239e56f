import { useId, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useT } from '@/components/i18n';
import { useClient } from '@/components/client-context';
import { categoryLabel } from '@/components/options/template-labels';
import { readAgentProfile } from '@/utils/storage';
import { searchTemplates, variantFor } from '@/utils/templates/search';
import { automaticValues, fillTemplate, promptedVariables } from '@/utils/templates/variables';
import { MOVE_TO_PRIVATE_TEMPLATE_ID } from '@/utils/templates/defaults';
import type { InsertOutcome } from '@/utils/messaging/protocol';
import type { Template, TemplateLang } from '@/utils/model';
import { DraftChecks } from './DraftChecks';

interface Props {
  identityId: string;
  /** The agent's draft as the site's composer holds it now. */
  draft: string;
  onClose: () => void;
  /** Puts text on the clipboard when the composer refuses it. */
  copyToClipboard: (text: string) => Promise<boolean>;
}

/**
 * Templates for the reply being written: find one (words or `/code`), fill its
 * variables, preview it and put it into the site's own composer, where the agent
 * edits it and presses the site's own button. Checks on the draft run below.
 */
export function ReplyGuide({ identityId, draft, onClose, copyToClipboard }: Props) {
  const { t, lang } = useT();
  const client = useClient();
  const ids = { title: useId(), search: useId(), lang: useId(), category: useId(), list: useId(), preview: useId() };
  const [query, setQuery] = useState('');
  const [templateLang, setTemplateLang] = useState<TemplateLang>(lang);
  const [category, setCategory] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; alert: boolean } | null>(null);

  const templates = useQuery({ queryKey: ['templates'], queryFn: async () => (await client.send('templates.list', {})).templates });
  const detail = useQuery({ queryKey: ['customer', identityId], queryFn: () => client.send('customer.detail', { identityId }) });
  const profile = useQuery({ queryKey: ['agentProfile'], queryFn: readAgentProfile });

  const matches = useMemo(
    () => searchTemplates(templates.data ?? [], { query, category: category || null, lang: templateLang }),
    [templates.data, query, category, templateLang],
  );
  const categories = useMemo(() => [...new Set((templates.data ?? []).map((tpl) => tpl.category))].sort(), [templates.data]);
  const selected = templates.data?.find((tpl) => tpl.id === selectedId) ?? null;

  const identity = detail.data?.identities.find((i) => i.id === identityId);
  const automatic = automaticValues({
    customerName: identity?.displayName ?? detail.data?.customer.displayName ?? '',
    // Facebook people are addressed by name; their key is often a bare number.
    customerHandle: identity ? (identity.kind === 'x' ? `@${identity.handle}` : identity.kind === 'facebook' ? identity.displayName : identity.handle) : '',
    agentName: profile.data?.name ?? '',
    lang: templateLang,
    now: new Date(),
  });
  const body = selected ? variantFor(selected, templateLang).body : '';
  const filled = fillTemplate(body, { ...automatic, ...values });
  const prompted = selected ? [...new Set([...promptedVariables(body), ...filled.missing])] : [];

  const insert = useMutation({
    mutationFn: async ({ text, replace, templateId }: { text: string; replace: boolean; templateId: string | null }) => {
      const outcome: InsertOutcome = await client.send('composer.insert', { text, replace, templateId });
      if (outcome.ok) return t('inserted');
      if (outcome.reason === 'noComposer') throw new Error(t('noComposer'));
      // The composer refused it: the text goes to the clipboard so nothing is lost.
      throw new Error(t((await copyToClipboard(text)) ? 'insertFailedCopied' : 'insertFailed'));
    },
    onSuccess: (text) => setMessage({ text, alert: false }),
    onError: (error) => setMessage({ text: error.message, alert: true }),
  });

  function choose(template: Template) {
    setSelectedId(template.id);
    setValues({});
    setMessage(null);
  }

  function swapToDm() {
    const dm = templates.data?.find((tpl) => tpl.id === MOVE_TO_PRIVATE_TEMPLATE_ID);
    if (dm) choose(dm);
  }

  return (
    <main aria-labelledby={ids.title} className="panel" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <header className="panel-header">
        <h1 id={ids.title}>{t('guideTitle')}</h1>
        <button type="button" className="close" onClick={onClose} aria-label={t('closeGuide')}>
          ×
        </button>
      </header>

      <div className="form-row">
        <label htmlFor={ids.search}>{t('searchTemplatesLabel')}</label>
        <input
          id={ids.search}
          type="search"
          placeholder={t('searchTemplatesHint')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            // Enter on a `/code` (or any search) takes the best match.
            if (event.key === 'Enter' && matches[0]) choose(matches[0]);
          }}
        />
      </div>
      <div className="form-row">
        <label htmlFor={ids.category}>{t('templateCategoryLabel')}</label>
        <select id={ids.category} value={category} onChange={(event) => setCategory(event.target.value)}>
          <option value="">{t('allCategories')}</option>
          {categories.map((known) => (
            <option key={known} value={known}>
              {categoryLabel(t, known)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.lang}>{t('templateLangLabel')}</label>
        <select id={ids.lang} value={templateLang} onChange={(event) => setTemplateLang(event.target.value === 'en' ? 'en' : 'ja')}>
          <option value="ja">{t('lang.ja')}</option>
          <option value="en">{t('lang.en')}</option>
        </select>
      </div>

      <ul aria-label={t('templateListLabel')} className="template-list">
        {matches.map((template) => (
          <li key={template.id}>
            <button type="button" aria-pressed={template.id === selectedId} onClick={() => choose(template)}>
              {template.title}
              {template.code ? <span className="muted"> /{template.code}</span> : null}
            </button>
          </li>
        ))}
      </ul>
      {templates.data && matches.length === 0 ? <p className="empty">{t('noTemplatesFound')}</p> : null}

      <section aria-labelledby={ids.preview} className="section">
        <h2 id={ids.preview}>{t('previewHeading')}</h2>
        {selected ? (
          <>
            {prompted.map((name) => (
              <VariableField key={name} name={name} value={values[name] ?? ''} onChange={(value) => setValues((v) => ({ ...v, [name]: value }))} />
            ))}
            <p className="note-body preview" lang={templateLang}>
              {filled.text}
            </p>
            {filled.missing.length > 0 ? <p className="muted">{t('missingValues', { names: filled.missing.map((n) => `{${n}}`).join(' ') })}</p> : null}
            <div className="form-row">
              <button
                type="button"
                disabled={insert.isPending}
                onClick={() => insert.mutate({ text: filled.text, replace: false, templateId: selected.id })}
              >
                {t('insertTemplate')}
              </button>
              {draft.trim() ? (
                <button
                  type="button"
                  disabled={insert.isPending}
                  onClick={() => insert.mutate({ text: filled.text, replace: true, templateId: selected.id })}
                >
                  {t('replaceDraft')}
                </button>
              ) : null}
            </div>
          </>
        ) : (
          <p className="empty">{t('chooseTemplate')}</p>
        )}
        {message ? (
          <p role={message.alert ? 'alert' : 'status'} className={message.alert ? 'error' : 'muted'}>
            {message.text}
          </p>
        ) : null}
      </section>

      <DraftChecks draft={draft} onSwapToDm={swapToDm} />
    </main>
  );
}

function VariableField({ name, value, onChange }: { name: string; value: string; onChange: (value: string) => void }) {
  const { t } = useT();
  const id = useId();
  return (
    <div className="form-row">
      <label htmlFor={id}>{t('variableLabel', { name })}</label>
      <input id={id} value={value} maxLength={500} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}
