import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { DynamoDBRecord } from 'aws-lambda';
import { recordCorrelationId, streamHandler } from '@gallery/lambda/events';
import { logger } from '@gallery/lambda/logger';
import { forgetDeletedPhoto } from '../../reactions/forget-photos';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * Photo REMOVE records (config.yml's filter) → each photo's activity entries deleted. Records run
 * in parallel: each line names its own record's correlation id rather than the invocation's.
 */
export const handler = streamHandler('forgetPhotoActivity', async (event, context) => {
  const recordHandler = async (record: DynamoDBRecord) => {
    const outcome = await forgetDeletedPhoto(record, new Date());
    logger.info('deleted photo', {
      sequenceNumber: record.dynamodb?.SequenceNumber,
      record_correlation_id: recordCorrelationId(record),
      outcome,
    });
  };
  return processPartialResponse(event, recordHandler, processor, { context });
});
