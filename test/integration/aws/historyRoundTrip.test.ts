// Export → JSON → import, and delete-all, through the real DynamoDB adapters on the local table.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { AwsClients } from '../../../src/aws/clients.ts';
import { DynamoCallLog } from '../../../src/aws/dynamoCallLog.ts';
import { DynamoConversationRepository } from '../../../src/aws/dynamoConversationRepository.ts';
import { DynamoDocumentRepository } from '../../../src/aws/dynamoDocumentRepository.ts';
import { deleteAllHistory } from '../../../src/domain/export/deleteAllHistory.ts';
import { exportConversations } from '../../../src/domain/export/exportConversations.ts';
import { importBundle } from '../../../src/domain/export/importBundle.ts';
import { parseExport } from '../../../src/domain/export/parseExport.ts';
import { toJson } from '../../../src/domain/export/schema.ts';
import type { Message } from '../../../src/domain/types.ts';
import { plainConversation, richConversation } from '../../unit/export/support/bundle.ts';
import { adminClients } from './support.ts';

const open: AwsClients[] = [];
afterAll(() => open.splice(0).forEach((c) => c.destroy()));

async function user() {
  const clients = await adminClients(`ap-northeast-2:${randomUUID()}`);
  open.push(clients);
  return {
    clients,
    conversations: new DynamoConversationRepository(clients),
    documents: new DynamoDocumentRepository(clients),
    callLog: new DynamoCallLog(clients),
  };
}

async function sortKeys(clients: AwsClients): Promise<string[]> {
  const dynamodb = await clients.dynamodb();
  const result = await dynamodb.send(
    new QueryCommand({
      TableName: clients.config.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: clients.identityId } },
    }),
  );
  return (result.Items ?? []).map((item) => item.sk?.S ?? '');
}

const withoutIds = ({ id: _id, conversationId: _c, ...rest }: Message) => rest;

describe('history export and import on the local DynamoDB table', () => {
  it('moves a history from one user to another with every field except the ids', async () => {
    const from = await user();
    const rich = richConversation('c1');
    const plain = plainConversation('c2', 30, 5);
    for (const seeded of [rich, plain]) {
      await from.conversations.saveConversation(seeded.conversation);
      for (const m of seeded.messages) await from.conversations.saveMessage(m);
    }

    const text = toJson(await exportConversations(from, 'all', { pageSize: 2 }));
    const to = await user();
    const { conversationIds } = await importBundle(to, parseExport(text), { language: 'ko' });

    const listed = await to.conversations.listConversations();
    expect(listed.items.map((c) => c.id)).toEqual(conversationIds);
    for (const [id, original] of [
      [conversationIds[0]!, plain],
      [conversationIds[1]!, rich],
    ] as const) {
      expect({ ...(await to.conversations.getConversation(id)), id: 'x' }).toEqual({ ...original.conversation, id: 'x' });
      const messages = (await to.conversations.listMessages(id)).items.reverse();
      expect(messages.map(withoutIds)).toEqual(original.messages.map(withoutIds));
    }
    // The exporter's own items are untouched.
    expect((await from.conversations.listConversations()).items.map((c) => c.id).sort()).toEqual(['c1', 'c2']);
  });

  it('deletes every conversation and message item of the user, paging, and can run again', async () => {
    const me = await user();
    for (let i = 0; i < 5; i++) {
      const seeded = plainConversation(`c${i}`, i, 3);
      await me.conversations.saveConversation(seeded.conversation);
      for (const m of seeded.messages) await me.conversations.saveMessage(m);
    }
    await me.documents.saveDocument({
      id: 'd1', fileName: '소개.pdf', type: 'pdf', size: 1, s3Key: 'private/x/documents/d1/소개.pdf', status: 'ready',
      createdAt: '2026-11-21T09:00:00.000Z', updatedAt: '2026-11-21T09:00:00.000Z',
    });
    await me.callLog.record({ id: 'r1', at: '2026-11-21T09:00:00.000Z', kind: 'chat', modelId: 'm', attempt: 1, status: 'complete', totalMs: 3 });

    const result = await deleteAllHistory(me, { pageSize: 2 });
    expect(result).toEqual({ conversations: 5, documents: 1, callLogEntries: 1 });
    expect(await sortKeys(me.clients)).toEqual([]);
    expect(await deleteAllHistory(me)).toEqual({ conversations: 0, documents: 0, callLogEntries: 0 });
  });
});
