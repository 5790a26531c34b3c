import { codeDeliveryReader, type CodeDelivery } from '../src/cognito';

// cognito-local 5.3's delivery log records, colours included, as its output reaches the harness.
const record = (box: string) =>
  `[1795458907750] \u001b[32mINFO\u001b[39m: \u001b[36m8c721cda SignUp ${box}\u001b[39m ` +
  '\u001b[90m{"reqId":"8c721cda","target":"SignUp"}\u001b[39m\n';

/** The box as boxen draws it when it is narrower than the terminal: one row a line. */
const box = (destination: string, code: string) =>
  record(
    '╭────────────────────────────────────╮\n' +
      '│                                    │\n' +
      '│   Confirmation Code Delivery       │\n' +
      '│                                    │\n' +
      '│   Username:    babf12da-37c7       │\n' +
      `│   Destination: ${destination}   │\n` +
      `│   Code:        ${code}         │\n` +
      '│                                    │\n' +
      '╰────────────────────────────────────╯',
  );

// Recorded from cognito-local 5.3 (boxen 5) on a pipe, 80 columns: an address of 60 characters makes
// the box as wide as the terminal, and boxen then joins its rows with no newline and wraps the
// address onto a row of its own.
const FULL_WIDTH = record(
  '╭──────────────────────────────────────────────────────────────────────────────╮' +
    '│                                                                              │' +
    '│   Confirmation Code Delivery                                                 │' +
    '│                                                                              │' +
    '│   Username:    bd30b4e8-f175-4905-9882-4802b22273a8                          │' +
    '│   Destination:                                                               │' +
    '│   a-very-long-local-part-of-an-address.for.testing@example.com               │' +
    '│   Code:        770469                                                        │' +
    '│                                                                              │' +
    '╰──────────────────────────────────────────────────────────────────────────────╯',
);

function reader() {
  const seen: CodeDelivery[] = [];
  return { seen, read: codeDeliveryReader((delivery) => seen.push(delivery)) };
}

describe('codeDeliveryReader', () => {
  it('reports each delivery once, even when a box arrives in pieces', () => {
    const { seen, read } = reader();
    const text = box('ada@example.com', '123456') + box('bob@example.com', '654321');
    const cut = text.indexOf('123456') + 3; // in the middle of the first code
    read(text.slice(0, cut));
    expect(seen).toEqual([]);
    read(text.slice(cut));
    read('[1795458907751] INFO: unrelated line\n');
    expect(seen).toEqual([
      { destination: 'ada@example.com', code: '123456' },
      { destination: 'bob@example.com', code: '654321' },
    ]);
  });

  it('reports a delivery as soon as its box is complete, not when more output follows', () => {
    const { seen, read } = reader();
    read(box('ada@example.com', '123456'));
    expect(seen).toEqual([{ destination: 'ada@example.com', code: '123456' }]);
  });

  it('reads a box drawn as wide as the terminal, with its rows joined and a value wrapped', () => {
    const { seen, read } = reader();
    read(FULL_WIDTH);
    expect(seen).toEqual([
      { destination: 'a-very-long-local-part-of-an-address.for.testing@example.com', code: '770469' },
    ]);
    read(box('bob@example.com', '654321'));
    expect(seen).toHaveLength(2);
    expect(seen[1]).toEqual({ destination: 'bob@example.com', code: '654321' });
  });

  it('survives a colour code cut between chunks', () => {
    const { seen, read } = reader();
    const text = box('ada@example.com', '123456');
    const cut = text.indexOf('\u001b[39m') + 3;
    read(text.slice(0, cut));
    read(text.slice(cut));
    expect(seen).toEqual([{ destination: 'ada@example.com', code: '123456' }]);
  });

  it('ignores boxes that are not code deliveries', () => {
    const { seen, read } = reader();
    read(record('╭──────╮\n│ Hello │\n╰──────╯'));
    expect(seen).toEqual([]);
  });
});
