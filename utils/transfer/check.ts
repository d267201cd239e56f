/**
 * Checks a backup file whole before anything is written: the header, then every
 * record against its schema in utils/model.ts, then the settings. Records are
 * checked in chunks with a pause for the event loop between them, so the page keeps
 * drawing its progress bar on a large file. Problems name the record and the reason
 * (`notes[12] (id n-1): body: too long`) and, as the template import does, the line
 * and column in the file.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type * as z from 'zod/mini';
import type { KotaeDB } from '@/utils/db/kotae-db';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export';
import { settingsSectionSchema, type SettingsSection } from './settings';
import { emptyRecordSet, TRANSFER_TABLES, type RecordSet, type TableName, type TransferRow } from './tables';

export type ProblemCode =
  | 'empty'
  | 'notJson'
  | 'wrongFormat'
  | 'wrongVersion'
  | 'notList'
  | 'missing'
  | 'wrongType'
  | 'tooLong'
  | 'tooShort'
  | 'tooMany'
  | 'tooLarge'
  | 'tooSmall'
  | 'badFormat'
  | 'badValue'
  | 'duplicateId'
  | 'unknownCustomer';

export interface TransferProblem {
  /** `notes[12] (id n-1)`, `settings`, or '' for the file as a whole. */
  record: string;
  /** The field inside the record, e.g. `body` or `revisions.0.replacedAt`. */
  field: string;
  code: ProblemCode;
  /** In English, for logs and tests; the page words it from `code`. */
  reason: string;
  /** 1-based, when the file was small enough to locate it. */
  line?: number;
  column?: number;
}

/** A field the file carries that this version does not know: left out, and said so. */
export interface IgnoredField {
  /** `records` for a whole list this version does not know. */
  table: TableName | 'settings' | 'records';
  field: string;
  count: number;
}

export interface CheckedImport {
  records: RecordSet;
  settings: SettingsSection;
  total: number;
  ignored: IgnoredField[];
}

export type ImportCheck = { ok: true; file: CheckedImport } | { ok: false; problems: TransferProblem[]; problemCount: number };

export interface Progress {
  phase: 'reading' | 'checking' | 'writing';
  done: number;
  total: number;
}

export interface CheckOptions {
  onProgress?: (progress: Progress) => void;
  /** Records checked between two pauses for the event loop. */
  chunkSize?: number;
}

/** Problems shown at most; the count says how many more there were. */
export const PROBLEMS_SHOWN = 100;
/** Larger files are not re-read to locate problems by line (it would need a second, larger copy in memory). */
const LOCATE_MAX_CHARS = 20_000_000;

export const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let here = value;
  for (const key of path) here = typeof here === 'object' && here !== null ? (here as Record<PropertyKey, unknown>)[key] : undefined;
  return here;
}

function describe(issue: z.core.$ZodIssue, checked: unknown): { code: ProblemCode; reason: string } {
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return { code: 'tooLong', reason: 'too long' };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'tooMany', reason: `more than ${issue.maximum} items` };
      return { code: 'tooLarge', reason: `above ${issue.maximum}` };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { code: 'missing', reason: 'empty' };
      if (issue.origin === 'string') return { code: 'tooShort', reason: 'too short' };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'missing', reason: `fewer than ${issue.minimum} items` };
      return { code: 'tooSmall', reason: `below ${issue.minimum}` };
    case 'invalid_type':
      if (valueAt(checked, issue.path) === undefined) return { code: 'missing', reason: 'missing' };
      return { code: 'wrongType', reason: `expected ${issue.expected}` };
    case 'invalid_format':
      return { code: 'badFormat', reason: `not a valid ${issue.format}` };
    case 'invalid_value':
      return { code: 'badValue', reason: `not one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    default:
      return { code: 'badValue', reason: issue.message };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function refuse(problem: TransferProblem): ImportCheck {
  return { ok: false, problems: [problem], problemCount: 1 };
}

function recordName(table: TableName, index: number, row: unknown): string {
  const id = isObject(row) && typeof row.id === 'string' ? ` (id ${row.id.slice(0, 80)})` : '';
  return `${table}[${index}]${id}`;
}

/** Finds where each problem is in the file, as the template import does; only when there are problems. */
function locate(text: string, located: { problem: TransferProblem; path: (string | number)[] }[]): void {
  if (text.length > LOCATE_MAX_CHARS || located.length === 0) return;
  const tree = parseTree(text);
  if (!tree) return;
  for (const { problem, path } of located) {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node: Node | undefined = findNodeAtLocation(tree, path.slice(0, depth));
      if (node) {
        Object.assign(problem, position(text, node.offset));
        break;
      }
    }
  }
}

export async function checkExportFile(text: string, options: CheckOptions = {}): Promise<ImportCheck> {
  const chunkSize = options.chunkSize ?? 2_000;
  if (text.trim() === '') return refuse({ record: '', field: '', code: 'empty', reason: 'The file is empty' });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    const first = errors[0];
    return refuse({
      record: '',
      field: '',
      code: 'notJson',
      reason: `not JSON${first ? `: ${printParseErrorCode(first.error)}` : ''}`,
      ...(first ? position(text, first.offset) : {}),
    });
  }
  if (!isObject(data) || data.format !== EXPORT_FORMAT) {
    return refuse({ record: '', field: 'format', code: 'wrongFormat', reason: `not a Kotae backup (no "format": "${EXPORT_FORMAT}")` });
  }
  if (data.version !== EXPORT_VERSION) {
    return refuse({ record: '', field: 'version', code: 'wrongVersion', reason: `version ${JSON.stringify(data.version)} is not one this Kotae reads (${EXPORT_VERSION})` });
  }
  const records = data.records ?? {};
  if (!isObject(records)) return refuse({ record: '', field: 'records', code: 'wrongType', reason: 'expected object' });

  const problems: { problem: TransferProblem; path: (string | number)[] }[] = [];
  let problemCount = 0;
  const report = (problem: TransferProblem, path: (string | number)[]) => {
    problemCount += 1;
    if (problems.length < PROBLEMS_SHOWN) problems.push({ problem, path });
  };
  const ignored = new Map<string, IgnoredField>();
  const ignore = (table: IgnoredField['table'], field: string) => {
    const key = `${table}\u0000${field}`;
    const known = ignored.get(key);
    if (known) known.count += 1;
    else ignored.set(key, { table, field, count: 1 });
  };

  for (const name of Object.keys(records)) {
    if (!TRANSFER_TABLES.some((t) => t.name === name)) ignored.set(`records\u0000${name}`, { table: 'records', field: name, count: 1 });
  }
  for (const { name } of TRANSFER_TABLES) {
    const rows = records[name];
    if (rows !== undefined && !Array.isArray(rows)) report({ record: name, field: '', code: 'notList', reason: 'expected a list' }, ['records', name]);
  }
  const total = TRANSFER_TABLES.reduce((sum, { name }) => sum + (Array.isArray(records[name]) ? (records[name] as unknown[]).length : 0), 0);

  const checked = emptyRecordSet();
  let done = 0;
  options.onProgress?.({ phase: 'checking', done, total });
  for (const table of TRANSFER_TABLES) {
    const rows = records[table.name];
    if (!Array.isArray(rows)) continue;
    const known = new Set(Object.keys(table.schema.shape));
    const ids = new Map<string, number>();
    const out: TransferRow[] = [];
    for (let start = 0; start < rows.length; start += chunkSize) {
      const end = Math.min(rows.length, start + chunkSize);
      for (let index = start; index < end; index += 1) {
        const row: unknown = rows[index];
        const parsed = table.schema.safeParse(row);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            report({ record: recordName(table.name, index, row), field: issue.path.join('.'), ...describe(issue, row) }, ['records', table.name, index, ...(issue.path as (string | number)[])]);
          }
          continue;
        }
        const record = parsed.data as TransferRow;
        const first = ids.get(record.id);
        if (first !== undefined) {
          report(
            { record: recordName(table.name, index, row), field: 'id', code: 'duplicateId', reason: `the id is used twice (first by ${table.name}[${first}])` },
            ['records', table.name, index, 'id'],
          );
          continue;
        }
        ids.set(record.id, index);
        for (const field of Object.keys(row as object)) if (!known.has(field)) ignore(table.name, field);
        out.push(record);
      }
      done += end - start;
      options.onProgress?.({ phase: 'checking', done, total });
      await nextTick();
    }
    checked[table.name] = out;
  }

  const settings = settingsSectionSchema.safeParse(data.settings ?? {});
  if (!settings.success) {
    for (const issue of settings.error.issues) {
      report({ record: 'settings', field: issue.path.join('.'), ...describe(issue, data.settings) }, ['settings', ...(issue.path as (string | number)[])]);
    }
  } else if (isObject(data.settings)) {
    for (const field of Object.keys(data.settings)) if (!(field in settingsSectionSchema.shape)) ignore('settings', field);
  }

  if (problemCount > 0) {
    locate(text, problems);
    return { ok: false, problems: problems.map((p) => p.problem), problemCount };
  }
  return { ok: true, file: { records: checked, settings: settings.success ? settings.data : {}, total, ignored: [...ignored.values()] } };
}

/** The fields by which a record points at a customer record. */
const CUSTOMER_REFERENCES = ['customerId', 'mergedInto'] as const;

/**
 * Refuses records that point at a customer neither the file nor this browser holds (a
 * file edited by hand, or cut down): the panel could not show them. Reads the database,
 * so it runs after the file checked and before the transaction.
 */
export async function checkReferences(db: KotaeDB, file: CheckedImport): Promise<ImportCheck> {
  const inFile = new Set(file.records.customers.map((c) => c.id));
  const wanted = new Set<string>();
  for (const { name } of TRANSFER_TABLES) {
    for (const row of file.records[name]) {
      for (const field of CUSTOMER_REFERENCES) {
        const target = row[field];
        if (typeof target === 'string' && !inFile.has(target)) wanted.add(target);
      }
    }
  }
  if (wanted.size === 0) return { ok: true, file };
  const asked = [...wanted];
  const found = await db.customers.bulkGet(asked);
  const missing = new Set(asked.filter((_, i) => found[i] === undefined));
  if (missing.size === 0) return { ok: true, file };
  const problems: TransferProblem[] = [];
  let problemCount = 0;
  for (const { name } of TRANSFER_TABLES) {
    file.records[name].forEach((row, index) => {
      for (const field of CUSTOMER_REFERENCES) {
        const target = row[field];
        if (typeof target !== 'string' || !missing.has(target)) continue;
        problemCount += 1;
        if (problems.length < PROBLEMS_SHOWN) {
          problems.push({ record: recordName(name, index, row), field, code: 'unknownCustomer', reason: `no customer ${target.slice(0, 80)} in the file or here` });
        }
      }
    });
  }
  return { ok: false, problems, problemCount };
}
