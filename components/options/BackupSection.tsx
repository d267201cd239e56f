import { useId, useState, type ChangeEvent } from 'react';
import { useT } from '@/components/i18n';
import { errorText } from '@/components/client-context';
import { ErrorAlert } from '@/components/ErrorAlert';
import { db } from '@/utils/db';
import { formatNumber, type MessageKey } from '@/utils/i18n';
import type { Customer, Identity, Note, Tag } from '@/utils/model';
import type { ImportOutcome } from '@/utils/transfer/apply';
import type { IgnoredField, Progress, TransferProblem } from '@/utils/transfer/check';
import { customersCsv, notesCsv } from '@/utils/transfer/csv';
import { exportEverything, readRecords } from '@/utils/transfer/export';
import { importEverything } from '@/utils/transfer/import';

type Outcome =
  | { kind: 'done'; outcome: ImportOutcome; settingsWritten: number; ignored: IgnoredField[] }
  | { kind: 'refused'; problems: TransferProblem[]; problemCount: number }
  | { kind: 'failed'; message: string }
  | null;

// Reasons whose English detail says more than the translated word (which value, which form).
const DETAILED = new Set<TransferProblem['code']>(['notJson', 'wrongType', 'badFormat', 'badValue', 'duplicateId', 'tooMany', 'tooLarge', 'tooSmall']);

function saveFile(text: string, name: string, type: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

const today = () => new Date().toISOString().slice(0, 10);

/** Everything this browser holds, out to one file and back in; customers and notes as CSV. */
export function BackupSection({ onImported }: { onImported?: () => void } = {}) {
  const { t, lang } = useT();
  const headingId = useId();
  const importId = useId();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = progress !== null;

  async function run(action: () => Promise<void>) {
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(errorText(t, failure));
    }
  }

  const exportAll = () =>
    run(async () => saveFile(await exportEverything(db, new Date()), `kotae-backup-${today()}.json`, 'application/json'));

  const exportCustomers = () =>
    run(async () => {
      const records = await readRecords(db, ['customers', 'identities', 'tags']);
      const csv = customersCsv({
        customers: records.customers as unknown as Customer[],
        identities: records.identities as unknown as Identity[],
        tags: records.tags as unknown as Tag[],
      });
      saveFile(csv, `kotae-customers-${today()}.csv`, 'text/csv;charset=utf-8');
    });

  const exportNotes = () =>
    run(async () => {
      const records = await readRecords(db, ['notes', 'customers']);
      const csv = notesCsv({ notes: records.notes as unknown as Note[], customers: records.customers as unknown as Customer[] });
      saveFile(csv, `kotae-notes-${today()}.csv`, 'text/csv;charset=utf-8');
    });

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setOutcome(null);
    setError(null);
    setProgress({ phase: 'reading', done: 0, total: 0 });
    try {
      const result = await importEverything(db, await file.text(), { onProgress: setProgress });
      setOutcome(result.ok ? { kind: 'done', ...result } : { kind: 'refused', problems: result.problems, problemCount: result.problemCount });
      if (result.ok) onImported?.();
    } catch (failure) {
      setOutcome({ kind: 'failed', message: errorText(t, failure) });
    } finally {
      setProgress(null);
    }
  }

  function problemText(problem: TransferProblem): string {
    const where = problem.record ? `${problem.record}${problem.field ? `: ${problem.field}` : ''}` : t('backupWholeFile');
    const word = t(`backupReason.${problem.code}` as MessageKey);
    const reason = DETAILED.has(problem.code) ? `${word} (${problem.reason})` : word;
    return problem.line === undefined
      ? t('backupProblem', { where, reason })
      : t('backupProblemAt', { line: problem.line, column: problem.column ?? 1, where, reason });
  }

  const n = (value: number) => formatNumber(lang, value);
  const sum = (key: 'added' | 'updated' | 'unchanged', o: ImportOutcome) => Object.values(o).reduce((total, counts) => total + counts[key], 0);

  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('backupHeading')}</h2>
      <p className="muted">{t('backupIntro')}</p>
      <div className="form-row">
        <button type="button" onClick={() => void exportAll()} disabled={busy}>
          {t('backupExport')}
        </button>
        <button type="button" onClick={() => void exportCustomers()} disabled={busy}>
          {t('backupCustomersCsv')}
        </button>
        <button type="button" onClick={() => void exportNotes()} disabled={busy}>
          {t('backupNotesCsv')}
        </button>
      </div>
      <p className="muted">{t('backupCsvHint')}</p>
      <ErrorAlert message={error} />
      <div className="form-row">
        <label htmlFor={importId}>{t('backupImportLabel')}</label>
        <input id={importId} type="file" accept="application/json,.json" disabled={busy} aria-describedby={`${importId}-hint`} onChange={(e) => void importFile(e)} />
      </div>
      <p id={`${importId}-hint`} className="muted">
        {t('backupMergeHint')}
      </p>
      {progress ? (
        <div>
          <p role="status">{t(`backupPhase.${progress.phase}`)}</p>
          <progress aria-label={t('backupProgressLabel')} value={progress.total > 0 ? progress.done : undefined} max={progress.total > 0 ? progress.total : undefined} />
          {progress.total > 0 ? <p>{t('backupProgress', { done: n(progress.done), total: n(progress.total) })}</p> : null}
        </div>
      ) : null}
      {outcome?.kind === 'done' ? (
        <div role="status">
          <p>
            {t('backupDone', {
              total: n(sum('added', outcome.outcome) + sum('updated', outcome.outcome) + sum('unchanged', outcome.outcome)),
              added: n(sum('added', outcome.outcome)),
              updated: n(sum('updated', outcome.outcome)),
              unchanged: n(sum('unchanged', outcome.outcome)),
            })}
          </p>
          {outcome.settingsWritten > 0 ? <p>{t('backupSettingsDone')}</p> : null}
          {outcome.ignored.length > 0 ? (
            <p>{t('backupIgnored', { fields: outcome.ignored.map((f) => `${f.table}.${f.field} (${n(f.count)})`).join(', ') })}</p>
          ) : null}
        </div>
      ) : null}
      {outcome?.kind === 'failed' ? <ErrorAlert message={t('backupFailed', { reason: outcome.message })} /> : null}
      {outcome?.kind === 'refused' ? (
        <div role="alert" className="error">
          <p>{t('backupRefused')}</p>
          <ul>
            {outcome.problems.map((problem, index) => (
              <li key={index}>{problemText(problem)}</li>
            ))}
          </ul>
          {outcome.problemCount > outcome.problems.length ? <p>{t('backupMoreProblems', { count: n(outcome.problemCount - outcome.problems.length) })}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
