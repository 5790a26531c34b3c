import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { DynamoDBRecord } from 'aws-lambda';
import { recordCorrelationIds, streamHandler } from '@gallery/lambda/events';
import { logger } from '@gallery/lambda/logger';
import { applyReactionBatch } from '../../reactions/apply-batch';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * Like/Comment records (config.yml's filter) → photo counters and activity entries, one transaction
 * per photo. The batch is applied as a whole first (it sums per photo); Powertools then reports the
 * records of the photos that failed, so Lambda resumes at the first of them. If every record
 * failed, Powertools throws instead: a function error, which Lambda bisects and retries. The batch's
 * line names the API requests its records came from.
 */
export const handler = streamHandler('applyReactions', async (event, context) => {
  const { summary, failures } = await applyReactionBatch(event.Records, logger);
  logger.info('batch applied', { ...summary, correlation_ids: recordCorrelationIds(event.Records) });
  const recordHandler = async (record: DynamoDBRecord): Promise<void> => {
    const failure = failures.get(record.dynamodb?.SequenceNumber ?? '');
    if (failure) throw failure;
  };
  return processPartialResponse(event, recordHandler, processor, { context });
});
