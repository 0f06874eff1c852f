/** A sample customer and order the email preview renders with. */
export const SAMPLE_CONTEXT: Record<string, unknown> = {
  customer: {
    firstName: 'Ana',
    lastName: 'Diaz',
    email: 'ana@example.com',
    company: 'Acme Inc',
    city: 'Austin',
    state: 'TX',
    country: 'US',
    group: 'VIP member',
  },
  order: { externalId: 'o-9001', total: '$1,299.00', itemCount: 1, status: 'paid' },
  cart: { total: '$84.00', recoveryUrl: 'https://shop.example.com/cart/recover/abc123' },
  coupon: { code: 'SAVE-7Q2K9', percentOff: 30, expiresAt: 'Dec 22, 2026' },
  store: { name: 'Demo Store' },
};

function lookup(context: Record<string, unknown>, path: string): unknown {
  let value: unknown = context;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Renders the output tags of a Liquid template (`{{ customer.firstName }}`, with `| default: "x"`,
 * `| upcase`, `| downcase`) for a preview; logic tags are dropped. The API renders with real Liquid.
 */
export function renderLiquidPreview(
  template: string,
  context: Record<string, unknown> = SAMPLE_CONTEXT,
): string {
  return template
    .replace(/\{%-?[\s\S]*?-?%\}/g, '')
    .replace(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g, (_m, expression: string) => {
      const [path = '', ...filters] = expression.split('|').map((p) => p.trim());
      let value = lookup(context, path);
      for (const filter of filters) {
        const [name, arg] = filter.split(':').map((p) => p.trim());
        if (name === 'default' && (value === undefined || value === null || value === ''))
          value = arg?.replace(/^['"]|['"]$/g, '');
        if (name === 'upcase' && typeof value === 'string') value = value.toUpperCase();
        if (name === 'downcase' && typeof value === 'string') value = value.toLowerCase();
      }
      return value === undefined || value === null ? '' : String(value);
    });
}

/** The subject and body as the sample customer would read them. */
export function EmailPreview({ subject, body }: { subject: string; body: string }) {
  if (!subject && !body) return null;
  return (
    <section className="email-preview" aria-label="Email preview">
      <h3>Preview for a sample customer (Ana Diaz)</h3>
      <div className="email-preview-subject">
        {renderLiquidPreview(subject) || <span className="muted">No subject</span>}
      </div>
      <div className="email-preview-body">{renderLiquidPreview(body)}</div>
    </section>
  );
}
