// Publishes the digest to the authority's SNS topic (e-mail subscriptions come from its config).
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Publisher } from './run';

export class SnsPublisher implements Publisher {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(message: { subject: string; body: string; authority: string; month: string }) {
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: message.subject,
        Message: message.body,
        MessageAttributes: {
          authority: { DataType: 'String', StringValue: message.authority },
          month: { DataType: 'String', StringValue: message.month },
        },
      }),
    );
  }
}
