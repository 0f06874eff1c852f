import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { ErrorState } from '../shell/states';
import { useStoreId } from '../stores/current-store';
import { workflowsMutations } from '../workflows/workflows-queries';
import { templates } from './templates';

/** The templates gallery: each card creates a workflow from its graph and opens the editor. */
export default function TemplatesPage() {
  const storeId = useStoreId();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const create = useMutation(workflowsMutations.create(storeId, client));
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Templates</h1>
          <p className="page-lead">
            Start from a proven automation, then adjust it on the canvas before publishing.
          </p>
        </div>
      </header>
      {create.isError && <ErrorState title="Could not create the workflow" error={create.error} />}
      <div className="templates-grid">
        {templates.map((t) => (
          <article key={t.id} className="card template-card" data-testid={`template-${t.id}`}>
            <h2>{t.name}</h2>
            <p>{t.description}</p>
            <div className="template-meta">
              {t.tags.map((tag) => (
                <span key={tag} className="badge">
                  {tag}
                </span>
              ))}
              <span className="badge">{t.graph.nodes.length} steps</span>
            </div>
            <button
              type="button"
              className="btn btn-primary"
              disabled={create.isPending}
              aria-label={`Use template ${t.name}`}
              onClick={() =>
                create.mutate(
                  { name: t.name, graph: structuredClone(t.graph) },
                  { onSuccess: (w) => navigate(`/workflows/${w.id}`) },
                )
              }
            >
              Use this template
            </button>
          </article>
        ))}
      </div>
    </div>
  );
}
