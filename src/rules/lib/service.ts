// ServiceBinary = %dirid%\path\file.sys [args] (inf-format.md §2.5).
/** The file name a ServiceBinary value points at, without arguments. */
export function serviceBinaryFile(value: string): string {
  let path = value.trim();
  const ext = /\.(sys|exe|dll)\b/i.exec(path);
  if (ext) path = path.slice(0, ext.index + ext[0].length);
  const parts = path.split(/[\\/]/);
  return (parts[parts.length - 1] ?? '').trim();
}

/** Whether raw (unsubstituted) text starts with a %dirid% token. */
export function startsWithDirid(raw: string): boolean {
  return /^%-?\d+%/.test(raw.trim());
}
