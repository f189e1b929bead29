// Saving a file from the API: fetched with the user's token (a plain link would carry none once deployed),
// then handed to the browser as a download under the name the API gave it.

/** Saves a file the API sent (e.g. `downloadPlacements(…)` of api.ts); answers the file's name. */
export async function saveFromApi(download: Promise<{ blob: Blob; fileName: string }>): Promise<string> {
  const { blob, fileName } = await download;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}
