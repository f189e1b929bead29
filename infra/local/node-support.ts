// The AWS SDK for JavaScript warns, in nine lines at its first client, that its releases after the first
// week of January 2027 need Node.js 22. The project runs on Node.js 20, 22 and 24 (Lambda runs 24), so on
// Node.js 20 the local tools say the same in one line of their own and the SDK does not repeat it; on 22
// and 24 there is nothing to say. The warning is shortened, never dropped.

/** The SDK's own switch for its Node.js version warning. */
export const SDK_NODE_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/** The one-line notice for this Node.js version, or undefined when there is nothing to say. */
export function nodeSupportNotice(version: string = process.version): string | undefined {
  const major = Number.parseInt(version.replace(/^v/, ''), 10);
  if (!Number.isFinite(major) || major >= 22) return undefined;
  return `Note: Node.js ${version} runs this project, but AWS SDK releases after the first week of January 2027 need Node.js 22 or later: use Node.js 22 or 24 (Lambda runs 24).`;
}

/** Says the notice once (on stderr by default) and stops the SDK printing its longer form of it. */
export function announceNodeSupport(
  write: (line: string) => void = (line) => console.warn(line),
  version: string = process.version,
): void {
  const notice = nodeSupportNotice(version);
  if (notice === undefined || process.env[SDK_NODE_WARNING_SWITCH] === 'true') return;
  write(notice);
  process.env[SDK_NODE_WARNING_SWITCH] = 'true';
}
