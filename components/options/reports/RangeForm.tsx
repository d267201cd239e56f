import { useId, useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n';
import { QUICK_RANGES, quickRange, type QuickRange } from '@/utils/reports/range';
import { REPORT_MAX_DAYS, reportDaySchema, reportRangeSchema, type ReportRange } from '@/utils/reports/schema';
import type { MessageKey } from '@/utils/i18n';

type Problems = Partial<Record<'from' | 'to' | 'timeZone', MessageKey>>;

/** What is wrong with a range, per field, in words the page has for it. */
function problemsOf(input: ReportRange): Problems {
  const parsed = reportRangeSchema.safeParse(input);
  if (parsed.success) return {};
  const problems: Problems = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'from') problems.from = 'reportRangeBadFrom';
    else if (field === 'timeZone') problems.timeZone = 'reportRangeBadZone';
    else if (field === 'to') {
      // The schema says "to" for three reasons: tell them apart by the values themselves.
      if (!reportDaySchema.safeParse(input.to).success) problems.to = 'reportRangeBadTo';
      else if (!reportDaySchema.safeParse(input.from).success) continue; // said of "from" already
      else if (input.from > input.to) problems.to = 'reportRangeOrder';
      else problems.to = 'reportRangeTooLong';
    }
  }
  return problems;
}

/** The report's days: two dates, or one of the quick choices, in the viewer's time zone. */
export function RangeForm({ range, now, onChange }: { range: ReportRange; now: () => Date; onChange: (range: ReportRange) => void }) {
  const { t } = useT();
  const ids = { from: useId(), to: useId(), fromError: useId(), toError: useId(), zone: useId() };
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [problems, setProblems] = useState<Problems>({});
  const timeZone = range.timeZone;

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = { from, to, timeZone };
    const found = problemsOf(input);
    setProblems(found);
    if (Object.keys(found).length === 0) onChange(input);
  }

  function choose(choice: QuickRange) {
    const chosen = quickRange(choice, timeZone, now());
    setFrom(chosen.from);
    setTo(chosen.to);
    setProblems({});
    onChange(chosen);
  }

  const message = (key: MessageKey | undefined) => (key ? t(key, { max: REPORT_MAX_DAYS, zone: timeZone }) : null);
  return (
    <form onSubmit={submit} noValidate>
      <fieldset className="kinds" aria-describedby={ids.zone}>
        <legend>{t('reportRangeLabel')}</legend>
        <div className="form-row">
          <label htmlFor={ids.from}>{t('reportFromLabel')}</label>
          <input
            id={ids.from}
            type="date"
            value={from}
            aria-invalid={problems.from ? true : undefined}
            aria-describedby={problems.from ? ids.fromError : undefined}
            onChange={(e) => setFrom(e.target.value)}
          />
          <label htmlFor={ids.to}>{t('reportToLabel')}</label>
          <input
            id={ids.to}
            type="date"
            value={to}
            aria-invalid={problems.to ? true : undefined}
            aria-describedby={problems.to ? ids.toError : undefined}
            onChange={(e) => setTo(e.target.value)}
          />
          <button type="submit">{t('reportShow')}</button>
        </div>
        {problems.from ? (
          <p id={ids.fromError} role="alert" className="field-error">
            {message(problems.from)}
          </p>
        ) : null}
        {problems.to ? (
          <p id={ids.toError} role="alert" className="field-error">
            {message(problems.to)}
          </p>
        ) : null}
        {problems.timeZone ? (
          <p role="alert" className="field-error">
            {message(problems.timeZone)}
          </p>
        ) : null}
        <div role="group" aria-label={t('reportQuickLabel')} className="form-row">
          {QUICK_RANGES.map((choice) => (
            <button key={choice} type="button" onClick={() => choose(choice)}>
              {t(`reportQuick.${choice}`)}
            </button>
          ))}
        </div>
        <p id={ids.zone} className="muted">
          {t('reportTimeZone', { zone: timeZone })}
        </p>
      </fieldset>
    </form>
  );
}
