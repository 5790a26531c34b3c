// Erasures and exports as the account routes return them (typed by their contracts' schemas).
import type { DataExport } from '@gallery/core/access/exports';
import type { Erasure } from '@gallery/core/access/erasures';
import type { ErasureView, ExportView } from '../contracts/account';
import { exportDownloadUrl } from './s3';

/** An erasure's status; a failure shows what failed, never its cause (which may name internals). */
export function erasureView(erasure: Erasure): ErasureView {
  return {
    erasureId: erasure.erasureId,
    status: erasure.status,
    step: erasure.step,
    progress: erasure.progress,
    attempts: erasure.attempts,
    ...(erasure.failure ? { failure: { error: erasure.failure.error } } : {}),
    requestedAt: erasure.requestedAt,
    updatedAt: erasure.updatedAt,
    ...(erasure.finishedAt ? { finishedAt: erasure.finishedAt } : {}),
  };
}

/** An export; a ready one carries a download URL that lasts minutes. */
export async function exportView(record: DataExport, now = new Date()): Promise<ExportView> {
  const view: ExportView = {
    exportId: record.exportId,
    status: record.status,
    requestedAt: record.requestedAt,
  };
  if (record.status === 'ready' && record.objectKey) {
    const download = await exportDownloadUrl(record.objectKey, now);
    view.url = download.url;
    view.urlExpiresAt = download.expiresAt;
    if (record.bytes !== undefined) view.bytes = record.bytes;
    if (record.counts) view.counts = record.counts;
    if (record.expiresAt) view.expiresAt = record.expiresAt;
  }
  if (record.failure) view.failure = { error: record.failure.error };
  return view;
}
