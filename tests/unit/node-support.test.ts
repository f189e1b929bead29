// The AWS SDK's nine-line Node.js 20 notice becomes one line of ours on Node.js 20, and nothing on 22 or 24.
import { afterEach, describe, expect, it } from 'vitest';
import {
  announceNodeSupport,
  nodeSupportNotice,
  SDK_NODE_WARNING_SWITCH,
} from '../../infra/local/node-support';

describe('the Node.js support notice', () => {
  const saved = process.env[SDK_NODE_WARNING_SWITCH];
  afterEach(() => {
    if (saved === undefined) delete process.env[SDK_NODE_WARNING_SWITCH];
    else process.env[SDK_NODE_WARNING_SWITCH] = saved;
  });

  it('says in one line on Node.js 20 what the SDK says in nine, and nothing on 22 or 24', () => {
    const notice = nodeSupportNotice('v20.19.0');
    expect(notice).toMatch(
      /^Note: Node\.js v20\.19\.0 runs this project, but AWS SDK releases after the first week of January 2027 need Node\.js 22 or later/,
    );
    expect(notice).not.toContain('\n');
    expect(nodeSupportNotice('v22.12.0')).toBeUndefined();
    expect(nodeSupportNotice('v24.0.0')).toBeUndefined();
  });

  it('prints it once and then turns the SDK notice off, on Node.js 20 only', () => {
    delete process.env[SDK_NODE_WARNING_SWITCH];
    const lines: string[] = [];
    announceNodeSupport((line) => lines.push(line), 'v20.20.2');
    announceNodeSupport((line) => lines.push(line), 'v20.20.2');
    expect(lines).toHaveLength(1);
    expect(process.env[SDK_NODE_WARNING_SWITCH]).toBe('true');

    delete process.env[SDK_NODE_WARNING_SWITCH];
    announceNodeSupport((line) => lines.push(line), 'v24.1.0');
    expect(lines).toHaveLength(1);
    expect(process.env[SDK_NODE_WARNING_SWITCH]).toBeUndefined();
  });
});
