import type { S3Error } from './s3-error';

/** One `<Part>` of a CompleteMultipartUpload document. */
export interface ListedPart {
  partNumber: number;
  /** As sent, quotes included. */
  etag: string;
  /** The part's `Checksum*` elements by name (`ChecksumSHA256` → value). */
  checksums: Record<string, string>;
}

export const malformedXml: S3Error = {
  status: 400,
  code: 'MalformedXML',
  message:
    'The XML you provided was not well-formed or did not validate against our published schema',
};

interface Element {
  name: string;
  children: Element[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string | undefined {
  // A bare `&` (not starting a reference) is not well-formed.
  if (/&(?!(?:#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);)/.test(text)) return undefined;
  let ok = true;
  const decoded = text.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);/g, (_, entity: string) => {
    const code = entity.startsWith('#x')
      ? parseInt(entity.slice(2), 16)
      : entity.startsWith('#')
        ? parseInt(entity.slice(1), 10)
        : undefined;
    const value =
      code === undefined
        ? ENTITIES[entity]
        : code <= 0x10ffff
          ? String.fromCodePoint(code)
          : undefined;
    if (value === undefined) ok = false;
    return value ?? '';
  });
  return ok ? decoded : undefined;
}

// Markup S3's documents use: declaration, comments, CDATA, elements (attributes ignored), text.
const TOKEN =
  /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.:-]*)(?:\s[^<>]*?)?(\/?)>|([^<]+)|(<)/g;

/** A small, strict reader for the element tree of a short document; undefined when malformed. */
function parseXml(xml: string): Element | undefined {
  const stack: Element[] = [];
  let root: Element | undefined;
  for (const match of xml.matchAll(TOKEN)) {
    const [, cdata, closing, rawName, selfClosing, text, stray] = match;
    if (stray !== undefined) return undefined;
    const open = stack[stack.length - 1];
    if (text !== undefined || cdata !== undefined) {
      const value = cdata ?? decodeEntities(text ?? '');
      if (value === undefined) return undefined;
      if (open) open.text += value;
      else if (value.trim() !== '') return undefined;
      continue;
    }
    if (rawName === undefined) continue; // declaration or comment
    // Namespaces are not checked: `s3:Part` is a Part.
    const name = rawName.slice(rawName.indexOf(':') + 1);
    if (closing) {
      if (!open || open.name !== name || selfClosing) return undefined;
      stack.pop();
      continue;
    }
    const element: Element = { name, children: [], text: '' };
    if (open) open.children.push(element);
    else if (root) return undefined;
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  return stack.length === 0 ? root : undefined;
}

/**
 * Reads a CompleteMultipartUpload body the way S3 validates it: a malformed document, an empty
 * list, or a part without a numeric PartNumber or an ETag is MalformedXML; a part number below 1
 * is InvalidArgument. Everything else (order, existence, sizes) is for the caller to judge.
 */
export function parseCompleteRequest(xml: string): ListedPart[] | S3Error {
  const root = parseXml(xml);
  if (!root || root.name !== 'CompleteMultipartUpload') return malformedXml;
  const parts: ListedPart[] = [];
  for (const element of root.children) {
    if (element.name !== 'Part') continue;
    const fields = new Map(element.children.map((child) => [child.name, child.text]));
    const partNumber = fields.get('PartNumber')?.trim();
    const etag = fields.get('ETag');
    if (partNumber === undefined || !/^[+-]?\d{1,10}$/.test(partNumber) || etag === undefined) {
      return malformedXml;
    }
    const number = Number(partNumber);
    if (number < 1) {
      return {
        status: 400,
        code: 'InvalidArgument',
        message: 'PartNumber must be >= 1',
        details: { ArgumentName: 'PartNumber', ArgumentValue: String(number) },
      };
    }
    const checksums: Record<string, string> = {};
    for (const [name, value] of fields) {
      if (name.startsWith('Checksum')) checksums[name] = value.trim();
    }
    parts.push({ partNumber: number, etag: etag.trim(), checksums });
  }
  return parts.length > 0 ? parts : malformedXml;
}
