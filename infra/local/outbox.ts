// The local stand-in for the alert topic: each digest is written to the outbox folder and the console.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Publisher } from '../../functions/alerts/run';

export class OutboxPublisher implements Publisher {
  constructor(
    private readonly directory: string,
    private readonly log: (text: string) => void = (text) => console.log(text),
  ) {}

  async publish(message: { subject: string; body: string; authority: string; month: string }) {
    await mkdir(this.directory, { recursive: true });
    const file = join(this.directory, `${message.authority}-${message.month}-${Date.now()}.txt`);
    await writeFile(file, `Subject: ${message.subject}\n\n${message.body}\n`, { flag: 'wx' });
    this.log(`[outbox] ${message.subject} → ${file}`);
  }
}
