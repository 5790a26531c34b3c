// Entities read TABLE_NAME on first use; unit tests build params only (no network).
process.env.TABLE_NAME ??= 'gallery-unit';
process.env.AWS_REGION ??= 'us-east-1';
