/**
 * Importing a backup from its text: check it whole (then that every customer it points
 * at exists), write the records in one transaction, and only once that transaction
 * committed, the settings.
 */
import type { KotaeDB } from '@/utils/db/kotae-db';
import { applyImport, type ImportOutcome } from './apply';
import { checkExportFile, checkReferences, type IgnoredField, type Progress, type TransferProblem } from './check';
import { writeSettingsSection } from './settings';

export type ImportResult =
  | { ok: true; outcome: ImportOutcome; settingsWritten: number; ignored: IgnoredField[] }
  | { ok: false; problems: TransferProblem[]; problemCount: number };

export async function importEverything(
  db: KotaeDB,
  text: string,
  options: { onProgress?: (progress: Progress) => void; chunkSize?: number } = {},
): Promise<ImportResult> {
  const read = await checkExportFile(text, options);
  if (!read.ok) return read;
  const checked = await checkReferences(db, read.file);
  if (!checked.ok) return checked;
  const outcome = await applyImport(db, checked.file.records, options);
  const settingsWritten = await writeSettingsSection(checked.file.settings);
  return { ok: true, outcome, settingsWritten, ignored: checked.file.ignored };
}
