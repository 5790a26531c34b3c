import path from 'node:path';
import { includedFiles, paramNames, paramsRead } from './params';

describe('params', () => {
  it('finds param names and included files in a configuration text', () => {
    const text =
      "a: ${param:tableName, 'x'}\nb: ${param:bucketName}\nc: ${file(./src/f/config.yml)}\nd: ${file(../serverless.shared.yml):esbuild}";
    expect(paramNames(text)).toEqual(['tableName', 'bucketName']);
    expect(includedFiles(text)).toEqual(['./src/f/config.yml', '../serverless.shared.yml']);
  });

  it("reads the api's params from its serverless.yml and the files it includes", () => {
    const read = paramsRead(path.resolve(__dirname, '../../../../services/api'));
    expect([...read].sort()).toEqual([
      'alarmTopicArn',
      'bucketName',
      'cursorSecret',
      'erasureStateMachineArn',
      'exportStateMachineArn',
      'idempotencyTableArn',
      'idempotencyTableName',
      'jwtIssuer',
      'logSampleRate',
      'mediaCdnUrl',
      'publicBaseUrl',
      'tableArn',
      'tableName',
      'traceSdk',
      'userPoolClientId',
    ]);
  });
});
