/** Placeholder replaced by the templates gallery. */
export default function TemplatesPage() {
  return null;
}
