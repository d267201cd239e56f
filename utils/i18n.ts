/**
 * Every user-facing string in English and Japanese. The UI language follows the
 * browser's. `ja` is typed against `en`, so a string missing in one language is a
 * type error.
 */
import { browser } from 'wxt/browser';

const en = {
  me: 'Me',
  loading: 'Loading…',
  'status.new': 'New',
  'status.open': 'Open',
  'status.waiting': 'Waiting on customer',
  'status.resolved': 'Resolved',
  'statusShort.new': 'New',
  'statusShort.open': 'Open',
  'statusShort.waiting': 'Waiting',
  'statusShort.resolved': 'Done',
  badgeLabel: 'Kotae: {who}',
  badgeDescription: '{status}. Seen: {seen}, replied: {replied}, notes: {notes}. Tags: {tags}.',
  badgeNoTags: 'none',
  badgeUnavailable: 'Kotae could not load this customer',
  panelFrameTitle: 'Kotae customer panel',
  panelTitle: 'Customer {who}',
  closePanel: 'Close panel',
  statusLabel: 'Status',
  tagsHeading: 'Tags',
  newTagLabel: 'New tag',
  addTag: 'Add tag',
  removeTag: 'Remove tag {tag}',
  noTags: 'No tags yet.',
  notesHeading: 'Notes',
  newNoteLabel: 'New note',
  addNote: 'Add note',
  editNote: 'Edit note',
  editNoteLabel: 'Edit note text',
  saveNote: 'Save note',
  cancel: 'Cancel',
  deleteNote: 'Delete note',
  confirmDeleteNote: 'Delete this note?',
  confirmDelete: 'Delete',
  noNotes: 'No notes yet.',
  noteMeta: '{author} · {time}',
  noteEdited: 'edited {time}',
  noteCounter: '{count} / {max} characters',
  historyHeading: 'History',
  'interaction.seen': 'Post seen',
  'interaction.replied': 'Reply sent',
  openPost: 'Open post',
  noHistory: 'Nothing recorded yet.',
  identitiesHeading: 'Linked identities',
  linkKindLabel: 'Where',
  'kind.x': 'X',
  'kind.facebook': 'Facebook',
  'kind.email': 'E-mail',
  linkHandleLabel: 'Handle, id or e-mail address',
  linkIdentity: 'Link identity',
  unlinkIdentity: 'Unlink {who}',
  linkedByHand: 'linked by hand',
  saved: 'Saved',
  retry: 'Try again',
  'error.invalidMessage': 'Kotae could not understand that request.',
  'error.unknownMessage': 'Kotae could not understand that request.',
  'error.forbidden': 'That action is not allowed from here.',
  'error.notFound': 'That record no longer exists.',
  'error.tooLong': 'Too long: {count} characters, at most {max}. Nothing was saved; your text is still here.',
  'error.empty': 'Write something first.',
  'error.invalidHandle': 'That is not a valid handle, id or e-mail address.',
  'error.alreadyLinked': 'That identity is already linked to this customer.',
  'error.lastIdentity': 'A customer keeps at least one identity.',
  'error.storage': 'Kotae could not read or write its data on this browser.',
  'error.unavailable': 'Kotae is not responding. Reload the page and try again.',
  'error.internal': 'Something went wrong in Kotae.',
  popupTitle: 'Kotae',
  popupCustomers: 'Customers',
  popupNotes: 'Notes',
  popupPostsSeen: 'Posts seen',
  popupOpenOptions: 'Settings',
  popupLocalOnly: 'Working on this browser only (no team server).',
  optionsTitle: 'Kotae settings',
  agentNameLabel: 'Your name (shown on your notes)',
  saveSettings: 'Save settings',
};

export type MessageKey = keyof typeof en;

const ja: Record<MessageKey, string> = {
  me: '自分',
  loading: '読み込み中…',
  'status.new': '新規',
  'status.open': '対応中',
  'status.waiting': 'お客様の返信待ち',
  'status.resolved': '解決済み',
  'statusShort.new': '新規',
  'statusShort.open': '対応中',
  'statusShort.waiting': '返信待ち',
  'statusShort.resolved': '解決',
  badgeLabel: 'Kotae：{who}',
  badgeDescription: '{status}。閲覧 {seen} 回、返信 {replied} 回、メモ {notes} 件。タグ：{tags}。',
  badgeNoTags: 'なし',
  badgeUnavailable: 'このお客様の情報を読み込めませんでした',
  panelFrameTitle: 'Kotae お客様パネル',
  panelTitle: 'お客様 {who}',
  closePanel: 'パネルを閉じる',
  statusLabel: 'ステータス',
  tagsHeading: 'タグ',
  newTagLabel: '新しいタグ',
  addTag: 'タグを追加',
  removeTag: 'タグ「{tag}」を外す',
  noTags: 'タグはまだありません。',
  notesHeading: 'メモ',
  newNoteLabel: '新しいメモ',
  addNote: 'メモを追加',
  editNote: 'メモを編集',
  editNoteLabel: 'メモの本文',
  saveNote: 'メモを保存',
  cancel: 'キャンセル',
  deleteNote: 'メモを削除',
  confirmDeleteNote: 'このメモを削除しますか？',
  confirmDelete: '削除する',
  noNotes: 'メモはまだありません。',
  noteMeta: '{author}・{time}',
  noteEdited: '{time} に編集',
  noteCounter: '{count} / {max} 文字',
  historyHeading: '履歴',
  'interaction.seen': '閲覧した投稿',
  'interaction.replied': '送信した返信',
  openPost: '投稿を開く',
  noHistory: 'まだ記録はありません。',
  identitiesHeading: '紐付けたアカウント',
  linkKindLabel: '種類',
  'kind.x': 'X',
  'kind.facebook': 'Facebook',
  'kind.email': 'メール',
  linkHandleLabel: 'ハンドル・ID・メールアドレス',
  linkIdentity: 'アカウントを紐付け',
  unlinkIdentity: '{who} の紐付けを解除',
  linkedByHand: '手動で紐付け',
  saved: '保存しました',
  retry: '再試行',
  'error.invalidMessage': 'Kotae がリクエストを理解できませんでした。',
  'error.unknownMessage': 'Kotae がリクエストを理解できませんでした。',
  'error.forbidden': 'ここからはその操作はできません。',
  'error.notFound': 'その記録はもう存在しません。',
  'error.tooLong': '長すぎます（{count} 文字、上限 {max} 文字）。保存していません。入力した文章はそのまま残っています。',
  'error.empty': '内容を入力してください。',
  'error.invalidHandle': '有効なハンドル・ID・メールアドレスではありません。',
  'error.alreadyLinked': 'そのアカウントはすでにこのお客様に紐付いています。',
  'error.lastIdentity': 'お客様には少なくとも一つのアカウントが必要です。',
  'error.storage': 'このブラウザで Kotae のデータを読み書きできませんでした。',
  'error.unavailable': 'Kotae が応答しません。ページを再読み込みしてもう一度お試しください。',
  'error.internal': 'Kotae で問題が発生しました。',
  popupTitle: 'Kotae',
  popupCustomers: 'お客様',
  popupNotes: 'メモ',
  popupPostsSeen: '閲覧した投稿',
  popupOpenOptions: '設定',
  popupLocalOnly: 'このブラウザだけで動作中（チームサーバーなし）',
  optionsTitle: 'Kotae の設定',
  agentNameLabel: 'あなたの名前（メモに表示されます）',
  saveSettings: '設定を保存',
};

export const messages = { en, ja } as const;
export type Lang = keyof typeof messages;
export const LANGS: readonly Lang[] = ['en', 'ja'];

export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const template = messages[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The browser's UI language, narrowed to the ones Kotae speaks. */
export function detectLanguage(): Lang {
  let tag = '';
  try {
    tag = browser.i18n.getUILanguage();
  } catch {
    tag = globalThis.navigator?.language ?? 'en';
  }
  return tag.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function formatDateTime(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatNumber(lang: Lang, value: number): string {
  return new Intl.NumberFormat(lang).format(value);
}
