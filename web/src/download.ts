// Saving a file from the API: fetched with the user's token (a plain link would carry none once deployed),
// then handed to the browser as a download under the name the API gave it.
import { downloadFile } from './api';

export async function saveFromApi(path: string): Promise<string> {
  const { blob, fileName } = await downloadFile(path);
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
