import { useId, useState, type ReactNode } from 'react';
import { useT } from '@/components/i18n';

export interface FigureTable {
  header: readonly string[];
  /** The first cell of each row names it. */
  rows: readonly (readonly ReactNode[])[];
}

/**
 * One chart with its caption and the same numbers as a table. The drawing is hidden
 * from assistive technology; the table is read instead, and shown on request.
 */
export function ChartFigure({ title, table, onCsv, children }: { title: string; table: FigureTable; onCsv: () => void; children: ReactNode }) {
  const { t } = useT();
  const captionId = useId();
  const tableId = useId();
  const [tableShown, setTableShown] = useState(false);
  return (
    <figure className="report-figure" aria-labelledby={captionId}>
      <figcaption id={captionId}>{title}</figcaption>
      {table.rows.length === 0 ? (
        <p className="empty">{t('reportNoRows')}</p>
      ) : (
        <div className="report-chart" aria-hidden="true">
          {children}
        </div>
      )}
      <div className="form-row">
        <button
          type="button"
          aria-label={t('reportShowTableOf', { what: title })}
          aria-pressed={tableShown}
          aria-controls={tableId}
          onClick={() => setTableShown(!tableShown)}
        >
          {t('reportShowTable')}
        </button>
        <button type="button" aria-label={t('reportDownloadCsvOf', { what: title })} onClick={onCsv}>
          {t('reportDownloadCsv')}
        </button>
      </div>
      <table id={tableId} className={tableShown ? 'report-table' : 'report-table visually-hidden'}>
        <caption>{title}</caption>
        <thead>
          <tr>
            {table.header.map((cell) => (
              <th key={cell} scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map(([name, ...cells], index) => (
            <tr key={index}>
              <th scope="row">{name}</th>
              {cells.map((cell, column) => (
                <td key={column}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
