// Collects the findings of one subject (a resource, an output, a wire) with the comparison
// spelled out in each message.

import { isDeepStrictEqual } from 'node:util';
import { type Finding, type Via, fail, pass } from './model';

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

export class Recorder {
  readonly findings: Finding[] = [];

  constructor(
    private readonly service: string,
    private readonly subject: string,
    private readonly type: string,
  ) {}

  /** `what` of the deployed resource equals what the template says. */
  equal(via: Via, what: string, actual: unknown, expected: unknown): void {
    this.findings.push(
      isDeepStrictEqual(actual, expected)
        ? pass(this.service, this.subject, this.type, via, `${what} = ${show(expected)}`)
        : fail(
            this.service,
            this.subject,
            this.type,
            via,
            `${what} is ${show(actual)}, expected ${show(expected)}`,
          ),
    );
  }

  /**
   * For a property moto's CloudFormation ignores: equal through the API if moto kept it after all,
   * otherwise what the deployed template states, with what moto shows instead.
   */
  equalOrIgnored(what: string, actual: unknown, expected: unknown): void {
    if (isDeepStrictEqual(actual, expected)) this.equal('api', what, actual, expected);
    else
      this.findings.push(
        pass(
          this.service,
          this.subject,
          this.type,
          'template',
          `${what} = ${show(expected)} (moto: ${show(actual)})`,
        ),
      );
  }

  that(via: Via, what: string, ok: boolean, found?: string): void {
    this.findings.push(
      ok
        ? pass(this.service, this.subject, this.type, via, what)
        : fail(this.service, this.subject, this.type, via, `${what}: ${found ?? 'no'}`),
    );
  }

  /** A failure of the API call itself (missing resource, refused request). */
  error(via: Via, what: string, error: unknown): void {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.findings.push(fail(this.service, this.subject, this.type, via, `${what}: ${reason}`));
  }
}
