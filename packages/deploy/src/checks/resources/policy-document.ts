// IAM policy documents as the IAM API returns them, normalised for comparison with a template's.

import { type Json, asArray, isObject } from '../model';

/**
 * Python's repr of a dict (single-quoted strings, True/False/None) as JSON. moto 5.2.5 returns the
 * inline policies of roles created by CloudFormation that way instead of URL-encoded JSON.
 */
function pythonLiteralToJson(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (char === "'" || char === '"') {
      let value = '';
      for (i += 1; i < text.length && text[i] !== char; i += 1) {
        if (text[i] === '\\') i += 1;
        value += text[i];
      }
      out += JSON.stringify(value);
    } else if (/[A-Za-z]/.test(char)) {
      const word = /^[A-Za-z]+/.exec(text.slice(i))?.[0] ?? char;
      out += ({ True: 'true', False: 'false', None: 'null' } as Record<string, string>)[word] ?? word;
      i += word.length - 1;
    } else out += char;
  }
  return out;
}

/** A policy document from the IAM API: URL-encoded JSON on AWS, possibly a Python literal on moto. */
export function parsePolicyDocument(document: string): Json {
  const text = /%[0-9A-Fa-f]{2}/.test(document) ? decodeURIComponent(document) : document;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return JSON.parse(pythonLiteralToJson(text)) as Json;
  }
}

/** Statement lists, and Action/Resource as lists, whichever form the author chose; no Version. */
export function normalisePolicy(document: Json): Json {
  if (!isObject(document)) return document;
  return asArray(document.Statement).map((statement) => {
    if (!isObject(statement)) return statement;
    const normalised: Record<string, Json> = { ...statement };
    for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) {
      if (key in normalised) normalised[key] = asArray(normalised[key]);
    }
    if (isObject(normalised.Principal)) {
      normalised.Principal = Object.fromEntries(
        Object.entries(normalised.Principal).map(([key, value]) => [key, asArray(value)]),
      );
    }
    return normalised;
  });
}
