import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createLogger } from '@gallery/lambda/logger';
import { forgetDeletedPhoto } from '../../reactions/forget-photos';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** Photo REMOVE records (config.yml's filter) → each photo's activity entries deleted. */
export async function handler(event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> {
  const log = createLogger({ requestId: context.awsRequestId, function: 'forgetPhotoActivity' });
  const recordHandler = async (record: DynamoDBRecord) => {
    const outcome = await forgetDeletedPhoto(record, new Date());
    log.info('deleted photo', { sequenceNumber: record.dynamodb?.SequenceNumber, outcome });
  };
  return processPartialResponse(event, recordHandler, processor, { context });
}
