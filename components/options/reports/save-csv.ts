/** Hands a CSV file to the browser's downloads. */
export function saveCsv(text: string, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  link.download = name;
  link.click();
  // The download reads the blob after click returns.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
