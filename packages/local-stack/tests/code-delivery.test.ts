import { codeDeliveryReader, type CodeDelivery } from '../src/cognito';

// cognito-local 5.3's delivery log line, colours included, as `pnpm dev` receives it.
const box = (destination: string, code: string) =>
  '[1795458907750] \u001b[32mINFO\u001b[39m: \u001b[36m8c721cda SignUp ╭────╮\n' +
  '│   Confirmation Code Delivery   │\n' +
  '│   Username:    babf12da-37c7   │\n' +
  `│   Destination: ${destination}   │\n` +
  `│   Code:        ${code}         │\n` +
  '╰────╯\u001b[39m \u001b[90m{"reqId":"8c721cda","target":"SignUp"}\u001b[39m\n';

describe('codeDeliveryReader', () => {
  it('reports each delivery once, even when a box arrives in pieces', () => {
    const seen: CodeDelivery[] = [];
    const read = codeDeliveryReader((delivery) => seen.push(delivery));
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
});
