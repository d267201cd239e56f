import { useId, useState, type ChangeEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useT } from '@/components/i18n';
import { errorText } from '@/components/client-context';
import { db } from '@/utils/db';
import { deleteTemplate, duplicateTemplate, importTemplates, liveTemplates, saveTemplate } from '@/utils/db/templates';
import { searchTemplates } from '@/utils/templates/search';
import { exportTemplates, parseTemplateFile, type ImportProblem } from '@/utils/templates/transfer';
import type { Template } from '@/utils/model';
import { TemplateForm } from './TemplateForm';
import { categoryLabel } from './template-labels';
import { ErrorAlert } from '@/components/ErrorAlert';

type Editing = { kind: 'new' } | { kind: 'edit'; template: Template } | null;
type ImportOutcome = { kind: 'done'; added: number; replaced: number } | { kind: 'refused'; problems: ImportProblem[] } | { kind: 'failed'; message: string } | null;

/** The options page's template list: search, create, edit, duplicate, delete, import, export. */
export function TemplatesManager() {
  const { t } = useT();
  const headingId = useId();
  const searchId = useId();
  const importId = useId();
  const templates = useLiveQuery(() => liveTemplates(db), []);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome>(null);
  const [error, setError] = useState<string | null>(null);

  const shown = templates ? searchTemplates(templates, { query }) : [];

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(errorText(t, failure));
    }
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const parsed = parseTemplateFile(await file.text(), new Date());
    if (!parsed.ok) {
      setOutcome({ kind: 'refused', problems: parsed.problems });
      return;
    }
    try {
      setOutcome({ kind: 'done', ...(await importTemplates(db, parsed.templates)) });
    } catch (failure) {
      setOutcome({ kind: 'failed', message: errorText(t, failure) });
    }
  }

  function download() {
    const blob = new Blob([exportTemplates(templates ?? [], new Date())], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `kotae-templates-${new Date().toISOString().slice(0, 10)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('templatesHeading')}</h2>
      <div className="form-row">
        <label htmlFor={searchId}>{t('searchTemplatesLabel')}</label>
        <input id={searchId} type="search" placeholder={t('searchTemplatesHint')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="button" onClick={() => setEditing({ kind: 'new' })}>
          {t('newTemplate')}
        </button>
      </div>
      {editing ? (
        <TemplateForm
          key={editing.kind === 'edit' ? editing.template.id : 'new'}
          template={editing.kind === 'edit' ? editing.template : null}
          onCancel={() => setEditing(null)}
          onSave={async (draft) => {
            await saveTemplate(db, draft, new Date(), editing.kind === 'edit' ? editing.template.id : undefined);
            setEditing(null);
          }}
        />
      ) : null}
      <ErrorAlert message={error} />
      {templates && shown.length === 0 ? <p className="empty">{t('noTemplatesFound')}</p> : null}
      <ul aria-labelledby={headingId} className="notes">
        {shown.map((template) => (
          <li key={template.id} className="note">
            <p>
              <strong>{template.title}</strong> <span className="muted">{categoryLabel(t, template.category)}</span>
              {template.code ? <code> /{template.code}</code> : null}
              <span className="muted">
                {' '}
                · {template.variants.map((v) => v.lang.toUpperCase()).join(' ')} · {t(`scope.${template.scope}`)}
              </span>
            </p>
            <p className="note-body">{template.variants[0]?.body}</p>
            {confirming === template.id ? (
              <div className="form-row" role="group" aria-label={t('confirmDeleteTemplate', { title: template.title })}>
                <span>{t('confirmDeleteTemplate', { title: template.title })}</span>
                <button type="button" autoFocus onClick={() => void run(() => deleteTemplate(db, template.id, new Date()))}>
                  {t('confirmDelete')}
                </button>
                <button type="button" onClick={() => setConfirming(null)}>
                  {t('cancel')}
                </button>
              </div>
            ) : (
              <div className="form-row">
                <button type="button" aria-label={t('editTemplate', { title: template.title })} onClick={() => setEditing({ kind: 'edit', template })}>
                  {t('edit')}
                </button>
                <button
                  type="button"
                  aria-label={t('duplicateTemplate', { title: template.title })}
                  onClick={() => void run(() => duplicateTemplate(db, template.id, t('templateCopySuffix'), new Date()))}
                >
                  {t('duplicate')}
                </button>
                <button type="button" aria-label={t('deleteTemplate', { title: template.title })} onClick={() => setConfirming(template.id)}>
                  {t('delete')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <div className="form-row">
        <button type="button" onClick={download} disabled={!templates}>
          {t('exportTemplates')}
        </button>
        <label htmlFor={importId}>{t('importTemplatesLabel')}</label>
        <input id={importId} type="file" accept="application/json,.json" onChange={(e) => void importFile(e)} />
      </div>
      {outcome?.kind === 'done' ? <p role="status">{t('importDone', { added: outcome.added, replaced: outcome.replaced })}</p> : null}
      {outcome?.kind === 'failed' ? (
        <p role="alert" className="error">
          {outcome.message}
        </p>
      ) : null}
      {outcome?.kind === 'refused' ? (
        <div role="alert" className="error">
          <p>{t('importRefused')}</p>
          <ul>
            {outcome.problems.slice(0, 50).map((problem, index) => (
              <li key={index}>
                {t('importProblem', {
                  line: problem.line,
                  column: problem.column,
                  path: problem.path ? ` (${problem.path})` : '',
                  reason: problem.reason,
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
