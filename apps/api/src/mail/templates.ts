import { Liquid, type Template } from 'liquidjs';

/**
 * Liquid for marketers' templates: unknown variables render empty (strict variables off), unknown
 * filters are errors (so a typo is reported, not silently dropped), only own properties are
 * readable, and parse / render / memory are bounded so a template cannot hog the worker.
 */
function engine(escapeHtml: boolean): Liquid {
  const liquid = new Liquid({
    strictVariables: false,
    strictFilters: true,
    ownPropertyOnly: true,
    parseLimit: 100_000,
    renderLimit: 1_000,
    memoryLimit: 10_000_000,
    outputEscape: escapeHtml ? 'escape' : undefined,
  });
  // Cents → "12.34" (the store's currency symbol is the template's business).
  liquid.registerFilter('money', (cents: unknown) =>
    typeof cents === 'number' ? (cents / 100).toFixed(2) : cents,
  );
  return liquid;
}

const plain = engine(false);
const html = engine(true);
const parsed = new Map<string, Template[]>();

/** A template that does not parse or render: its message names the line. */
export class TemplateError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'TemplateError';
  }
}

function parse(liquid: Liquid, source: string, field: string): Template[] {
  const key = `${liquid === html ? 'h' : 'p'}:${source}`;
  let templates = parsed.get(key);
  if (!templates) {
    try {
      templates = liquid.parse(source);
    } catch (error) {
      throw new TemplateError(field, (error as Error).message);
    }
    if (parsed.size > 1_000) parsed.clear();
    parsed.set(key, templates);
  }
  return templates;
}

/** Renders a template; `mode: 'html'` escapes variables' output. Throws {@link TemplateError}. */
export async function renderTemplate(
  source: string,
  variables: Record<string, unknown>,
  field: string,
  mode: 'text' | 'html' = 'text',
): Promise<string> {
  const liquid = mode === 'html' ? html : plain;
  const templates = parse(liquid, source, field);
  try {
    return await liquid.render(templates, variables);
  } catch (error) {
    throw new TemplateError(field, (error as Error).message);
  }
}

/** A rendered email: subject, HTML body and its plain-text alternative. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * Renders subject (text), body as HTML (escaped variables) and the text alternative: that HTML
 * with tags stripped, then entities decoded (so a customer's `<` survives as text).
 */
export async function renderEmail(
  template: { subject: string; body: string },
  variables: Record<string, unknown>,
): Promise<RenderedEmail> {
  const subject = (await renderTemplate(template.subject, variables, 'subject')).replace(/\s+/g, ' ').trim();
  const htmlBody = await renderTemplate(template.body, variables, 'body', 'html');
  return { subject, html: htmlBody, text: htmlToText(htmlBody) };
}

const entities: Record<string, string> = { lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' };

function htmlToText(source: string): string {
  return source
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h\d|li|tr)>/gi, '\n')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, '$2 ($1)')
    .replace(/<[^>]+>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => entities[e] ?? '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
