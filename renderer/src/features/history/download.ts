/**
 * Saves text as a file from the page: a Blob, an object URL and a click on a temporary `<a download>`.
 * Needs no CSP change (a download is not a fetch) and works the same in Electron and in a browser.
 */
export function downloadText(text: string, fileName: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: revoking at once can cancel the download before the browser has read the Blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
