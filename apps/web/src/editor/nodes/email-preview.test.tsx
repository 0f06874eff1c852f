import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Profiler, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CurrentStoreProvider } from '../../stores/current-store';
import { EmailPreview } from './email-preview';

const people = [
  { id: 1, firstName: 'Ana', lastName: 'Diaz', email: 'ana@example.com' },
  { id: 2, firstName: 'Bo', lastName: 'Li', email: 'bo@example.com' },
];
const posts: Array<{ subject: string; body: string; customerId: number }> = [];

/** The server's preview, reduced to what the test needs: `{{ customer.firstName }}` and a syntax error. */
function renderLike(source: string, firstName: string) {
  return source.replace(/\{\{\s*customer\.firstName\s*\}\}/g, firstName);
}

beforeEach(() => {
  posts.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: URL | string, init?: RequestInit) => {
      const url = new URL(String(input));
      const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
      if (url.pathname === '/api/stores') return json({ items: [{ id: 'demo', name: 'Demo Store' }] });
      if (url.pathname === '/api/stores/demo/customers') {
        const q = (url.searchParams.get('q') ?? '').toLowerCase();
        return json({ items: people.filter((p) => p.firstName.toLowerCase().includes(q)), nextCursor: null });
      }
      if (url.pathname === '/api/stores/demo/emails/preview' && init?.method === 'POST') {
        const body = JSON.parse(String(init.body));
        posts.push(body);
        if (body.body.includes('{% if'))
          return json(
            {
              error: {
                code: 'validation_failed',
                message: 'Template error in body: tag "if" not closed, line:1',
              },
            },
            400,
          );
        const who = people.find((p) => p.id === body.customerId)!;
        return json({
          to: who.email,
          subject: renderLike(body.subject, who.firstName),
          html: renderLike(body.body, who.firstName),
          text: '',
          acceptsMarketing: true,
        });
      }
      return json({ error: { code: 'not_found', message: 'no' } }, 404);
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

let commits = 0;

function Harness() {
  const [subject, setSubject] = useState('Hi {{ customer.firstName }}');
  const [body, setBody] = useState('<p>Thanks, {{ customer.firstName }}</p>');
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  return (
    <QueryClientProvider client={client}>
      <CurrentStoreProvider>
        <input aria-label="Subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
        <input aria-label="Body" value={body} onChange={(e) => setBody(e.target.value)} />
        <Profiler id="preview" onRender={() => commits++}>
          <EmailPreview subject={subject} body={body} />
        </Profiler>
      </CurrentStoreProvider>
    </QueryClientProvider>
  );
}

const subjectShown = () => screen.queryByTestId('email-preview-subject')?.textContent;
const frame = () => screen.getByTitle('Email body preview') as HTMLIFrameElement;

describe('email preview', () => {
  it('renders subject and body on the server for the first customer, body in a sandboxed frame', async () => {
    render(<Harness />);
    await waitFor(() => expect(subjectShown()).toBe('Hi Ana'));
    expect(frame().getAttribute('sandbox')).toBe('');
    expect(frame().getAttribute('srcdoc')).toBe('<p>Thanks, Ana</p>');
    expect(posts).toEqual([
      {
        subject: 'Hi {{ customer.firstName }}',
        body: '<p>Thanks, {{ customer.firstName }}</p>',
        customerId: 1,
      },
    ]);
  });

  it('waits for typing to pause before asking the server again', async () => {
    render(<Harness />);
    await waitFor(() => expect(subjectShown()).toBe('Hi Ana'));
    const subject = screen.getByLabelText('Subject');
    for (const text of ['Hey', 'Hey {{ customer.firstName }}', 'Hey {{ customer.firstName }}!'])
      fireEvent.change(subject, { target: { value: text } });
    await waitFor(() => expect(subjectShown()).toBe('Hey Ana!'));
    expect(posts.map((p) => p.subject)).toEqual([
      'Hi {{ customer.firstName }}',
      'Hey {{ customer.firstName }}!',
    ]);
  });

  it('settles once rendered: no re-render while nothing changes', async () => {
    render(<Harness />);
    await waitFor(() => expect(subjectShown()).toBe('Hi Ana'));
    await new Promise((r) => setTimeout(r, 400));
    const settled = commits;
    await new Promise((r) => setTimeout(r, 700));
    expect(commits).toBe(settled);
  });

  it('shows a Liquid error as an alert with the server’s message', async () => {
    render(<Harness />);
    await waitFor(() => expect(subjectShown()).toBe('Hi Ana'));
    fireEvent.change(screen.getByLabelText('Body'), { target: { value: '{% if customer.firstName %}' } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Template error in body: tag "if" not closed, line:1');
  });

  it('previews for another customer found by search', async () => {
    render(<Harness />);
    await waitFor(() => expect(subjectShown()).toBe('Hi Ana'));
    fireEvent.change(screen.getByLabelText('Find a preview customer'), { target: { value: 'bo' } });
    const picker = screen.getByLabelText('Preview customer') as HTMLSelectElement;
    await waitFor(() => expect([...picker.options].map((o) => o.value)).toContain('2'));
    fireEvent.change(picker, { target: { value: '2' } });
    await waitFor(() => expect(subjectShown()).toBe('Hi Bo'));
    expect(posts.at(-1)?.customerId).toBe(2);
  });
});
