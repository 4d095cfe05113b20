// The browser harness has no save dialog: main hands an export back as bytes and the page offers
// them as a download. (In the app main asks where to save and writes the file itself.)
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function offerDownload(fileName: string, mime: string, base64: string): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by the time this runs; the object URL is not needed any more.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
