import { useId } from 'react';
import { useT } from '@/components/i18n';
import { formatDateTime } from '@/utils/i18n';
import type { Interaction } from '@/utils/model';

const EXCERPT_CHARS = 280;

export function HistorySection({
  interactions,
  templateTitles = new Map(),
}: {
  interactions: Interaction[];
  /** Titles of known templates, to say which one a reply started from. */
  templateTitles?: ReadonlyMap<string, string>;
}) {
  const { t, lang } = useT();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('historyHeading')}</h2>
      {interactions.length === 0 ? (
        <p className="empty">{t('noHistory')}</p>
      ) : (
        <ol aria-labelledby={headingId} className="history">
          {interactions.map((interaction) => (
            <li key={interaction.id}>
              <p className="meta">
                {t(`interaction.${interaction.kind}`)} ·{' '}
                {formatDateTime(lang, interaction.kind === 'replied' ? interaction.recordedAt : (interaction.postedAt ?? interaction.recordedAt))}
                {interaction.templateId ? ` · ${t('fromTemplate', { title: templateTitles.get(interaction.templateId) ?? '—' })}` : ''}
              </p>
              {interaction.postText ? (
                <p className="post-text">
                  {interaction.postText.length > EXCERPT_CHARS
                    ? `${interaction.postText.slice(0, EXCERPT_CHARS)}…`
                    : interaction.postText}
                </p>
              ) : null}
              <a href={interaction.postUrl} target="_top" rel="noreferrer">
                {t('openPost')}
              </a>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
