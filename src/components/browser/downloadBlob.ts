/**
 * Saves bytes or text as a file named `fileName` through the browser's download (a temporary object URL on a clicked
 * link, revoked after 10 s, long enough for the download to start). `type` is the file's MIME type.
 */
export function downloadBlob(parts: BlobPart[], fileName: string, type = "application/octet-stream"): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob(parts, {type}));
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
